import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { readCsv } from '../src/core/csv';
import { formatIssue } from '../src/core/result';
import {
  detectFormat,
  parseInventoryCsv,
  parseInventoryFile,
  parseInventoryJson,
  parseNetboxBundle,
} from '../src/inventory';

const catalog = loadBuiltinCatalog();
const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/inventory/${name}`, import.meta.url), 'utf8');

describe('CSV reader', () => {
  it('handles CRLF, BOM, quoted commas, doubled quotes and newlines in quotes', () => {
    const r = readCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",z\n', (l) => `f.csv:${l}`);
    expect(r.issues).toEqual([]);
    expect(r.rows.map((row) => [row.line, row.fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['x, y', 'say "hi"']],
      [3, ['multi\nline', 'z']],
    ]);
  });
  it('refuses a file cut inside a quoted field', () => {
    expect(readCsv('a,b\n1,"unfinished\n', (l) => `f.csv:${l}`).issues[0]?.message).toMatch(/never closed/);
  });
});

describe('inventory CSV', () => {
  it('imports a realistic file', () => {
    const r = parseInventoryCsv(fixture('fleet.csv'), 'fleet.csv', catalog);
    expect(r.ok).toBe(true);
    expect(r.value?.sites.map((s) => s.name)).toEqual(['BJ-Yizhuang-01', 'SH-Lingang-02', 'GZ-Nansha-03']);
    expect(r.value?.hardware).toHaveLength(8);
    const pilot = r.value?.hardware[2];
    expect(pilot).toMatchObject({
      hardwareId: 'huawei-ascend-910c',
      quantity: 4,
      serials: ['AX910C-0001', 'AX910C-0002', 'AX910C-0003', 'AX910C-0004'],
    });
    expect(r.value?.hardware[4]?.notes).toBe('PO 2025-118, "supernode" delivery');
    expect(r.value?.hardware[5]).toMatchObject({ status: 'retired', decommissionDate: '2025-10-31' });
  });

  it('takes a hardware id in any case and stores it as the catalog writes it', () => {
    const r = parseInventoryCsv(
      'site,hardware_id,quantity,status,install_date,decommission_date\nX,Nvidia-H20,2,installed,2025-01-01,\n',
      'case.csv',
      catalog,
    );
    expect(r.ok).toBe(true);
    expect(r.value?.hardware[0]?.hardwareId).toBe('nvidia-h20');
  });

  it('reports every bad row with line, column and reason', () => {
    const r = parseInventoryCsv(fixture('bad-rows.csv'), 'bad-rows.csv', catalog);
    expect(r.ok).toBe(false);
    expect(r.issues?.map(formatIssue)).toEqual([
      'bad-rows.csv:3:hardware_id: unknown hardware id "nvidia-h2O"; did you mean nvidia-h20?',
      'bad-rows.csv:4:site: expected a site name',
      'bad-rows.csv:5:quantity: expected a whole number 1..10000000, got "-3"',
      'bad-rows.csv:6:status: expected one of planned, ordered, installed, retired, got "deployed"',
      'bad-rows.csv:7:install_date: expected a date YYYY-MM-DD, got "2025-02-30"',
      'bad-rows.csv:8:decommission_date: decommission_date 2025-04-01 is not after install_date 2025-05-01',
      'bad-rows.csv:9:decommission_date: a retired row needs a decommission_date (when it left)',
      'bad-rows.csv:10:serial: 2 serial numbers for quantity 3',
      'bad-rows.csv:11: expected 8 fields as in the header, got 4 (truncated or misquoted row?)',
    ]);
  });

  it('checks the header: exact names, required columns, no unknown ones', () => {
    const r = parseInventoryCsv('site,hardware,quantity,status,install_date\n', 'h.csv', catalog);
    expect(r.issues?.map(formatIssue)).toEqual([
      'h.csv:1:hardware: unknown column; expected site, hardware_id, quantity, status, install_date, decommission_date, serial, notes, record_id',
      'h.csv:1:hardware_id: required column missing',
      'h.csv:1:decommission_date: required column missing',
    ]);
  });

  it('refuses binary garbage and duplicate serials', () => {
    expect(parseInventoryCsv('site,\u0000\u0001', 'b.csv', catalog).issues?.[0]?.code).toBe('binary');
    const dup =
      'site,hardware_id,quantity,status,install_date,decommission_date,serial\nA,nvidia-h20,1,installed,,,S1\nB,nvidia-h20,1,installed,,,S1\n';
    expect(parseInventoryCsv(dup, 'd.csv', catalog).issues?.map(formatIssue)).toEqual([
      'd.csv:3:serial: serial S1 of nvidia-h20 also on line 2',
    ]);
  });
});

describe('NetBox bundle', () => {
  it('reads modules, inventory items and device custom fields, and site custom fields', () => {
    const r = parseNetboxBundle(fixture('netbox-bundle.json'), 'nb.json', catalog);
    expect(r.issues).toBeUndefined();
    const hw = r.value!.hardware;
    const summary = hw.map(
      (h) => `${h.site} ${h.hardwareId} x${h.quantity} ${h.status} ${h.installDate} ${h.serials.join(';')}`,
    );
    expect(summary).toEqual([
      'SZ-Qianhai-02 nvidia-h800-sxm5-80gb x8 installed 2023-09-01 ',
      'HZ-Xiaoshan-01 huawei-ascend-910b x1 installed 2025-08-01 NPU910B-0001',
      'HZ-Xiaoshan-01 huawei-ascend-910b x1 installed 2025-08-01 NPU910B-0002',
      'HZ-Xiaoshan-01 huawei-ascend-910b3 x1 installed 2025-08-01 NPU910B-0003',
      'SZ-Qianhai-02 cambricon-mlu590 x1 planned 2026-04-01 ',
      'HZ-Xiaoshan-01 nvidia-h20 x1 installed 2025-03-15 1650724000001',
      'HZ-Xiaoshan-01 nvidia-h20 x1 installed 2025-03-15 1650724000002',
    ]);
    expect(r.value!.sites).toEqual([
      {
        name: 'HZ-Xiaoshan-01',
        region: 'Zhejiang',
        stateFunded: true,
        projectCompletionPct: 20,
        commissioningDate: '2025-06-30',
      },
      { name: 'SZ-Qianhai-02', region: 'Guangdong', stateFunded: false },
    ]);
    expect(r.value!.warnings).toEqual(['1 modules are not accelerators (no catalog match) and were skipped']);
  });

  it('reports unknown accelerator models, bad fields and dangling devices by JSON path', () => {
    const bundle = JSON.parse(fixture('netbox-bundle.json'));
    bundle.modules.results[0].module_type.model = 'Ascend 999Z';
    bundle.modules.results[1].device.id = 555;
    bundle.devices[2].custom_fields.accelerator_count = 'eight';
    bundle.sites.results[0].custom_fields.project_completion_pct = 140;
    delete bundle.aliases;
    const r = parseNetboxBundle(JSON.stringify(bundle), 'nb.json', catalog);
    expect(r.issues?.map(formatIssue)).toEqual([
      'nb.json: sites[0].custom_fields.project_completion_pct: expected a percent 0..100',
      'nb.json: devices[2].custom_fields.accelerator_count: expected a whole number 1..10000000 with accelerator_model',
      'nb.json: modules[0].module_type.model: no catalog entry for model "Ascend 999Z" (add it to "aliases")',
      'nb.json: modules[1].device: device 555 is not in devices',
    ]);
  });

  it('refuses a truncated bundle', () => {
    const text = fixture('netbox-bundle.json');
    const r = parseNetboxBundle(text.slice(0, Math.floor(text.length / 2)), 'nb.json', catalog);
    expect(r.issues?.[0]?.message).toMatch(/^not valid JSON \(truncated or corrupted\?\)/);
  });
});

describe('JSON snapshot', () => {
  it('refuses a snapshot that refers to unknown sites or hardware', () => {
    const doc = {
      format: 'chipmix-inventory',
      formatVersion: 1,
      sites: [],
      purchaseOrders: [],
      hardware: [
        {
          id: 'h1',
          site: 'nowhere',
          hardwareId: 'acme-x',
          quantity: 0,
          status: 'installed',
          installDate: null,
          decommissionDate: null,
          serials: [],
          notes: null,
          purchaseOrderId: null,
        },
      ],
      policies: [],
    };
    expect(parseInventoryJson(JSON.stringify(doc), 's.json', catalog).issues?.map(formatIssue)).toEqual([
      's.json: hardware[0].quantity: expected a whole number >= 1',
    ]);
    doc.hardware[0]!.quantity = 1;
    expect(parseInventoryJson(JSON.stringify(doc), 's.json', catalog).issues?.map(formatIssue)).toEqual([
      's.json: hardware[0].site: site nowhere is not in sites',
      's.json: hardware[0].hardwareId: unknown hardware id "acme-x"',
    ]);
  });

  it('detects formats from the name and content', () => {
    expect(detectFormat('a.csv', '')).toBe('csv');
    expect(detectFormat('a.json', fixture('netbox-bundle.json'))).toBe('netbox');
    expect(detectFormat('a.json', '{"format": "chipmix-inventory", "sites": []}')).toBe('json');
    // content beats a name: the API's default name is upload.csv
    expect(detectFormat('upload.csv', '{"format": "chipmix-inventory", "sites": []}')).toBe('json');
    expect(detectFormat('upload.csv', fixture('netbox-bundle.json'))).toBe('netbox');
    expect(detectFormat('upload.csv', 'site,hardware_id\n')).toBe('csv');
  });

  it('refuses a YAML or spreadsheet file in one line instead of reading it as CSV', () => {
    const yaml = 'sites:\n  - id: beijing-1\n';
    const result = parseInventoryFile(yaml, 'inventory.YAML', detectFormat('inventory.YAML', yaml), catalog);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map(formatIssue)).toEqual([
      'inventory.YAML: .yaml is not an inventory format: use a CSV file (.csv), a NetBox JSON bundle or a chipmix JSON snapshot',
    ]);
    // a CSV under another name still imports
    const csv = 'site,hardware_id,quantity,status,install_date,decommission_date\n';
    expect(parseInventoryFile(csv, 'inventory.txt', 'csv', catalog).ok).toBe(true);
  });
});
