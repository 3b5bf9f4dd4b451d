/**
 * Undo of an import (or of an undo) from the change log: every entry of its batch is reverted,
 * newest first, in ONE transaction that is itself logged as a new batch. A record changed or
 * removed since by someone else is not overwritten: the undo is refused whole, nothing written.
 *
 *   hardware create -> delete (if still at the version the import left)
 *   hardware update -> the fields before (same check)       hardware delete -> inserted again
 *   site create -> delete (if no record or order refers to it)   site update -> the facts before
 *   purchase order create -> delete    update -> the order before
 *   policy version create -> removed (admin)    removed -> put back
 */
import type { Kysely } from 'kysely';
import type {
  ChangeEntry,
  PolicyVersion,
  PurchaseOrder,
  StoredHardware,
  StoredSite,
} from '../core/inventory/records';
import { RULE_SELECTING_SITE_FIELDS } from '../core/inventory/site-defaults';
import { say } from '../core/messages/say';
import type { PolicyFile } from '../core/policy/schema';
import { listChanges } from '../store/changelog';
import type { WriteContext } from '../store/context';
import { NotFoundError } from '../store/errors';
import { deleteHardware, getHardware, insertHardware, updateHardware } from '../store/hardware';
import type { Store } from '../store/open';
import { removePolicyVersion, restorePolicyVersion } from '../store/policies';
import { deletePurchaseOrder, listPurchaseOrders, savePurchaseOrders } from '../store/purchase-orders';
import type { Database } from '../store/schema';
import { createSites, deleteSite, getSite, updateSite } from '../store/sites';
import { differingRuleFact, ImportForbiddenError, setsRuleSelectingFact } from './import';

/** The undo would overwrite a later change, or the batch is not an inventory change. */
export class UndoRefusedError extends Error {
  override readonly name = 'UndoRefusedError';
}

export interface UndoOptions {
  /**
   * False for a server user below admin: a batch that added or removed policies, or changed the facts rules select
   * existing sites by (RULE_SELECTING_SITE_FIELDS), is refused.
   */
  readonly allowPolicyChanges?: boolean;
}

export interface UndoSummary {
  /** The batch of the undo itself (undo it to redo). */
  readonly batch: string;
  readonly undone: string;
  readonly hardwareRemoved: number;
  readonly hardwareRestored: number;
  readonly hardwareReverted: number;
  readonly sitesRemoved: number;
  readonly sitesReverted: number;
  readonly ordersRemoved: number;
  readonly ordersReverted: number;
  readonly policiesRemoved: number;
  readonly policiesRestored: number;
}

const UNDOABLE = new Set(['hardware', 'site', 'purchase_order', 'policy']);

/** The batch named by `change`: a batch id (`b_...`) or the sequence number of one of its entries. */
async function batchOf(db: Kysely<Database>, change: string): Promise<string> {
  if (!/^\d{1,15}$/.test(change)) return change;
  const row = await db
    .selectFrom('change_log')
    .select('batch')
    .where('seq', '=', Number(change))
    .executeTakeFirst();
  if (!row?.batch) throw new NotFoundError('change', `#${change}`);
  return row.batch;
}

type HardwareFields = Omit<StoredHardware, 'id' | 'version'>;
const fieldsOf = (h: StoredHardware): HardwareFields => ({
  site: h.site,
  hardwareId: h.hardwareId,
  quantity: h.quantity,
  status: h.status,
  installDate: h.installDate,
  decommissionDate: h.decommissionDate,
  serials: [...h.serials],
  notes: h.notes,
  purchaseOrderId: h.purchaseOrderId,
});

