/**
 * Demo data for `chipmix serve --demo`: on first start (an empty inventory) the sample inventory in
 * examples/inventory-demo.csv is imported, so the Compliance page has sites, rules and a trajectory.
 * Nothing is written when the store already holds hardware.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Catalog } from '../core/catalog/catalog';
import { formatIssue } from '../core/result';
import { importInventory, parseInventoryCsv } from '../inventory/index';
import { writeContext } from '../store/context';
import type { Store } from '../store/open';

/** examples/ beside dist/ (bundled CLI) or two levels up (TypeScript source). */
export function demoInventoryPath(): string | null {
  for (const relative of ['../examples/inventory-demo.csv', '../../examples/inventory-demo.csv']) {
    const file = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(file)) return file;
  }
  return null;
}

/** Imports the demo inventory into an empty store; returns how many records were added. */
export async function loadDemoData(store: Store, catalog: Catalog): Promise<number> {
  const present = await store.db.selectFrom('hardware').select('id').limit(1).executeTakeFirst();
  if (present) return 0;
  const file = demoInventoryPath();
  if (!file) throw new Error('the demo inventory (examples/inventory-demo.csv) is missing from this install');
  const parsed = parseInventoryCsv(readFileSync(file, 'utf8'), 'inventory-demo.csv', catalog);
  if (!parsed.ok) throw new Error(`demo inventory: ${parsed.issues.map(formatIssue).join('; ')}`);
  const summary = await importInventory(store, writeContext('chipmix-demo'), parsed.value);
  return summary.hardwareCreated;
}
