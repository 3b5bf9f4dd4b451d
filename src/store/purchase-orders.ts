/** Purchase orders: what was ordered, from whom, when it is expected; hardware rows may point to one. */
import type { Kysely } from 'kysely';
import type { PurchaseOrder, PurchaseOrderStatus } from '../core/inventory/records';
import { logChanges } from './changelog';
import type { WriteContext } from './context';
import type { Database, PurchaseOrderTable } from './schema';

function fromRow(r: PurchaseOrderTable): PurchaseOrder {
  return {
    id: r.id,
    site: r.site,
    vendor: r.vendor,
    orderedDate: r.ordered_date,
    expectedDate: r.expected_date,
    status: r.status as PurchaseOrderStatus,
    valueUsd: r.value_usd === null ? null : Number(r.value_usd),
    notes: r.notes,
  };
}

export async function listPurchaseOrders(db: Kysely<Database>): Promise<PurchaseOrder[]> {
  return (await db.selectFrom('purchase_orders').selectAll().orderBy('id').execute()).map(fromRow);
}

/**
 * Inserts orders that are new and updates those that differ; unchanged ones are not written.
 * Returns how many were written.
 */
export async function savePurchaseOrders(
  db: Kysely<Database>,
  ctx: WriteContext,
  orders: readonly PurchaseOrder[],
): Promise<number> {
  let written = 0;
  const existing = new Map((await listPurchaseOrders(db)).map((o) => [o.id, o]));
  for (const order of orders) {
    const values = {
      site: order.site,
      vendor: order.vendor,
      ordered_date: order.orderedDate,
      expected_date: order.expectedDate,
      status: order.status,
      value_usd: order.valueUsd,
      notes: order.notes,
      updated_at: ctx.at,
    };
    const before = existing.get(order.id);
    if (!before) {
      await db
        .insertInto('purchase_orders')
        .values({ id: order.id, ...values, version: 1, created_at: ctx.at })
        .execute();
      await logChanges(db, ctx, [
        { entity: 'purchase_order', entityId: order.id, action: 'create', before: null, after: order },
      ]);
      written++;
    } else if (JSON.stringify(before) !== JSON.stringify(fromRow(toRowShape(order)))) {
      await db
        .updateTable('purchase_orders')
        .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
        .where('id', '=', order.id)
        .execute();
      await logChanges(db, ctx, [
        { entity: 'purchase_order', entityId: order.id, action: 'update', before, after: order },
      ]);
      written++;
    }
  }
  return written;
}

/** The row an order would be stored as (used to compare in one canonical key order). */
function toRowShape(o: PurchaseOrder): PurchaseOrderTable {
  return {
    id: o.id,
    site: o.site,
    vendor: o.vendor,
    ordered_date: o.orderedDate,
    expected_date: o.expectedDate,
    status: o.status,
    value_usd: o.valueUsd,
    notes: o.notes,
    version: 0,
    created_at: '',
    updated_at: '',
  };
}

/** Deletes an order (undo of the import that created it); logged. */
export async function deletePurchaseOrder(
  db: Kysely<Database>,
  ctx: WriteContext,
  id: string,
): Promise<void> {
  const before = (await listPurchaseOrders(db)).find((o) => o.id === id);
  if (!before) return;
  await db.deleteFrom('purchase_orders').where('id', '=', id).execute();
  await logChanges(db, ctx, [
    { entity: 'purchase_order', entityId: id, action: 'delete', before, after: null },
  ]);
}
