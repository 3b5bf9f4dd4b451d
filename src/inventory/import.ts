/**
 * Writes a parsed inventory to the store in ONE transaction: sites, purchase orders, hardware,
 * policies and their change-log entries commit together or not at all. A crash or kill mid-import
 * leaves the store as it was (SQLite WAL / PostgreSQL both discard an uncommitted transaction).
 */
import { logChanges } from '../store/changelog';
import type { WriteContext } from '../store/context';
import {
  deleteAllHardware,
  hardwareFromRow,
  insertHardware,
  type NewHardware,
  updateHardware,
} from '../store/hardware';
import type { Store } from '../store/open';
import { savePurchaseOrders } from '../store/purchase-orders';
import { createSites, DEFAULT_SITE_ATTRIBUTES, listSites, updateSite } from '../store/sites';
import type { ParsedInventory } from './types';

export interface ImportOptions {
  /** The file is the whole inventory: hardware not in it is deleted (and logged). */
  readonly replace?: boolean;
  /**
   * Whether the import may add policy versions (compliance rules). False for a server user below
   * admin: a snapshot carrying a new or changed policy is then refused whole.
   */
  readonly allowPolicyChanges?: boolean;
  readonly onProgress?: (done: number, total: number) => void | Promise<void>;
}

export interface ImportSummary {
  readonly batch: string;
  readonly sitesCreated: number;
  readonly sitesUpdated: number;
  readonly hardwareCreated: number;
  readonly hardwareUpdated: number;
  readonly hardwareDeleted: number;
  readonly policiesAdded: number;
}

/** A snapshot that contradicts the store (a policy version with other content). Nothing is written. */
export class ImportConflictError extends Error {
  override readonly name = 'ImportConflictError';
}

/** The import would change what the user may not change (the rules). Nothing is written. */
export class ImportForbiddenError extends Error {
  override readonly name = 'ImportForbiddenError';
}

export async function importInventory(
  store: Store,
  ctx: WriteContext,
  inventory: ParsedInventory,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  return store.db.transaction().execute(async (trx) => {
    let sitesUpdated = 0;
    const existing = new Map((await listSites(trx)).map((s) => [s.name, s]));
    const created = await createSites(trx, ctx, inventory.sites);
    for (const site of inventory.sites) {
      const before = existing.get(site.name);
      if (!before) continue;
      const { name: _name, ...attributes } = site;
      const changed = (Object.keys(attributes) as (keyof typeof attributes)[]).some(
        (key) => attributes[key] !== undefined && attributes[key] !== before[key],
      );
      if (changed) {
        await updateSite(trx, ctx, site.name, before.version, attributes);
        sitesUpdated++;
      }
    }
    if (inventory.purchaseOrders) await savePurchaseOrders(trx, ctx, inventory.purchaseOrders);

    let hardwareDeleted = 0;
    let hardwareUpdated = 0;
    let toInsert: NewHardware[] = inventory.hardware;
    if (inventory.mode === 'upsert') {
      const rows = (await trx.selectFrom('hardware').selectAll().execute()).map(hardwareFromRow);
      const current = new Map(rows.map((h) => [h.id, h]));
      toInsert = [];
      for (const item of inventory.hardware) {
        const before = item.id === undefined ? undefined : current.get(item.id);
        if (!before) {
          toInsert.push(item);
          continue;
        }
        current.delete(before.id);
        const { id: _id, version, ...fields } = before;
        if (JSON.stringify(canonical(fields)) !== JSON.stringify(canonical(item))) {
          await updateHardware(trx, ctx, before.id, version, canonical(item));
          hardwareUpdated++;
        }
      }
      if (options.replace && current.size > 0) {
        for (const leftover of current.values()) {
          await trx.deleteFrom('hardware').where('id', '=', leftover.id).execute();
        }
        await logChanges(
          trx,
          ctx,
          [...current.values()].map((h) => ({
            entity: 'hardware',
            entityId: h.id,
            action: 'delete',
            before: h,
            after: null,
          })),
        );
        hardwareDeleted = current.size;
      }
    } else if (options.replace) {
      hardwareDeleted = await deleteAllHardware(trx, ctx);
    }
    await insertHardware(trx, ctx, toInsert, options.onProgress);

    let policiesAdded = 0;
    for (const policy of inventory.policies ?? []) {
      const row = await trx
        .selectFrom('policies')
        .select('document')
        .where('id', '=', policy.id)
        .where('version', '=', policy.version)
        .executeTakeFirst();
      const document = JSON.stringify(policy.document);
      if (row) {
        if (JSON.stringify(JSON.parse(row.document)) !== document) {
          throw new ImportConflictError(
            `policy ${policy.id} version ${policy.version} differs from the stored one; nothing was written`,
          );
        }
        continue;
      }
      if (options.allowPolicyChanges === false)
        throw new ImportForbiddenError(
          `the file adds policy ${policy.id} version ${policy.version}: changing compliance rules needs the admin role; nothing was written`,
        );
      await trx
        .insertInto('policies')
        .values({
          id: policy.id,
          version: policy.version,
          document,
          created_at: policy.createdAt,
          created_by: policy.createdBy,
        })
        .execute();
      await logChanges(trx, ctx, [
        {
          entity: 'policy',
          entityId: `${policy.id}@${policy.version}`,
          action: 'create',
          before: null,
          after: policy.document,
        },
      ]);
      policiesAdded++;
    }
    return {
      batch: ctx.batch,
      sitesCreated: created.length,
      sitesUpdated,
      hardwareCreated: toInsert.length,
      hardwareUpdated,
      hardwareDeleted,
      policiesAdded,
    };
  });
}

function canonical(h: NewHardware): Omit<NewHardware, 'id'> {
  return {
    site: h.site,
    hardwareId: h.hardwareId,
    quantity: h.quantity,
    status: h.status,
    installDate: h.installDate,
    decommissionDate: h.decommissionDate,
    serials: [...h.serials],
    notes: h.notes,
    purchaseOrderId: h.purchaseOrderId,
  };
}

export { DEFAULT_SITE_ATTRIBUTES };
