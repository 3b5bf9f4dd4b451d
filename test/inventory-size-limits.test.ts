/**
 * No size limit on input files or text fields: a 100 MB `notes` cell was imported (37 s, 4 GB), a 600 MB file was
 * read whole before failing with ERR_STRING_TOO_LONG. Files are now checked before reading, and text fields have
 * lengths (TEXT_LIMITS) that every writer and both stores keep.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { parseInventoryCsv, parseInventoryJson } from '../src/inventory';
import { run } from './support/run-cli';

const catalog = loadBuiltinCatalog();
const dir = mkdtempSync(join(tmpdir(), 'chipmix-size-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const data = ['--data-dir', join(dir, 'store')];
const HEADER = 'site,hardware_id,quantity,status,install_date,decommission_date,serial,notes';

describe('input files are checked for size before reading', () => {
  it('inventory import and policy add refuse a file over 64 MiB in one line, exit 2', async () => {
    for (const [name, command] of [
      ['big.csv', ['inventory', 'import']],
      ['big.yaml', ['policy', 'add']],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, '');
      truncateSync(file, 64 * 1024 * 1024 + 1); // sparse: no disk used
      const r = await run(...data, ...command, file);
      expect(r.code).toBe(2);
      expect(r.err).toBe(
        `chipmix: ${file}: the file is 64.0 MiB, more than the 64 MiB the CLI reads; split it (the API takes 8 MiB per request)\n`,
      );
    }
  });
});

describe('text fields have lengths', () => {
  it('CSV: a notes cell over 2000 characters and a serial over 100 are refused naming the cell', () => {
    const r = parseInventoryCsv(
      `${HEADER}\nA,nvidia-h20,1,installed,2025-01-01,,${'S'.repeat(101)},${'n'.repeat(2001)}\n`,
      'f.csv',
      catalog,
    );
    expect(r.issues?.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'f.csv:2:serial: longer than 100 characters',
      'f.csv:2:notes: longer than 2000 characters',
    ]);
    const fits = `${HEADER}\nA,nvidia-h20,1,installed,2025-01-01,,${'S'.repeat(100)},${'n'.repeat(2000)}\n`;
    expect(parseInventoryCsv(fits, 'f.csv', catalog).ok).toBe(true);
  });

  it('JSON snapshot: region, notes, serials and a policy version createdBy are bounded, the field named', () => {
    const snapshot = {
      format: 'chipmix-inventory',
      formatVersion: 1,
      sites: [
        {
          name: 'A',
          region: 'r'.repeat(201),
          stateFunded: false,
          projectCompletionPct: null,
          commissioningDate: null,
          notes: 'n'.repeat(2001),
        },
      ],
      purchaseOrders: [],
      hardware: [
        {
          id: 'h1',
          site: 'A',
          hardwareId: 'nvidia-h20',
          quantity: 1,
          status: 'installed',
          installDate: null,
          decommissionDate: null,
          serials: ['S'.repeat(101)],
          notes: null,
          purchaseOrderId: null,
        },
      ],
      policies: [
        {
          id: 'p',
          version: 1,
          createdAt: '2026-01-01T00:00:00Z',
          createdBy: 'x'.repeat(201),
          document: {
            id: 'p',
            rules: [
              {
                id: 'r',
                metric: 'count',
                comparator: '>',
                threshold: 0.5,
                scope: 'site',
                effectiveFrom: '2025-01-01',
              },
            ],
          },
        },
      ],
    };
    const r = parseInventoryJson(JSON.stringify(snapshot), 's.json', catalog);
    expect(r.issues?.map((i) => `${i.path}: ${i.message}`)).toEqual([
      's.json: sites[0].region: longer than 200 characters',
      's.json: sites[0].notes: longer than 2000 characters',
      's.json: hardware[0].serials[0]: longer than 100 characters',
      's.json: policies[0].createdBy: longer than 200 characters',
    ]);
  });

  it('inventory site --region over 200 characters is refused in one line (exit 2)', async () => {
    const r = await run(...data, 'inventory', 'site', 'A', '--region', 'r'.repeat(201));
    expect(r.code).toBe(2);
    expect(r.err).toBe('chipmix: site "A": region longer than 200 characters; nothing was written\n');
  });
});
