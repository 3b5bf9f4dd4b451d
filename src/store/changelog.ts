/**
 * The append-only change log. Repositories call `logChanges` inside the same transaction as the
 * write, so a write and its log entry commit or roll back together. Nothing updates or deletes it.
 */
import type { Kysely } from 'kysely';
import type { Change, ChangeAction, ChangeEntry } from '../core/inventory/records';
import type { WriteContext } from './context';
import type { Database } from './schema';

// 9 columns x 500 rows stays under SQLite's and PostgreSQL's bound-parameter limits.
const CHUNK = 500;

export async function logChanges(
  db: Kysely<Database>,
  ctx: WriteContext,
  changes: readonly Change[],
): Promise<void> {
  for (let i = 0; i < changes.length; i += CHUNK) {
    const rows = changes.slice(i, i + CHUNK).map((c) => ({
      at: ctx.at,
      actor: ctx.actor,
      entity: c.entity,
      entity_id: c.entityId,
      action: c.action,
      before: c.before === undefined || c.before === null ? null : JSON.stringify(c.before),
      after: c.after === undefined || c.after === null ? null : JSON.stringify(c.after),
      batch: ctx.batch,
    }));
    await db.insertInto('change_log').values(rows).execute();
  }
  // Every write logs, so this is where the store's revision moves, in the write's transaction. On
  // PostgreSQL the row lock also orders concurrent writers: a reader that sees revision n sees every
  // write up to n.
  if (changes.length > 0)
    await db
      .updateTable('store_revision')
      .set((eb) => ({ revision: eb('revision', '+', 1) }))
      .where('id', '=', 1)
      .execute();
}

/**
 * The store's revision: it moves with every write. Read it BEFORE the data it guards: data read
 * after may be newer than the revision (then the next check refreshes), never older.
 */
export async function storeRevision(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('store_revision').select('revision').where('id', '=', 1).executeTakeFirst();
  return Number(row?.revision ?? 0);
}

export interface ChangeQuery {
  readonly entity?: string;
  readonly entityId?: string;
  readonly batch?: string;
  /** Newest first, at most this many. */
  readonly limit?: number;
}

export async function listChanges(db: Kysely<Database>, query: ChangeQuery = {}): Promise<ChangeEntry[]> {
  let q = db.selectFrom('change_log').selectAll();
  if (query.entity) q = q.where('entity', '=', query.entity);
  if (query.entityId) q = q.where('entity_id', '=', query.entityId);
  if (query.batch) q = q.where('batch', '=', query.batch);
  q = q.orderBy('seq', 'desc');
  if (query.limit !== undefined) q = q.limit(query.limit);
  const rows = await q.execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    batch: r.batch,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action as ChangeAction,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
  }));
}

export async function countChanges(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('change_log')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
