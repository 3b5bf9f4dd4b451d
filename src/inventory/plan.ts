/**
 * What an import would do to the hardware records, before anything is written: the diff a user
 * previews (`inventory import --dry-run`, the web app's confirmation) and the import then applies.
 *
 *   rows with an id (a `record_id` column, a JSON snapshot): the record with that id is updated when
 *     it differs ("changed"), left alone when identical ("duplicate"), created with that id when new;
 *   rows without an id: a row identical to an existing record (every field but id and version) is a
 *     "duplicate" and is not added again, unless duplicates are allowed; matching is one to one, so a
 *     file with three identical rows against a store with two adds one;
 *   replace: the file is the whole inventory, and records no row matched are "removed".
 * Identical rows within one file are kept (two deliveries may look alike) and counted in a warning.
 */
import { createHash } from 'node:crypto';
import type { NewHardware, ParsedInventory, StoredHardware } from '../core/inventory/records';
import { say } from '../core/messages/say';
import type { Issue } from '../core/result';
import { clip } from './validate';

export interface PlanOptions {
  /** The file is the whole inventory: records it does not match are deleted. */
  readonly replace?: boolean;
  /** Add rows even when an identical record exists (without replace). */
  readonly allowDuplicates?: boolean;
}

export interface HardwareChange {
  readonly before: StoredHardware;
  readonly after: NewHardware & { readonly id: string };
}

export interface ImportPlan {
  readonly added: NewHardware[];
  readonly changed: HardwareChange[];
  readonly removed: StoredHardware[];
  /** Rows that change nothing: an identical record is already stored (it is named). */
  readonly duplicates: Array<{ readonly row: NewHardware; readonly existing: StoredHardware }>;
  /** Rows of the file that repeat another row of the same file exactly (all kept). */
  readonly repeatedInFile: number;
  /**
   * Serial numbers the store would hold twice for one hardware id after the import: a row's serial already on a stored
   * record the import keeps (not the record the row updates, not one a replace removes), or on an earlier row. The
   * import is refused while there are any.
   */
  readonly serialClashes: Issue[];
}

/** The fields a duplicate must share: everything but the store's id and version. */
export function contentKey(h: NewHardware): string {
  return JSON.stringify([
    h.site,
    h.hardwareId,
    h.quantity,
    h.status,
    h.installDate,
    h.decommissionDate,
    h.serials,
    h.notes,
    h.purchaseOrderId,
  ]);
}

export function planHardware(
  current: readonly StoredHardware[],
  inventory: ParsedInventory,
  options: PlanOptions = {},
): ImportPlan {
  const byId = new Map(current.map((h) => [h.id, h]));
  const matched = new Set<string>();
  const added: NewHardware[] = [];
  const changed: HardwareChange[] = [];
  const duplicates: ImportPlan['duplicates'] = [];
  const withoutId: Array<{ row: NewHardware; index: number }> = [];
  /** Rows that leave a stored record as it is: their serials are that record's. */
  const keeping = new Set<number>();
  /** Stored records an import row rewrites: their old serials go. */
  const rewritten = new Set<string>();
  inventory.hardware.forEach((row, index) => {
    if (row.id === undefined) {
      withoutId.push({ row, index });
      return;
    }
    const before = byId.get(row.id);
    if (!before) {
      added.push(row);
      return;
    }
    matched.add(before.id);
    if (contentKey(before) === contentKey(row)) {
      duplicates.push({ row, existing: before });
      keeping.add(index);
    } else {
      changed.push({ before, after: { ...row, id: row.id } });
      rewritten.add(before.id);
    }
  });
  // Unmatched records by content, each usable once (a multiset), oldest id first for stable reports.
  const pool = new Map<string, StoredHardware[]>();
  for (const record of current) {
    if (matched.has(record.id)) continue;
    const key = contentKey(record);
    const list = pool.get(key);
    if (list) list.push(record);
    else pool.set(key, [record]);
  }
  const seenInFile = new Set<string>();
  let repeatedInFile = 0;
  for (const { row, index } of withoutId) {
    const key = contentKey(row);
    if (seenInFile.has(key)) repeatedInFile++;
    seenInFile.add(key);
    const candidates = pool.get(key);
    if (candidates && candidates.length > 0 && (options.replace || !options.allowDuplicates)) {
      const existing = candidates.shift()!;
      matched.add(existing.id);
      duplicates.push({ row, existing });
      keeping.add(index);
    } else added.push(row);
  }
  const removed = options.replace ? current.filter((h) => !matched.has(h.id)) : [];
  const gone = new Set([...rewritten, ...removed.map((h) => h.id)]);
  const serialClashes = findSerialClashes(
    current.filter((h) => !gone.has(h.id)),
    inventory,
    keeping,
  );
  return { added, changed, removed, duplicates, repeatedInFile, serialClashes };
}

/** The rule "a serial of the same hardware id may not appear twice", over what the store keeps and what rows write. */
function findSerialClashes(
  kept: readonly StoredHardware[],
  inventory: ParsedInventory,
  keeping: ReadonlySet<number>,
): Issue[] {
  const serialKey = (hardwareId: string, serial: string) => `${hardwareId}\u0000${serial}`;
  const stored = new Map<string, StoredHardware>();
  for (const record of kept)
    for (const serial of record.serials) stored.set(serialKey(record.hardwareId, serial), record);
  const label = (index: number) => inventory.rowLabels?.[index] ?? `hardware row ${index + 1}`;
  const inFile = new Map<string, number>();
  const clashes: Issue[] = [];
  inventory.hardware.forEach((row, index) => {
    if (keeping.has(index)) return;
    for (const serial of row.serials) {
      const key = serialKey(row.hardwareId, serial);
      const holder = stored.get(key);
      const earlier = inFile.get(key);
      const names = { serial: clip(serial), hardware: row.hardwareId };
      if (holder)
        clashes.push({
          code: 'duplicate_serial',
          path: label(index),
          message: say('import.serial-stored', { ...names, record: holder.id, site: clip(holder.site) }),
        });
      else if (earlier !== undefined)
        clashes.push({
          code: 'duplicate_serial',
          path: label(index),
          message:
            earlier === index
              ? say('import.serial-repeated-row', names)
              : say('import.serial-in-file', { ...names, row: label(earlier) }),
        });
      else inFile.set(key, index);
    }
  });
  return clashes;
}

/**
 * A token for exactly this plan against exactly this store state: what a user confirmed in a
 * preview. An import that would do anything else (the store changed meanwhile) is refused.
 */
export function planToken(plan: ImportPlan): string {
  const hash = createHash('sha256');
  for (const h of plan.removed) hash.update(`-${h.id}@${h.version}\n`);
  for (const c of plan.changed) hash.update(`~${c.before.id}@${c.before.version}\n`);
  for (const d of plan.duplicates) hash.update(`=${d.existing.id}@${d.existing.version}\n`);
  hash.update(`+${plan.added.length}\n`);
  return hash.digest('hex').slice(0, 32);
}

/** A short line per record for previews. */
export function describeRecord(h: NewHardware | StoredHardware): string {
  // a message template, so the web page shows it in its language (src/web/messages.ts reads it back)
  const record = say('import.record', {
    quantity: h.quantity,
    hardware: h.hardwareId,
    site: h.site,
    status: h.status,
    from: h.installDate ?? '…',
    to: h.decommissionDate ?? '…',
  });
  return h.id ? `${h.id}: ${record}` : record;
}
