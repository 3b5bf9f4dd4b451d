/** Reads the whole inventory out of the store as a JSON snapshot or as CSV. */

import { listHardware } from '../store/hardware';
import type { Store } from '../store/open';
import { listPolicyVersions } from '../store/policies';
import { listPurchaseOrders } from '../store/purchase-orders';
import { listSites } from '../store/sites';
import { inventoryToCsv } from './csv';
import { buildInventoryDocument, type InventoryDocument } from './json-format';

export async function exportInventoryDocument(store: Store): Promise<InventoryDocument> {
  const [sites, purchaseOrders, hardware, policies] = await Promise.all([
    listSites(store.db),
    listPurchaseOrders(store.db),
    listHardware(store.db),
    listPolicyVersions(store.db),
  ]);
  return buildInventoryDocument({ sites, purchaseOrders, hardware, policies });
}

/** Two-space indented JSON with a final newline: the bytes `inventory export` writes. */
export function serialiseInventoryDocument(doc: InventoryDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export async function exportInventoryCsv(store: Store): Promise<string> {
  return inventoryToCsv(await listHardware(store.db));
}
