/** What every importer produces: validated data, nothing written yet. */
import type { PolicyFile } from '../core/policy/schema';
import type { NewHardware } from '../store/hardware';
import type { PurchaseOrder } from '../store/purchase-orders';
import type { SiteAttributes } from '../store/sites';

export type SiteInput = { readonly name: string } & Partial<SiteAttributes>;

export interface ParsedInventory {
  /** Sites to create when missing; attributes given here also update existing sites. */
  readonly sites: SiteInput[];
  readonly hardware: NewHardware[];
  readonly purchaseOrders?: PurchaseOrder[];
  readonly policies?: ReadonlyArray<{
    id: string;
    version: number;
    createdAt: string;
    createdBy: string;
    document: PolicyFile;
  }>;
  /** `append`: every record is new (CSV, NetBox); `upsert`: records carry ids (JSON snapshots). */
  readonly mode: 'append' | 'upsert';
  readonly warnings: string[];
}

export const INVENTORY_FORMATS = ['csv', 'netbox', 'json'] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];
