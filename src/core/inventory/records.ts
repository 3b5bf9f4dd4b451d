/**
 * The inventory's records: sites, purchase orders, hardware records, policy versions and change-log
 * entries, as zod schemas with their types derived. The store keeps them, the importers produce
 * them, the snapshot format and the API answers are made of them; none of those layers defines them.
 */
import { z } from 'zod';
import { HARDWARE_STATUSES, MAX_QUANTITY_PER_RECORD, MAX_VERSION } from '../compliance/types';
import { policyFileSchema } from '../policy/schema';

const date = z.iso.date({ error: 'expected a date YYYY-MM-DD' });
/**
 * Text a store can keep: PostgreSQL refuses U+0000 in a text column (SQLSTATE 22021), so both stores refuse it
 * here, with the field named, rather than one answering 400 and the other 500.
 */
const storable = (schema: z.ZodString) =>
  schema.refine((value) => !value.includes('\u0000'), { error: () => say('record.nul') });
const text = storable(z.string());
const requiredText = storable(z.string().min(1));
const nullableText = text.nullable();

/**
 * The longest text each field keeps, the same in every writer and both stores (a 100 MB `notes` cell was imported
 * whole). Checked by the schemas here, the CSV reader and, once more, the store's writers.
 */
export const TEXT_LIMITS = {
  /** notes of a site, a record, an order */
  notes: 2000,
  /** a site's region */
  region: 200,
  /** one serial number */
  serial: 100,
  /** a record or order id, as the CSV's record_id */
  id: 100,
  /** a policy version's id, createdBy, createdAt */
  policy: 200,
} as const;
/** Text of at most `max` characters. */
const limited = (max: number, min = 0) =>
  storable(
    z
      .string()
      .min(min)
      .max(max, { error: () => say('record.too-long', { max }) }),
  );
/** A version number both stores can keep (PostgreSQL's integer column). */
const versionSchema = z
  .number()
  .int('expected a whole number')
  .min(1, 'expected a whole number >= 1')
  .max(MAX_VERSION, `expected a version of at most ${MAX_VERSION}`);

// ---------------------------------------------------------------- sites

export const siteAttributesSchema = z.strictObject({
  region: limited(TEXT_LIMITS.region).nullable(),
  stateFunded: z.boolean(),
  /** Percent 0..100. */
  projectCompletionPct: z.number().min(0).max(100, 'expected a percent 0..100').nullable(),
  commissioningDate: date.nullable(),
  notes: limited(TEXT_LIMITS.notes).nullable(),
});
export type SiteAttributes = z.output<typeof siteAttributesSchema>;

/** A site's name: not blank, at most 200 characters (as the CSV importer has always required). */
export const siteNameSchema = storable(
  z.string().max(200, { error: () => say('import.site-name-long') }),
).refine((name) => name.trim() !== '', { error: () => say('import.site-name') });

/** A site as a snapshot holds it. */
export const siteSchema = z.strictObject({ name: siteNameSchema, ...siteAttributesSchema.shape });

export const storedSiteSchema = z.strictObject({ ...siteSchema.shape, version: versionSchema });
export type StoredSite = z.output<typeof storedSiteSchema>;

/** A site an import names: created when missing; attributes given also update an existing one. */
export type SiteInput = { readonly name: string } & Partial<SiteAttributes>;

export { DEFAULT_SITE_ATTRIBUTES } from './site-defaults';

// ---------------------------------------------------------------- purchase orders

export const PURCHASE_ORDER_STATUSES = ['open', 'delivered', 'cancelled'] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

export const purchaseOrderSchema = z.strictObject({
  id: limited(TEXT_LIMITS.id, 1),
  site: nullableText,
  vendor: nullableText,
  orderedDate: date.nullable(),
  expectedDate: date.nullable(),
  status: z.enum(PURCHASE_ORDER_STATUSES),
  valueUsd: z.number().nonnegative().max(1e13, 'expected at most 1e13 USD').nullable(),
  notes: limited(TEXT_LIMITS.notes).nullable(),
});
export type PurchaseOrder = z.output<typeof purchaseOrderSchema>;

// ---------------------------------------------------------------- hardware records

