/**
 * Inventory CSV. Columns (header names exact, any order):
 *   site, hardware_id, quantity, status, install_date, decommission_date [, serial, notes, record_id]
 * - `quantity`: a whole number >= 1; may be empty when `serial` lists the units.
 * - `status`: planned | ordered | installed | retired.
 * - dates: YYYY-MM-DD or empty; hardware counts from install_date (inclusive) until
 *   decommission_date (exclusive); a retired row needs a decommission_date.
 * - `serial`: serial numbers separated by `;`, one per unit (their number must equal quantity).
 * - `record_id`: the id of a stored record (as `inventory list` and the CSV export show): the row
 *   updates that record (or creates it with that id); rows without one are added, unless an
 *   identical record is already stored (see ./plan.ts). As a NetBox CSV's `id` column does.
 * Every bad cell is reported as `FILE:LINE:COLUMN: reason`; a file with any issue imports nothing.
 */
import { type Catalog, catalogId } from '../core/catalog/catalog';
import { HARDWARE_STATUSES, type HardwareStatus, MAX_QUANTITY_PER_RECORD } from '../core/compliance/types';
import { csvField, csvValue, readCsv } from '../core/csv';
import { type ParsedInventory, type StoredHardware, TEXT_LIMITS } from '../core/inventory/records';
import { say } from '../core/messages/say';
import { fail, type Issue, ok, type Result } from '../core/result';
import {
  clip,
  isIsoDate,
  knownHardware,
  LONE_SURROGATE_MESSAGE,
  loneSurrogateLine,
  unknownHardwareMessage,
} from './validate';

export const CSV_REQUIRED_COLUMNS = [
  'site',
  'hardware_id',
  'quantity',
  'status',
  'install_date',
  'decommission_date',
] as const;
export const CSV_OPTIONAL_COLUMNS = ['serial', 'notes', 'record_id'] as const;
const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
const ALL_COLUMNS: readonly string[] = [...CSV_REQUIRED_COLUMNS, ...CSV_OPTIONAL_COLUMNS];

// Stop collecting after this many: a wholly wrong file would otherwise print 100,000 lines.
const MAX_ISSUES = 200;

