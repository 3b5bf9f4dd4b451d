/**
 * `chipmix catalog list|show|compare|audit`: the sourced accelerator catalog. The commands only parse
 * options, call the pure core (src/core/catalog) and print; `--json` prints one JSON document.
 */
import type { Command } from 'commander';
import { type AuditFilter, auditCatalog } from '../../core/catalog/audit';
import { type Catalog, findEntry, suggestIds } from '../../core/catalog/catalog';
import { compareIds } from '../../core/catalog/compare';
import { ROADMAP_STATUSES, STATUSES, type Status } from '../../core/catalog/schema';
import { type ListFilter, listEntries, showEntry } from '../../core/catalog/view';
import { say } from '../../core/messages/say';
import { CATALOG_ENV, catalogPaths, loadCatalog } from '../catalog-files';
import { renderAudit, renderComparison, renderEntry, renderList } from '../catalog-format';
import { UsageError } from '../errors';
import { emit, type OutputOptions, printJson, printLine } from '../output';

/** The catalog for a command: built-in data plus CHIPMIX_CATALOG and --catalog files. */
export function catalogFor(command: Command): Catalog {
  const globals = command.optsWithGlobals<{ catalog?: string[] }>();
  return loadCatalog(catalogPaths(globals.catalog, process.env[CATALOG_ENV]));
}

/** `unknown id "x" (did you mean a, b?)`, the one-line error for every id lookup. */
export function unknownIdMessage(catalog: Catalog, id: string): string {
  const near = suggestIds(catalog, id);
  const hint = near.length > 0 ? ` (did you mean ${near.join(', ')}?)` : '';
  return `unknown catalog id "${id}"${hint}; run 'chipmix catalog list' for all ids`;
}

interface ListOptions {
  domestic?: boolean;
  foreign?: boolean;
  vendor?: string;
  kind?: string;
  json?: boolean;
}

function listFilter(options: ListOptions): ListFilter {
  if (options.domestic && options.foreign)
    throw new UsageError('--domestic and --foreign exclude each other');
  const filter: ListFilter = {};
  if (options.domestic) filter.domestic = true;
  if (options.foreign) filter.domestic = false;
  if (options.vendor !== undefined) filter.vendor = options.vendor;
  if (options.kind !== undefined) {
    if (options.kind !== 'chip' && options.kind !== 'system') {
      throw new UsageError(`--kind: expected chip or system, got "${options.kind}"`);
    }
    filter.kind = options.kind;
  }
  return filter;
}

/** `--status shipping` or `--status roadmap` (announced and rumoured). */
function auditFilter(status: string | undefined): AuditFilter {
  if (status === undefined) return {};
  if (status === 'roadmap') return { statuses: ROADMAP_STATUSES };
  if ((STATUSES as ReadonlyArray<string>).includes(status)) return { statuses: [status as Status] };
  throw new UsageError(`--status: expected roadmap or one of ${STATUSES.join(', ')}, got "${status}"`);
}

export const listAction = async (options: ListOptions & OutputOptions, command: Command) => {
  const filter = listFilter(options);
  const rows = listEntries(catalogFor(command), filter);
  await emit(options, { document: rows, rows: () => rows, table: () => printLine(renderList(rows)) });
};

export const showAction = async (
  id: string,
  options: { json?: boolean; entry?: boolean },
  command: Command,
) => {
  const data = catalogFor(command);
  if (options.entry) {
    if (options.json)
      throw new UsageError('--entry prints a user catalog file (YAML); give --entry or --json');
    const entry = findEntry(data, id);
    if (entry === null) throw new UsageError(unknownIdMessage(data, id));
    // the stored shape, which --catalog reads back: an edited copy replaces the built-in entry whole
    const file = entry.kind === 'chip' ? { chips: [entry.chip] } : { systems: [entry.system] };
    const { stringify } = await import('../yaml-text');
    process.stdout.write(stringify(file, { lineWidth: 0 }));
    return;
  }
  const view = showEntry(data, id);
  if (view === null) throw new UsageError(unknownIdMessage(data, id));
  if (options.json) printJson(view);
  else printLine(renderEntry(view));
};

export const auditAction = (options: { status?: string; json?: boolean }, command: Command) => {
  const audit = auditCatalog(catalogFor(command), auditFilter(options.status));
  if (options.json) printJson(audit);
  else printLine(renderAudit(audit));
};

export const compareAction = (ids: string[], options: { json?: boolean }, command: Command) => {
  if (ids.length < 2) throw new UsageError('compare needs at least two ids');
  const data = catalogFor(command);
  const result = compareIds(data, ids);
  if (!result.ok)
    throw new UsageError(
      result.unknown.length > 0
        ? unknownIdMessage(data, result.unknown[0]!)
        : say('compare.hardware-twice', { id: result.repeated[0]! }),
    );
  if (options.json) printJson(result.comparison);
  else printLine(renderComparison(result.comparison));
};
