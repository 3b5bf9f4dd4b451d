/** Hardware records: inserted in batches by imports, edited and deleted with optimistic locking. */
import type { Kysely } from 'kysely';
import {
  HARDWARE_STATUSES,
  type HardwareRecord,
  type HardwareStatus,
  MAX_QUANTITY_PER_RECORD,
} from '../core/compliance/types';
import {
  type Change,
  type HardwareFields,
  type NewHardware,
  type StoredHardware,
  TEXT_LIMITS,
} from '../core/inventory/records';
import { say } from '../core/messages/say';
import { logChanges } from './changelog';
import { newId, type WriteContext } from './context';
import { ConflictError, InvalidRecordError, NotFoundError } from './errors';
import type { Database, HardwareTable } from './schema';

export function hardwareFromRow(row: HardwareTable): StoredHardware {
  return {
    id: row.id,
    site: row.site,
    hardwareId: row.hardware_id,
    quantity: row.quantity,
    status: row.status as HardwareStatus,
    installDate: row.install_date,
    decommissionDate: row.decommission_date,
    serials: row.serial === null || row.serial === '' ? [] : row.serial.split(';'),
    notes: row.notes,
    purchaseOrderId: row.purchase_order_id,
    version: row.version,
  };
}

/**
 * The bounds every writer enforces before the store (importers, CLI, API), checked once more here so
 * that both stores hold exactly the same range whatever the caller: SQLite would keep 2^53 where
 * PostgreSQL's integer column stops at 2^31 - 1.
 */
function checkBounds(h: HardwareFields, id: string | undefined): void {
  const what = `hardware record${id ? ` ${id}` : ''}`;
  if (!Number.isInteger(h.quantity) || h.quantity < 1 || h.quantity > MAX_QUANTITY_PER_RECORD)
    throw new InvalidRecordError(
      `${what}: quantity ${h.quantity} is not a whole number 1..${MAX_QUANTITY_PER_RECORD}; nothing was written`,
    );
  if (!(HARDWARE_STATUSES as readonly string[]).includes(h.status))
    throw new InvalidRecordError(`${what}: unknown status; nothing was written`);
  if (h.serials.length > 0 && h.serials.length !== h.quantity)
    throw new InvalidRecordError(
      `${what}: ${h.serials.length} serial numbers for quantity ${h.quantity}; nothing was written`,
    );
  const long =
    h.notes !== null && h.notes.length > TEXT_LIMITS.notes
      ? `notes ${say('record.too-long', { max: TEXT_LIMITS.notes })}`
      : h.serials.some((s) => s.length > TEXT_LIMITS.serial)
        ? `a serial number ${say('record.too-long', { max: TEXT_LIMITS.serial })}`
        : null;
  if (long) throw new InvalidRecordError(`${what}: ${long}; nothing was written`);
}

function columns(h: HardwareFields) {
  return {
    site: h.site,
    hardware_id: h.hardwareId,
    quantity: h.quantity,
    status: h.status,
    install_date: h.installDate,
    decommission_date: h.decommissionDate,
    serial: h.serials.length === 0 ? null : h.serials.join(';'),
    notes: h.notes,
    purchase_order_id: h.purchaseOrderId,
  };
}

// 13 columns x 500 rows = 6,500 bound parameters: under both dialects' limits.
const CHUNK = 500;

/** Inserts records and logs one `create` per record; `onProgress` is awaited after each chunk. */
export async function insertHardware(
  db: Kysely<Database>,
  ctx: WriteContext,
  items: readonly NewHardware[],
  onProgress?: (done: number, total: number) => void | Promise<void>,
): Promise<StoredHardware[]> {
  const stored: StoredHardware[] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    const chunk = items.slice(i, i + CHUNK).map((item) => {
      checkBounds(item, item.id);
      return { ...item, id: item.id ?? newId('hw'), version: 1 };
    });
    await db
      .insertInto('hardware')
      .values(
        chunk.map((h) => ({ id: h.id, ...columns(h), version: 1, created_at: ctx.at, updated_at: ctx.at })),
      )
      .execute();
    await logChanges(
      db,
      ctx,
      chunk.map((h) => ({ entity: 'hardware', entityId: h.id, action: 'create', before: null, after: h })),
    );
    stored.push(...chunk);
    await onProgress?.(Math.min(i + CHUNK, items.length), items.length);
  }
  return stored;
}

