/**
 * `chipmix inventory ...`: import, list, edit and export the accelerator inventory kept in the store.
 * Heavy modules (the store, kysely, better-sqlite3, pg) are imported inside the actions, so other
 * commands do not pay for them at start-up.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import type { Catalog } from '../../core/catalog/catalog';
import {
  HARDWARE_STATUSES,
  type HardwareStatus,
  MAX_QUANTITY_PER_RECORD,
  MAX_VERSION,
} from '../../core/compliance/types';
import { INVENTORY_FORMATS } from '../../core/inventory/formats';
import { formatIssue } from '../../core/result';
import { clip, isIsoDate } from '../../inventory/validate';
import type { Store } from '../../store/open';
import { UsageError } from '../errors';
import {
  addOutputOption,
  type OutputOptions,
  outputFormat,
  printJson,
  printLine,
  writeOutFile,
} from '../output-option';

// ---------------------------------------------------------------- helpers shared by comply/policy

interface GlobalOptions {
  dataDir?: string;
  catalog?: string[];
}

/**
 * Opens the store chosen by --data-dir / CHIPMIX_DATA_DIR / CHIPMIX_DATABASE_URL and runs `fn`. A write
 * that finds another writer at work waits for it (saying so once) instead of failing.
 */
export async function withStore<T>(command: Command, fn: (store: Store) => Promise<T>): Promise<T> {
  const [{ openStore }, { describeStoreFailure }] = await Promise.all([
    import('../../store/open'),
    import('../../store/errors'),
  ]);
  const options = command.optsWithGlobals<GlobalOptions>();
  let store: Store;
  try {
    store = await openStore({
      dataDir: options.dataDir,
      onLockWait: () =>
        process.stderr.write(
          'chipmix: another chipmix process is writing to the store; waiting for it to finish (Ctrl-C gives up)...\n',
        ),
    });
  } catch (error) {
    const failure = describeStoreFailure(error, options.dataDir ?? 'the store');
    const where = options.dataDir ? `--data-dir ${options.dataDir}: ` : '';
    throw new UsageError(failure ? failure.message : `${where}cannot open the store: ${firstLine(error)}`);
  }
  try {
    return await fn(store);
  } catch (error) {
    throw await asUsageError(error, store.location);
  } finally {
    await store.close();
  }
}

/** Store conflicts, not-found errors and failures of the store itself: one line, exit 2. */
async function asUsageError(error: unknown, location: string): Promise<unknown> {
  const { ConflictError, InvalidRecordError, NotFoundError, describeStoreFailure } = await import(
    '../../store/errors'
  );
  const { ImportConflictError, ImportInvalidError } = await import('../../inventory/import');
  if (error instanceof ImportInvalidError) {
    for (const issue of error.issues) process.stderr.write(`chipmix: ${formatIssue(issue)}\n`);
    return new UsageError(error.message);
  }
  if (
    error instanceof ConflictError ||
    error instanceof InvalidRecordError ||
    error instanceof NotFoundError ||
    error instanceof ImportConflictError
  ) {
    return new UsageError(error.message);
  }
  const failure = describeStoreFailure(error, location);
  return failure ? new UsageError(failure.message) : error;
}

/** The catalog (built-in plus --catalog and $CHIPMIX_CATALOG files); its loader is imported on use. */
export async function cliCatalog(command: Command): Promise<Catalog> {
  const optionPaths = command.optsWithGlobals<GlobalOptions>().catalog ?? [];
  const envValue = process.env.CHIPMIX_CATALOG ?? '';
  // Without user files (the usual case) the YAML parser and the schema are not loaded at all.
  if (optionPaths.length === 0 && envValue.trim() === '') {
    const { builtinCatalog } = await import('../builtin-catalog');
    return builtinCatalog();
  }
  const { catalogPaths, loadCatalog } = await import('../catalog-files');
  return loadCatalog(catalogPaths(optionPaths, envValue));
}