export async function undoBatch(
  store: Store,
  ctx: WriteContext,
  change: string,
  options: UndoOptions = {},
): Promise<UndoSummary> {
  return store.db.transaction().execute(async (trx) => {
    const batch = await batchOf(trx, change);
    // newest first: what was written last is reverted first
    const entries = await listChanges(trx, { batch });
    if (entries.length === 0) throw new NotFoundError('change batch', batch);
    const other = entries.find((e) => !UNDOABLE.has(e.entity));
    if (other)
      throw new UndoRefusedError(
        `batch ${batch} changed ${other.entity} records: only inventory changes (imports, undos) can be undone`,
      );
    if (options.allowPolicyChanges === false && entries.some((e) => e.entity === 'policy'))
      throw new ImportForbiddenError(
        `batch ${batch} changed compliance rules: undoing it needs the admin role; nothing was written`,
      );
    if (options.allowPolicyChanges === false && entries.some(changesRuleSelectingSiteFacts))
      throw new ImportForbiddenError(
        `batch ${batch} changed the facts compliance rules select sites by (region, state funding, completion): undoing it needs the admin role; nothing was written`,
      );
    if (options.allowPolicyChanges === false) await refuseRuleSelectingMoves(trx, batch, entries);
    const counts = {
      hardwareRemoved: 0,
      hardwareRestored: 0,
      hardwareReverted: 0,
      sitesRemoved: 0,
      sitesReverted: 0,
      ordersRemoved: 0,
      ordersReverted: 0,
      policiesRemoved: 0,
      policiesRestored: 0,
    };
    for (const entry of entries) await revert(trx, ctx, entry, counts);
    return { batch: ctx.batch, undone: batch, ...counts };
  });
}

/** A site update whose region, state funding or completion differs before and after. */
function changesRuleSelectingSiteFacts(entry: ChangeEntry): boolean {
  if (entry.entity !== 'site' || entry.action !== 'update') return false;
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  return RULE_SELECTING_SITE_FIELDS.some((field) => before[field] !== after[field]);
}

/**
 * For a user below admin: the undo must not re-create a site with a rule-selecting fact set, nor move a record back
 * between sites the rules see differently (what an import may not do either).
 */
async function refuseRuleSelectingMoves(
  trx: Kysely<Database>,
  batch: string,
  entries: readonly ChangeEntry[],
): Promise<void> {
  for (const entry of entries) {
    const before = (entry.before ?? {}) as Partial<StoredSite & StoredHardware>;
    const after = (entry.after ?? {}) as Partial<StoredSite & StoredHardware>;
    if (entry.entity === 'site' && entry.action === 'delete') {
      const field = setsRuleSelectingFact(before);
      if (field)
        throw new ImportForbiddenError(
          say('undo.new-site-rule-facts', { batch, site: entry.entityId, field }),
        );
    }
    if (entry.entity === 'hardware' && entry.action === 'update' && before.site !== after.site) {
      const from = String(after.site);
      const to = String(before.site);
      const field = differingRuleFact(
        (await getSite(trx, from)) ?? undefined,
        (await getSite(trx, to)) ?? undefined,
      );
      if (field)
        throw new ImportForbiddenError(
          say('undo.move-rule-facts', { batch, record: entry.entityId, from, to, field }),
        );
    }
  }
}

const refuse = (entry: ChangeEntry, why: string) =>
  new UndoRefusedError(
    `${entry.entity.replace('_', ' ')} ${entry.entityId} ${why} (change #${entry.seq}); nothing was written`,
  );