export interface HardwareQuery {
  readonly site?: string | undefined;
  readonly limit?: number | undefined;
}

export async function listHardware(
  db: Kysely<Database>,
  query: HardwareQuery = {},
): Promise<StoredHardware[]> {
  let q = db.selectFrom('hardware').selectAll();
  if (query.site !== undefined) q = q.where('site', '=', query.site);
  q = q.orderBy('site').orderBy('install_date').orderBy('id');
  if (query.limit !== undefined) q = q.limit(query.limit);
  return (await q.execute()).map(hardwareFromRow);
}

/** Every record in id order (what an import plans against). */
export async function listHardwareById(db: Kysely<Database>): Promise<StoredHardware[]> {
  return (await db.selectFrom('hardware').selectAll().orderBy('id').execute()).map(hardwareFromRow);
}

export async function getHardware(db: Kysely<Database>, id: string): Promise<StoredHardware | null> {
  const row = await db.selectFrom('hardware').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? hardwareFromRow(row) : null;
}

/** Updates a record if it is still at `expectedVersion`; otherwise throws ConflictError. */
export async function updateHardware(
  db: Kysely<Database>,
  ctx: WriteContext,
  id: string,
  expectedVersion: number,
  patch: Partial<HardwareFields>,
): Promise<StoredHardware> {
  const before = await getHardware(db, id);
  if (!before) throw new NotFoundError('hardware record', id);
  const after: StoredHardware = { ...before, ...patch, id, version: expectedVersion + 1 };
  checkBounds(after, id);
  const result = await db
    .updateTable('hardware')
    .set({ ...columns(after), version: after.version, updated_at: ctx.at })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new ConflictError(
      'hardware record',
      id,
      expectedVersion,
      (await getHardware(db, id))?.version ?? null,
    );
  }
  await logChanges(db, ctx, [{ entity: 'hardware', entityId: id, action: 'update', before, after }]);
  return after;
}

/** Deletes a record if it is still at `expectedVersion`. */
export async function deleteHardware(
  db: Kysely<Database>,
  ctx: WriteContext,
  id: string,
  expectedVersion: number,
): Promise<void> {
  const before = await getHardware(db, id);
  if (!before) throw new NotFoundError('hardware record', id);
  const result = await db
    .deleteFrom('hardware')
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) {
    throw new ConflictError(
      'hardware record',
      id,
      expectedVersion,
      (await getHardware(db, id))?.version ?? null,
    );
  }
  await logChanges(db, ctx, [{ entity: 'hardware', entityId: id, action: 'delete', before, after: null }]);
}

/** Deletes these records (as read in the same transaction), logging each; for imports that replace. */
export async function deleteHardwareRecords(
  db: Kysely<Database>,
  ctx: WriteContext,
  records: readonly StoredHardware[],
): Promise<number> {
  for (let i = 0; i < records.length; i += CHUNK) {
    const ids = records.slice(i, i + CHUNK).map((r) => r.id);
    await db.deleteFrom('hardware').where('id', 'in', ids).execute();
  }
  const changes: Change[] = records.map((h) => ({
    entity: 'hardware',
    entityId: h.id,
    action: 'delete',
    before: h,
    after: null,
  }));
  await logChanges(db, ctx, changes);
  return records.length;
}

/**
 * The inventory as compliance needs it, summed in SQL over what compliance ignores (ids, serials,
 * notes): a read-only command reads a few thousand groups instead of 100,000 rows.
 */
export async function hardwareForCompliance(db: Kysely<Database>): Promise<HardwareRecord[]> {
  const rows = await db
    .selectFrom('hardware')
    .select((eb) => [
      'site',
      'hardware_id',
      'status',
      'install_date',
      'decommission_date',
      // summed as a double: exact to 2^53, and no "integer overflow" from rows stored before the bound
      eb.fn.sum<number | string>(eb.cast('quantity', 'double precision')).as('quantity'),
    ])
    .groupBy(['site', 'hardware_id', 'status', 'install_date', 'decommission_date'])
    .execute();
  return rows.map((r) => ({
    site: r.site,
    hardwareId: r.hardware_id,
    status: r.status as HardwareStatus,
    installDate: r.install_date,
    decommissionDate: r.decommission_date,
    quantity: Number(r.quantity),
  }));
}