/** Today in UTC, YYYY-MM-DD. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function parseDateOption(value: string, option: string): string {
  if (!isIsoDate(value)) throw new UsageError(`${option}: expected a date YYYY-MM-DD, got "${value}"`);
  return value;
}

export function parseWholeNumber(
  value: string,
  option: string,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `${min}..${max}`;
    throw new UsageError(`${option}: expected a whole number ${range}, got "${clip(value)}"`);
  }
  return Number(value);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

function printPreview(file: string, format: string, p: import('../../inventory/import').ImportPreview): void {
  const h = p.hardware;
  printLine(
    `Preview of ${file} (${format}), nothing written: ${h.added} records to add, ${h.changed} to change, ` +
      `${h.removed} to delete, ${h.duplicates} duplicates of stored records (not added); ` +
      `${p.sitesCreated.length} sites to create, ${p.sitesUpdated.length} to update` +
      (p.policiesAdded.length > 0 ? `; policy versions to add: ${p.policiesAdded.join(', ')}` : '') +
      '.',
  );
  for (const [title, lines, total] of [
    ['add', p.samples.added, h.added],
    ['change', p.samples.changed, h.changed],
    ['delete', p.samples.removed, h.removed],
    ['duplicate', p.samples.duplicates, h.duplicates],
  ] as const) {
    for (const line of lines) printLine(`  ${title}: ${line}`);
    if (total > lines.length) printLine(`  ${title}: ... and ${total - lines.length} more`);
  }
}

/**
 * The largest file the CLI reads for an import or a policy (checked before reading: a 600 MB file was read whole and
 * then failed with ERR_STRING_TOO_LONG). Eight times the server's import body (BODY_LIMIT_BYTES.import, 8 MiB, which
 * holds the file as a JSON string): a whole-fleet JSON snapshot of about 200,000 records still re-imports from the
 * command line, while the text fields inside are bounded by the schemas (TEXT_LIMITS).
 */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export function readInput(file: string): string {
  try {
    const size = statSync(file).size;
    if (size > MAX_INPUT_BYTES)
      throw new UsageError(
        `${file}: the file is ${(size / 1024 / 1024).toFixed(1)} MiB, more than the ${MAX_INPUT_BYTES / 1024 / 1024} MiB the CLI reads; split it (the API takes 8 MiB per request)`,
      );
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? firstLine(error)})`,
    );
  }
}

// ---------------------------------------------------------------- commands

export function registerInventoryCommands(program: Command): void {
  if (!program.options.some((o) => o.long === '--data-dir')) {
    program.option(
      '--data-dir <dir>',
      'directory of the embedded store (default: $CHIPMIX_DATA_DIR or ./.chipmix)',
    );
  }
  const inventory = program
    .command('inventory')
    .description('Import, list, edit and export the accelerator inventory (sites and hardware records)');

  inventory
    .command('import <file>')
    .description(
      'Import a CSV, NetBox JSON bundle or chipmix JSON snapshot: all rows or none. Rows identical to stored records are reported as duplicates and not added again',
    )
    .option('--format <format>', 'csv | netbox | json (default: from the file)')
    .option('--dry-run', 'show what the import would add, change, remove and skip; write nothing')
    .option('--replace', 'the file is the whole inventory: delete hardware records it does not match')
    .option('--allow-duplicates', 'add rows even when an identical record is already stored')
    .option('--aliases <file>', 'JSON map of NetBox model names to catalog ids')
    .option('--json', 'print the import summary (or the preview) as JSON')
    .action(
      async (
        file: string,
        opts: {
          format?: string;
          dryRun?: boolean;
          replace?: boolean;
          allowDuplicates?: boolean;
          aliases?: string;
          json?: boolean;
        },
        cmd: Command,
      ) => {
        const { detectFormat, parseInventoryFile, importInventory, previewImport } = await import(
          '../../inventory/index'
        );
        const text = readInput(file);
        const format = opts.format ?? detectFormat(file, text);
        if (!(INVENTORY_FORMATS as readonly string[]).includes(format)) {
          throw new UsageError(
            `--format: expected one of ${INVENTORY_FORMATS.join(', ')}, got "${clip(format)}"`,
          );
        }
        let aliases: Record<string, string> | undefined;
        if (opts.aliases) {
          try {
            aliases = JSON.parse(readInput(opts.aliases)) as Record<string, string>;
          } catch {
            throw new UsageError(`${opts.aliases}: expected a JSON object of model name to catalog id`);
          }
        }
        const parsed = parseInventoryFile(
          text,
          file,
          format as 'csv',
          await cliCatalog(cmd),
          aliases ? { aliases } : {},
        );
        if (!parsed.ok) {
          for (const issue of parsed.issues) process.stderr.write(`chipmix: ${formatIssue(issue)}\n`);
          throw new UsageError(
            `${file}: import refused, ${parsed.issues.length} problem(s) above; nothing was written`,
          );
        }
        const plan = {
          replace: opts.replace === true,
          allowDuplicates: opts.allowDuplicates === true,
          file,
        };
        if (opts.dryRun) {
          const preview = await withStore(cmd, (store) => previewImport(store, parsed.value, plan));
          if (opts.json) return printJson(preview);
          for (const w of preview.warnings) process.stderr.write(`chipmix: warning: ${w}\n`);
          return printPreview(file, format, preview);
        }
        const { writeContext } = await import('../../store/context');
        const summary = await withStore(cmd, (store) =>
          importInventory(store, writeContext(), parsed.value, plan),
        );
        if (opts.json) return printJson(summary);
        for (const w of summary.warnings) process.stderr.write(`chipmix: warning: ${w}\n`);
        const wrote =
          summary.hardwareCreated + summary.hardwareUpdated + summary.hardwareDeleted > 0 ||
          summary.sitesCreated +
            summary.sitesUpdated +
            summary.policiesAdded +
            summary.purchaseOrdersWritten >
            0;
        printLine(
          `Imported ${file} (${format}): ${summary.hardwareCreated} records added, ${summary.hardwareUpdated} updated, ` +
            `${summary.hardwareDeleted} deleted, ${summary.hardwareDuplicates} duplicates not added; ` +
            `${summary.sitesCreated} sites created, ${summary.sitesUpdated} updated` +
            (summary.policiesAdded > 0 ? `; ${summary.policiesAdded} policy versions added` : '') +
            (wrote
              ? ` (batch ${summary.batch}; \`chipmix inventory undo ${summary.batch}\` reverts it).`
              : '; nothing was written.'),
        );
      },
    );

  inventory
    .command('undo <change>')
    .description(
      'Revert an import (or an undo) from the change log: its batch id (b_...) or the number of one of its entries',
    )
    .option('--json', 'print the summary as JSON')
    .action(async (change: string, opts: { json?: boolean }, cmd: Command) => {
      if (!/^(b_[0-9a-z]{1,40}|\d{1,15})$/.test(change))
        throw new UsageError(`expected a batch id (b_...) or a change number, got "${clip(change)}"`);
      const [{ undoBatch, UndoRefusedError }, { writeContext }] = await Promise.all([
        import('../../inventory/undo'),
        import('../../store/context'),
      ]);
      const summary = await withStore(cmd, async (store) => {
        try {
          return await undoBatch(store, writeContext(), change);
        } catch (error) {
          if (error instanceof UndoRefusedError) throw new UsageError(error.message);
          throw error;
        }
      });
      if (opts.json) return printJson(summary);
      printLine(
        `Undid batch ${summary.undone}: ${summary.hardwareRemoved} records removed, ${summary.hardwareRestored} restored, ` +
          `${summary.hardwareReverted} reverted; ${summary.sitesRemoved} sites removed, ${summary.sitesReverted} reverted` +
          (summary.policiesRemoved + summary.policiesRestored > 0
            ? `; ${summary.policiesRemoved} policy versions removed, ${summary.policiesRestored} restored`
            : '') +
          ` (batch ${summary.batch}).`,
      );
    });

  const list = inventory
    .command('list')
    .description('List hardware records')
    .option('--site <site>', 'only this site')
    .option('--json', 'print JSON (records with id and version, for `inventory set`)');
  addOutputOption(list, 'one row per record').action(
    async (opts: { site?: string } & OutputOptions, cmd: Command) => {
      const { listHardware } = await import('../../store/hardware');
      const records = await withStore(cmd, (store) => listHardware(store.db, { site: opts.site }));
      if (outputFormat(opts) !== 'table') {
        const { emit } = await import('../output');
        return emit(opts, { document: records, rows: () => records, table: () => {} });
      }
      if (records.length === 0)
        return printLine(opts.site ? `No hardware at ${opts.site}.` : 'The inventory is empty.');
      const { default: Table } = await import('cli-table3');
      const table = new Table({
        head: ['id', 'site', 'hardware', 'qty', 'status', 'installed', 'decommissioned', 'v'],
        style: { head: [], border: [] },
      });
      for (const r of records) {
        table.push([
          r.id,
          r.site,
          r.hardwareId,
          r.quantity,
          r.status,
          r.installDate ?? '',
          r.decommissionDate ?? '',
          r.version,
        ]);
      }
      printLine(table.toString());
      printLine(`${records.length} records, ${records.reduce((n, r) => n + r.quantity, 0)} units.`);
    },
  );

  inventory
    .command('export')
    .description('Export the inventory (JSON snapshot that re-imports exactly, or CSV)')
    .option('--format <format>', 'json | csv', 'json')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (opts: { format: string; out?: string }, cmd: Command) => {
      if (opts.format !== 'json' && opts.format !== 'csv') {
        throw new UsageError(`--format: expected json or csv, got "${opts.format}"`);
      }
      const { exportInventoryCsv, exportInventoryDocument, serialiseInventoryDocument } = await import(
        '../../inventory/index'
      );
      const text = await withStore(cmd, async (store) =>
        opts.format === 'csv'
          ? exportInventoryCsv(store)
          : serialiseInventoryDocument(await exportInventoryDocument(store)),
      );
      if (opts.out) {
        writeOutFile(opts.out, text);
        process.stderr.write(`chipmix: wrote ${opts.out}\n`);
      } else process.stdout.write(text);
    });

  const sites = inventory
    .command('sites')
    .description('List sites and the facts rules select on')
    .option('--json', 'print JSON');
  addOutputOption(sites, 'one row per site').action(async (opts: OutputOptions, cmd: Command) => {
    const { listSites } = await import('../../store/sites');
    const sites = await withStore(cmd, (store) => listSites(store.db));
    if (outputFormat(opts) !== 'table') {
      const { emit } = await import('../output');
      return emit(opts, { document: sites, rows: () => sites, table: () => {} });
    }
    if (sites.length === 0) return printLine('The inventory has no sites.');
    // a table, as `-o` promises and `inventory list` draws
    const { default: Table } = await import('cli-table3');
    const table = new Table({
      head: ['site', 'region', 'state-funded', 'completion', 'commissioned', 'v'],
      style: { head: [], border: [] },
    });
    for (const s of sites)
      table.push([
        s.name,
        s.region ?? '-',
        s.stateFunded ? 'yes' : 'no',
        s.projectCompletionPct === null ? '-' : `${s.projectCompletionPct}%`,
        s.commissioningDate ?? '-',
        s.version,
      ]);
    printLine(table.toString());
  });

  inventory
    .command('site <name>')
    .description('Create a site or change its facts (region, state funding, project completion)')
    .option('--region <region>', 'province or city, e.g. Shanghai')
    .option('--state-funded', 'the site received state funds')
    .option('--not-state-funded', 'the site received no state funds')
    .option('--completion <percent>', 'project completion, 0..100, or "unknown" to clear it')
    .option('--commissioned <date>', 'commissioning date YYYY-MM-DD')
    .option('--expect-version <n>', 'refuse if the site changed since you read this version')
    .action(async (typed: string, opts: Record<string, string | boolean | undefined>, cmd: Command) => {
      // trimmed, as the CSV importer trims its cells: " A " is site A, not a second site
      const name = typed.trim();
      const patch: Record<string, unknown> = {};
      if (typeof opts.region === 'string') patch.region = opts.region;
      if (opts.stateFunded && opts.notStateFunded)
        throw new UsageError('--state-funded and --not-state-funded contradict');
      if (opts.stateFunded) patch.stateFunded = true;
      if (opts.notStateFunded) patch.stateFunded = false;
      if (typeof opts.completion === 'string') {
        // Number('') and Number(' ') are 0: only a decimal number is a percent
        const text = opts.completion.trim();
        const pct = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
        if (text.toLowerCase() === 'unknown') patch.projectCompletionPct = null;
        else if (!(pct >= 0 && pct <= 100))
          throw new UsageError(
            `--completion: expected a percent 0..100 (or "unknown" to clear it), got "${clip(opts.completion)}"`,
          );
        else patch.projectCompletionPct = pct;
      }
      if (typeof opts.commissioned === 'string')
        patch.commissioningDate = parseDateOption(opts.commissioned, '--commissioned');
      const expected =
        typeof opts.expectVersion === 'string'
          ? parseWholeNumber(opts.expectVersion, '--expect-version', 1, MAX_VERSION)
          : undefined;
      const { createSites, getSite, updateSite } = await import('../../store/sites');
      const { writeContext } = await import('../../store/context');
      const site = await withStore(cmd, (store) =>
        store.db.transaction().execute(async (trx) => {
          const ctx = writeContext();
          const current = await getSite(trx, name);
          if (!current) return (await createSites(trx, ctx, [{ name, ...patch }]))[0]!;
          return updateSite(trx, ctx, name, expected ?? current.version, patch);
        }),
      );
      printLine(
        `Site ${site.name} (v${site.version}): region=${site.region ?? '-'}, state-funded=${site.stateFunded ? 'yes' : 'no'}, completion=${site.projectCompletionPct === null ? '-' : `${site.projectCompletionPct}%`}.`,
      );
    });

  inventory
    .command('set <id>')
    .description('Change one hardware record (optimistic locking: --expect-version refuses stale edits)')
    .option('--quantity <n>', 'units')
    .option('--status <status>', HARDWARE_STATUSES.join(' | '))
    .option('--install-date <date>', 'YYYY-MM-DD')
    .option('--decommission-date <date>', 'YYYY-MM-DD')
    .option('--expect-version <n>', 'the version you read (from `inventory list --json`)')
    .action(async (id: string, opts: Record<string, string | undefined>, cmd: Command) => {
      const patch: {
        quantity?: number;
        status?: HardwareStatus;
        installDate?: string;
        decommissionDate?: string;
      } = {};
      if (opts.quantity !== undefined)
        patch.quantity = parseWholeNumber(opts.quantity, '--quantity', 1, MAX_QUANTITY_PER_RECORD);
      if (opts.status !== undefined) {
        if (!(HARDWARE_STATUSES as readonly string[]).includes(opts.status)) {
          throw new UsageError(
            `--status: expected one of ${HARDWARE_STATUSES.join(', ')}, got "${opts.status}"`,
          );
        }
        patch.status = opts.status as HardwareStatus;
      }
      if (opts.installDate !== undefined)
        patch.installDate = parseDateOption(opts.installDate, '--install-date');
      if (opts.decommissionDate !== undefined)
        patch.decommissionDate = parseDateOption(opts.decommissionDate, '--decommission-date');
      // an edit that changes nothing would still bump the version and refuse others' --expect-version
      if (Object.keys(patch).length === 0)
        throw new UsageError(
          'inventory set: nothing to change: give --quantity, --status, --install-date or --decommission-date',
        );
      const expected =
        opts.expectVersion === undefined
          ? undefined
          : parseWholeNumber(opts.expectVersion, '--expect-version', 1, MAX_VERSION);
      const { getHardware, updateHardware } = await import('../../store/hardware');
      const { NotFoundError } = await import('../../store/errors');
      const { writeContext } = await import('../../store/context');
      const record = await withStore(cmd, (store) =>
        store.db.transaction().execute(async (trx) => {
          const current = await getHardware(trx, id);
          if (!current) throw new NotFoundError('hardware record', id);
          const merged = { ...current, ...patch };
          if (
            merged.decommissionDate &&
            merged.installDate &&
            merged.decommissionDate <= merged.installDate
          ) {
            throw new UsageError(
              `--decommission-date: ${merged.decommissionDate} is not after the install date ${merged.installDate}`,
            );
          }
          if (merged.status === 'retired' && !merged.decommissionDate)
            throw new UsageError('--status retired needs a --decommission-date');
          if (merged.serials.length > 0 && merged.serials.length !== merged.quantity) {
            throw new UsageError(`--quantity: the record lists ${merged.serials.length} serial numbers`);
          }
          return updateHardware(trx, writeContext(), id, expected ?? current.version, patch);
        }),
      );
      printLine(
        `Updated ${record.id} (now v${record.version}): ${record.quantity} x ${record.hardwareId} at ${record.site}, ${record.status}.`,
      );
    });

  inventory
    .command('remove <id>')
    .description('Delete one hardware record (logged)')
    .option('--expect-version <n>', 'the version you read')
    .action(async (id: string, opts: { expectVersion?: string }, cmd: Command) => {
      const { deleteHardware, getHardware } = await import('../../store/hardware');
      const { NotFoundError } = await import('../../store/errors');
      const { writeContext } = await import('../../store/context');
      await withStore(cmd, (store) =>
        store.db.transaction().execute(async (trx) => {
          const current = await getHardware(trx, id);
          if (!current) throw new NotFoundError('hardware record', id);
          const expected =
            opts.expectVersion === undefined
              ? current.version
              : parseWholeNumber(opts.expectVersion, '--expect-version', 1, MAX_VERSION);
          await deleteHardware(trx, writeContext(), id, expected);
        }),
      );
      printLine(`Removed ${id}.`);
    });

  inventory
    .command('log')
    .description('Show the change log (newest first)')
    .option('--limit <n>', 'entries', '20')
    .option('--json', 'print JSON with before and after')
    .action(async (opts: { limit: string; json?: boolean }, cmd: Command) => {
      const limit = parseWholeNumber(opts.limit, '--limit');
      const { listChanges } = await import('../../store/changelog');
      const changes = await withStore(cmd, (store) => listChanges(store.db, { limit }));
      if (opts.json) return printJson(changes);
      for (const c of changes)
        printLine(`#${c.seq} ${c.at} ${c.actor} ${c.action} ${c.entity} ${c.entityId} (batch ${c.batch})`);
    });
}