export function parseInventoryCsv(text: string, file: string, catalog: Catalog): Result<ParsedInventory> {
  const badLine = loneSurrogateLine(text);
  if (badLine !== null)
    return fail({ code: 'not_unicode', path: `${file}:${badLine}`, message: LONE_SURROGATE_MESSAGE });
  const parsed = readCsv(text, (line) => `${file}:${line}`);
  if (parsed.issues.length > 0) return fail(...parsed.issues);
  const [header, ...rows] = parsed.rows;
  if (!header) return fail({ code: 'empty', path: file, message: say('import.empty') });
  const names = header.fields.map((f) => f.trim());
  const issues: Issue[] = [];
  names.forEach((name, index) => {
    if (!ALL_COLUMNS.includes(name)) {
      issues.push({
        code: 'unknown_column',
        path: `${file}:${header.line}:${clip(name) || `#${index + 1}`}`,
        message: say('import.unknown-column', { columns: ALL_COLUMNS.join(', ') }),
      });
    } else if (names.indexOf(name) !== index) {
      issues.push({
        code: 'duplicate_column',
        path: `${file}:${header.line}:${clip(name)}`,
        message: say('import.column-twice'),
      });
    }
  });
  for (const required of CSV_REQUIRED_COLUMNS) {
    if (!names.includes(required)) {
      issues.push({
        code: 'missing_column',
        path: `${file}:${header.line}:${required}`,
        message: say('import.column-missing'),
      });
    }
  }
  if (issues.length > 0) return fail(...issues);
  const col = Object.fromEntries(names.map((n, i) => [n, i])) as Record<string, number>;

  const hardware: ParsedInventory['hardware'] = [];
  const rowLabels: string[] = [];
  const siteNames = new Set<string>();
  const serialsSeen = new Map<string, number>();
  const idsSeen = new Map<string, number>();
  for (const row of rows) {
    if (issues.length >= MAX_ISSUES) break;
    const at = (column: string) => `${file}:${row.line}:${column}`;
    if (row.fields.length !== names.length) {
      issues.push({
        code: 'field_count',
        path: `${file}:${row.line}`,
        message: say('import.field-count', { expected: names.length, got: row.fields.length }),
      });
      continue;
    }
    const cell = (column: string): string =>
      col[column] === undefined ? '' : csvValue(row.fields[col[column]]!.trim());
    const rowIssues: Issue[] = [];
    const bad = (column: string, message: string) =>
      rowIssues.push({ code: 'invalid_value', path: at(column), message });

    const site = cell('site');
    if (site === '') bad('site', say('import.site-name'));
    else if (site.length > 200) bad('site', say('import.site-name-long'));

    // an id in any case, as the catalog, train and plan take it (`Nvidia-H20`); stored as the catalog writes it
    const typedId = cell('hardware_id');
    const hardwareId = typedId === '' ? '' : catalogId(catalog, typedId);
    if (hardwareId === '') bad('hardware_id', say('import.catalog-id'));
    else if (!knownHardware(catalog, hardwareId)) {
      bad('hardware_id', unknownHardwareMessage(catalog, hardwareId, clip(typedId)));
    }

    const serialText = cell('serial');
    const serials = serialText === '' ? [] : serialText.split(';').map((s) => s.trim());
    if (serials.some((s) => s === '')) bad('serial', say('import.empty-serial'));
    if (serials.some((s) => s.length > TEXT_LIMITS.serial))
      bad('serial', say('record.too-long', { max: TEXT_LIMITS.serial }));
    for (const serial of serials) {
      const key = `${hardwareId}\u0000${serial}`;
      const first = serialsSeen.get(key);
      if (first === row.line)
        bad('serial', say('import.serial-repeated-row', { serial: clip(serial), hardware: hardwareId }));
      else if (first !== undefined)
        bad(
          'serial',
          say('import.serial-repeated', { serial: clip(serial), hardware: hardwareId, line: first }),
        );
      else serialsSeen.set(key, row.line);
    }

    const quantityText = cell('quantity');
    let quantity = serials.length;
    if (quantityText !== '') {
      if (
        !/^\d+$/.test(quantityText) ||
        Number(quantityText) < 1 ||
        Number(quantityText) > MAX_QUANTITY_PER_RECORD
      ) {
        bad('quantity', say('import.quantity', { max: MAX_QUANTITY_PER_RECORD, value: clip(quantityText) }));
      } else {
        quantity = Number(quantityText);
        if (serials.length > 0 && serials.length !== quantity) {
          bad('serial', say('import.serials-count', { serials: serials.length, quantity }));
        }
      }
    } else if (serials.length === 0) {
      bad('quantity', say('import.quantity-missing'));
    }

    const statusText = cell('status').toLowerCase();
    if (!(HARDWARE_STATUSES as readonly string[]).includes(statusText)) {
      bad(
        'status',
        say('import.status', { values: HARDWARE_STATUSES.join(', '), value: clip(cell('status')) }),
      );
    }
    const status = statusText as HardwareStatus;

    const date = (column: string): string | null => {
      const value = cell(column);
      if (value === '') return null;
      if (!isIsoDate(value)) bad(column, say('import.date', { value: clip(value) }));
      return value;
    };
    const installDate = date('install_date');
    const decommissionDate = date('decommission_date');
    if (installDate && decommissionDate && decommissionDate <= installDate) {
      bad(
        'decommission_date',
        say('import.decommission-order', { decommission: decommissionDate, install: installDate }),
      );
    }
    if (status === 'retired' && decommissionDate === null) {
      bad('decommission_date', say('import.retired-needs-date'));
    }

    const recordId = cell('record_id');
    if (recordId !== '') {
      const first = idsSeen.get(recordId);
      if (!RECORD_ID.test(recordId)) bad('record_id', say('import.record-id', { value: clip(recordId) }));
      else if (first !== undefined)
        bad('record_id', say('import.record-repeated', { id: recordId, line: first }));
      else idsSeen.set(recordId, row.line);
    }

    const notes = cell('notes');
    if (notes.length > TEXT_LIMITS.notes) bad('notes', say('record.too-long', { max: TEXT_LIMITS.notes }));

    if (rowIssues.length > 0) {
      issues.push(...rowIssues);
      continue;
    }
    siteNames.add(site);
    rowLabels.push(`${file}:${row.line}`);
    hardware.push({
      ...(recordId === '' ? {} : { id: recordId }),
      site,
      hardwareId,
      quantity,
      status,
      installDate,
      decommissionDate,
      serials,
      notes: notes === '' ? null : notes,
      purchaseOrderId: null,
    });
  }
  if (issues.length >= MAX_ISSUES) {
    issues.push({
      code: 'too_many_issues',
      path: file,
      message: say('import.too-many', { max: MAX_ISSUES }),
    });
  }
  if (issues.length > 0) return fail(...issues);
  return ok({
    sites: [...siteNames].map((name) => ({ name })),
    hardware,
    rowLabels,
    mode: 'append',
    warnings: [],
  });
}

/**
 * Writes records as inventory CSV (the columns above, in order), with their record ids: importing
 * the file again changes nothing, and an edited row updates its record.
 */
export function inventoryToCsv(records: readonly StoredHardware[]): string {
  const lines = [ALL_COLUMNS.join(',')];
  for (const r of records) {
    lines.push(
      [
        r.site,
        r.hardwareId,
        String(r.quantity),
        r.status,
        r.installDate ?? '',
        r.decommissionDate ?? '',
        r.serials.join(';'),
        r.notes ?? '',
        r.id,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
