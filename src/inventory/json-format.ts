/**
 * The JSON snapshot: sites, purchase orders, hardware (with ids) and every policy version.
 * Export then import into an empty store, then export again, gives the same bytes; importing a
 * snapshot into the store it came from writes nothing. Users, API tokens and the change log are not
 * part of a snapshot (secrets and history stay in their store).
 */
import { z } from 'zod';
import type { Catalog } from '../core/catalog/catalog';
import {
  hardwareSchema,
  type ParsedInventory,
  type PolicyVersion,
  type PurchaseOrder,
  policyVersionSchema,
  purchaseOrderSchema,
  type StoredHardware,
  type StoredSite,
  siteSchema,
} from '../core/inventory/records';
import { say } from '../core/messages/say';
import { fail, formatPath, type Issue, ok, type Result } from '../core/result';
import {
  clip,
  knownHardware,
  LONE_SURROGATE_MESSAGE,
  loneSurrogatePath,
  mayHoldLoneSurrogate,
  unknownHardwareMessage,
} from './validate';

export const INVENTORY_FORMAT = 'chipmix-inventory';
export const INVENTORY_FORMAT_VERSION = 1;

export const inventoryDocumentSchema = z.strictObject({
  format: z.literal(INVENTORY_FORMAT, { error: `expected "${INVENTORY_FORMAT}"` }),
  formatVersion: z.literal(INVENTORY_FORMAT_VERSION, { error: `expected ${INVENTORY_FORMAT_VERSION}` }),
  sites: z.array(siteSchema),
  purchaseOrders: z.array(purchaseOrderSchema),
  hardware: z.array(hardwareSchema),
  policies: z.array(policyVersionSchema),
});
export type InventoryDocument = z.infer<typeof inventoryDocumentSchema>;

/** Builds the snapshot in a fixed order (sites by name, the rest by id) so exports are comparable. */
export function buildInventoryDocument(data: {
  sites: readonly StoredSite[];
  purchaseOrders: readonly PurchaseOrder[];
  hardware: readonly StoredHardware[];
  policies: readonly PolicyVersion[];
}): InventoryDocument {
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    format: INVENTORY_FORMAT,
    formatVersion: INVENTORY_FORMAT_VERSION,
    sites: [...data.sites]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((s) => ({
        name: s.name,
        region: s.region,
        stateFunded: s.stateFunded,
        projectCompletionPct: s.projectCompletionPct,
        commissioningDate: s.commissioningDate,
        notes: s.notes,
      })),
    purchaseOrders: [...data.purchaseOrders].sort(byId).map((o) => ({ ...o })),
    hardware: [...data.hardware].sort(byId).map((h) => ({
      id: h.id,
      site: h.site,
      hardwareId: h.hardwareId,
      quantity: h.quantity,
      status: h.status,
      installDate: h.installDate,
      decommissionDate: h.decommissionDate,
      serials: [...h.serials],
      notes: h.notes,
      purchaseOrderId: h.purchaseOrderId,
    })),
    policies: [...data.policies]
      .sort((a, b) => byId(a, b) || a.version - b.version)
      .map((p) => ({
        id: p.id,
        version: p.version,
        createdAt: p.createdAt,
        createdBy: p.createdBy,
        document: p.document,
      })),
  };
}

export function parseInventoryJson(text: string, file: string, catalog: Catalog): Result<ParsedInventory> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return fail({
      code: 'invalid_json',
      path: file,
      message: say('import.invalid-json', { cause: (error as Error).message }),
    });
  }
  const surrogate = mayHoldLoneSurrogate(text) ? loneSurrogatePath(raw) : null;
  if (surrogate !== null)
    return fail({ code: 'not_unicode', path: `${file}: ${surrogate}`, message: LONE_SURROGATE_MESSAGE });
  const parsed = inventoryDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    return fail(
      ...parsed.error.issues.slice(0, 200).map((i) => ({
        code: i.code,
        path: `${file}: ${clip(formatPath(i.path), 200)}`,
        message: clip(i.message, 200),
      })),
    );
  }
  const doc = parsed.data;
  const issues: Issue[] = [];
  const siteNames = new Set(doc.sites.map((s) => s.name));
  const orderIds = new Set(doc.purchaseOrders.map((o) => o.id));
  const ids = new Set<string>();
  doc.hardware.forEach((h, i) => {
    const path = `${file}: hardware[${i}]`;
    if (ids.has(h.id))
      issues.push({
        code: 'duplicate_id',
        path: `${path}.id`,
        message: say('import.id-twice', { id: clip(h.id) }),
      });
    ids.add(h.id);
    if (!siteNames.has(h.site))
      issues.push({
        code: 'unknown_site',
        path: `${path}.site`,
        message: say('import.site-not-listed', { site: clip(h.site) }),
      });
    if (!knownHardware(catalog, h.hardwareId)) {
      issues.push({
        code: 'unknown_hardware',
        path: `${path}.hardwareId`,
        message: unknownHardwareMessage(catalog, h.hardwareId, clip(h.hardwareId)),
      });
    }
    if (h.purchaseOrderId !== null && !orderIds.has(h.purchaseOrderId)) {
      issues.push({
        code: 'unknown_order',
        path: `${path}.purchaseOrderId`,
        message: say('import.order-not-listed', { id: clip(h.purchaseOrderId) }),
      });
    }
  });
  const sitesSeen = new Map<string, number>();
  doc.sites.forEach((site, i) => {
    const first = sitesSeen.get(site.name);
    if (first !== undefined)
      issues.push({
        code: 'duplicate_site',
        path: `${file}: sites[${i}].name`,
        message: say('import.site-twice', { site: clip(site.name), first }),
      });
    else sitesSeen.set(site.name, i);
  });
  const policiesSeen = new Map<string, number>();
  doc.policies.forEach((policy, i) => {
    const key = `${policy.id}@${policy.version}`;
    const first = policiesSeen.get(key);
    if (first !== undefined)
      issues.push({
        code: 'duplicate_policy',
        path: `${file}: policies[${i}]`,
        message: say('import.policy-twice', { id: clip(policy.id), version: policy.version, first }),
      });
    else policiesSeen.set(key, i);
  });
  doc.purchaseOrders.forEach((o, i) => {
    if (o.site !== null && !siteNames.has(o.site)) {
      issues.push({
        code: 'unknown_site',
        path: `${file}: purchaseOrders[${i}].site`,
        message: say('import.site-not-listed', { site: clip(o.site) }),
      });
    }
  });
  if (issues.length > 0) return fail(...issues.slice(0, 200));
  return ok({
    sites: doc.sites,
    purchaseOrders: doc.purchaseOrders,
    hardware: doc.hardware,
    rowLabels: doc.hardware.map((_, i) => `${file}: hardware[${i}]`),
    policies: doc.policies,
    mode: 'upsert',
    warnings: [],
  });
}
