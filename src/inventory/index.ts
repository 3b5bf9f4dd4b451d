/** Inventory import and export: parse a file of any supported format, then write it in one transaction. */
import type { Catalog } from '../core/catalog/catalog';
import type { InventoryFormat, ParsedInventory } from '../core/inventory/records';
import { say } from '../core/messages/say';
import type { Result } from '../core/result';
import { fail } from '../core/result';
import { parseInventoryCsv } from './csv';
import { parseInventoryJson } from './json-format';
import { type NetboxOptions, parseNetboxBundle } from './netbox';

export * from './csv';
export * from './export';
export * from './import';
export * from './json-format';
export * from './netbox';
export * from './plan';
export * from './undo';

/**
 * The format of a file: a JSON document (its first character `{` or `[`) is a chipmix snapshot unless it looks like
 * NetBox, whatever its name (the API's default name `upload.csv` read a snapshot as CSV); otherwise `.csv` is CSV and
 * `.json` a snapshot.
 */
export function detectFormat(file: string, text: string): InventoryFormat {
  const head = text.slice(0, 4096);
  const json = /^\uFEFF?\s*[[{]/.test(head);
  if (file.toLowerCase().endsWith('.csv') && !json) return 'csv';
  if (head.includes('"format"') && head.includes('chipmix-inventory')) return 'json';
  if (/"(sites|devices|modules|inventory_items|dcim\/[a-z-]+)"\s*:/.test(head)) return 'netbox';
  return json || file.toLowerCase().endsWith('.json') ? 'json' : 'csv';
}

/** Files that are never an inventory CSV, whatever their first line. */
const NOT_CSV_EXTENSION = /\.(ya?ml|xlsx|xlsm|xls|ods|numbers|toml|xml|parquet)$/i;

export function parseInventoryFile(
  text: string,
  file: string,
  format: InventoryFormat,
  catalog: Catalog,
  options: NetboxOptions = {},
): Result<ParsedInventory> {
  switch (format) {
    case 'csv': {
      // A spreadsheet or YAML file read as CSV reported its first line as seven column problems.
      const extension = NOT_CSV_EXTENSION.exec(file)?.[1];
      if (extension)
        return fail({
          code: 'unsupported_format',
          path: file,
          message: say('import.unsupported-format', { extension: extension.toLowerCase() }),
        });
      return parseInventoryCsv(text, file, catalog);
    }
    case 'json':
      return parseInventoryJson(text, file, catalog);
    case 'netbox':
      return parseNetboxBundle(text, file, catalog, options);
  }
}