const hardwareFieldsShape = {
  site: requiredText,
  hardwareId: requiredText,
  quantity: z
    .number()
    .int('expected a whole number')
    .min(1, 'expected a whole number >= 1')
    .max(MAX_QUANTITY_PER_RECORD, `expected at most ${MAX_QUANTITY_PER_RECORD} units per record`),
  status: z.enum(HARDWARE_STATUSES),
  /** First day it counts (inclusive); null: since before the inventory began. */
  installDate: date.nullable(),
  /** First day it no longer counts (exclusive); null: still in service. */
  decommissionDate: date.nullable(),
  /** Serial numbers, one per unit; empty for count-only records. */
  serials: z.array(limited(TEXT_LIMITS.serial, 1)),
  notes: limited(TEXT_LIMITS.notes).nullable(),
  purchaseOrderId: limited(TEXT_LIMITS.id).nullable(),
};

type HardwareShape = { serials: string[]; quantity: number; status: string };
type Dated = { installDate: string | null; decommissionDate: string | null };

/** The rules a record keeps whoever writes it: serials match the quantity, dates in order. */
function withRecordRules<S extends z.ZodType<HardwareShape & Dated>>(schema: S) {
  return schema
    .refine((h) => h.serials.length === 0 || h.serials.length === h.quantity, {
      message: say('inventory.serials-quantity'),
      path: ['serials'],
    })
    .refine((h) => !h.installDate || !h.decommissionDate || h.decommissionDate > h.installDate, {
      message: say('inventory.decommission-after-install'),
      path: ['decommissionDate'],
    })
    .refine((h) => h.status !== 'retired' || h.decommissionDate !== null, {
      message: say('inventory.retired-needs-date'),
      path: ['decommissionDate'],
    });
}

const hardwareFieldsSchema = z.strictObject(hardwareFieldsShape);
export type HardwareFields = z.output<typeof hardwareFieldsSchema>;

/** A hardware record as a snapshot holds it (with its id). */
export const hardwareSchema = withRecordRules(
  z.strictObject({ id: limited(TEXT_LIMITS.id, 1), ...hardwareFieldsShape }),
);

export const storedHardwareSchema = withRecordRules(
  z.strictObject({ id: z.string(), ...hardwareFieldsShape, version: versionSchema }),
);
export type StoredHardware = z.output<typeof storedHardwareSchema>;

/** A record to write: an id when the file gives one (a snapshot, a `record_id` column). */
export type NewHardware = HardwareFields & { readonly id?: string };

// ---------------------------------------------------------------- policy versions

export const policyVersionSchema = z
  .strictObject({
    id: limited(TEXT_LIMITS.policy, 1),
    version: versionSchema,
    createdAt: limited(TEXT_LIMITS.policy, 1),
    createdBy: limited(TEXT_LIMITS.policy, 1),
    document: policyFileSchema,
  })
  .refine((p) => p.id === p.document.id, {
    error: (issue) => say('import.policy-id-mismatch', { id: String((issue.input as { id: string }).id) }),
    path: ['document', 'id'],
  });
/** A stored policy version; the change log keeps one whole when it is removed (enough to restore it). */
export type PolicyVersion = z.output<typeof policyVersionSchema>;

// ---------------------------------------------------------------- change log

export const CHANGE_ACTIONS = ['create', 'update', 'delete'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

export interface Change {
  readonly entity: string;
  readonly entityId: string;
  readonly action: ChangeAction;
  readonly before: unknown;
  readonly after: unknown;
}

export const changeEntrySchema = z.strictObject({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  batch: z.string().nullable(),
  entity: z.string(),
  entityId: z.string(),
  action: z.enum(CHANGE_ACTIONS),
  before: z.unknown(),
  after: z.unknown(),
});
export type ChangeEntry = z.output<typeof changeEntrySchema>;

// ---------------------------------------------------------------- what an importer produces

/** What every importer produces: validated records, nothing written yet. */
export interface ParsedInventory {
  /** Sites to create when missing; attributes given here also update existing sites. */
  readonly sites: SiteInput[];
  readonly hardware: NewHardware[];
  /** Where each hardware row is in the file (`FILE:LINE`, `FILE: hardware[3]`), for messages about it. */
  readonly rowLabels?: readonly string[];
  readonly purchaseOrders?: PurchaseOrder[];
  readonly policies?: readonly PolicyVersion[];
  /** `append`: every record is new (CSV, NetBox); `upsert`: records carry ids (JSON snapshots). */
  readonly mode: 'append' | 'upsert';
  readonly warnings: string[];
}

import { say } from '../messages/say';
import { INVENTORY_FORMATS } from './formats';

export { INVENTORY_FORMATS };
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];