async function revert(
  trx: Kysely<Database>,
  ctx: WriteContext,
  entry: ChangeEntry,
  counts: { -readonly [K in keyof Omit<UndoSummary, 'batch' | 'undone'>]: number },
): Promise<void> {
  const before = entry.before as Record<string, unknown> | null;
  const after = entry.after as Record<string, unknown> | null;
  switch (entry.entity) {
    case 'hardware': {
      const current = await getHardware(trx, entry.entityId);
      if (entry.action === 'delete') {
        if (current) throw refuse(entry, 'exists again');
        await insertHardware(trx, ctx, [
          { ...fieldsOf(before as unknown as StoredHardware), id: entry.entityId },
        ]);
        counts.hardwareRestored++;
        return;
      }
      const version = Number(after?.version);
      if (!current) throw refuse(entry, 'was deleted since');
      if (current.version !== version) throw refuse(entry, `changed since (now version ${current.version})`);
      if (entry.action === 'create') {
        await deleteHardware(trx, ctx, entry.entityId, version);
        counts.hardwareRemoved++;
      } else {
        await updateHardware(
          trx,
          ctx,
          entry.entityId,
          version,
          fieldsOf(before as unknown as StoredHardware),
        );
        counts.hardwareReverted++;
      }
      return;
    }
    case 'site': {
      const current = await getSite(trx, entry.entityId);
      const version = Number(after?.version);
      if (entry.action === 'delete') {
        if (current) throw refuse(entry, 'exists again');
        const { name: _name, version: _version, ...facts } = before as unknown as StoredSite;
        await createSites(trx, ctx, [{ name: entry.entityId, ...facts }]);
        counts.sitesReverted++;
        return;
      }
      if (!current) throw refuse(entry, 'was deleted since');
      if (current.version !== version) throw refuse(entry, `changed since (now version ${current.version})`);
      if (entry.action === 'create') {
        const used = await trx
          .selectFrom('hardware')
          .select('id')
          .where('site', '=', entry.entityId)
          .executeTakeFirst();
        const ordered = await trx
          .selectFrom('purchase_orders')
          .select('id')
          .where('site', '=', entry.entityId)
          .executeTakeFirst();
        if (used || ordered) throw refuse(entry, 'holds records added since');
        await deleteSite(trx, ctx, entry.entityId, version);
        counts.sitesRemoved++;
      } else {
        const { name: _name, version: _version, ...facts } = before as unknown as StoredSite;
        await updateSite(trx, ctx, entry.entityId, version, facts);
        counts.sitesReverted++;
      }
      return;
    }
    case 'purchase_order': {
      const current = (await listPurchaseOrders(trx)).find((o) => o.id === entry.entityId);
      if (entry.action === 'delete') {
        if (current) throw refuse(entry, 'exists again');
        await savePurchaseOrders(trx, ctx, [before as unknown as PurchaseOrder]);
        counts.ordersReverted++;
        return;
      }
      if (!current) throw refuse(entry, 'was deleted since');
      if (!sameOrder(current, after as unknown as PurchaseOrder)) throw refuse(entry, 'changed since');
      if (entry.action === 'create') {
        const used = await trx
          .selectFrom('hardware')
          .select('id')
          .where('purchase_order_id', '=', entry.entityId)
          .executeTakeFirst();
        if (used) throw refuse(entry, 'is referred to by records added since');
        await deletePurchaseOrder(trx, ctx, entry.entityId);
        counts.ordersRemoved++;
      } else {
        await savePurchaseOrders(trx, ctx, [before as unknown as PurchaseOrder]);
        counts.ordersReverted++;
      }
      return;
    }
    case 'policy': {
      const at = entry.entityId.lastIndexOf('@');
      const id = entry.entityId.slice(0, at);
      const version = Number(entry.entityId.slice(at + 1));
      if (entry.action === 'delete') {
        await restorePolicyVersion(trx, ctx, before as unknown as PolicyVersion);
        counts.policiesRestored++;
        return;
      }
      const row = await trx
        .selectFrom('policies')
        .select('document')
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (!row) throw refuse(entry, 'was removed since');
      if (JSON.stringify(JSON.parse(row.document) as PolicyFile) !== JSON.stringify(after))
        throw refuse(entry, 'differs from what the batch added');
      await removePolicyVersion(trx, ctx, id, version);
      counts.policiesRemoved++;
      return;
    }
  }
}

function sameOrder(a: PurchaseOrder, b: PurchaseOrder): boolean {
  const keys: (keyof PurchaseOrder)[] = [
    'id',
    'site',
    'vendor',
    'orderedDate',
    'expectedDate',
    'status',
    'valueUsd',
    'notes',
  ];
  return keys.every((k) => a[k] === b[k]);
}
