/**
 * Compliance benchmark (issue 13): 100,000 hardware records with random install dates (about
 * 97,000 distinct (site, hardware, status, date) groups, the inventory that made the API answer
 * 2.6 requests/s), then:
 *   - the core: timeline build, one evaluation, a trajectory;
 *   - `node bin/chipmix.js comply status --json` end to end (median of 9, beside `--version`, the
 *     bare start-up of the same CLI on the same machine);
 *   - `chipmix serve` under autocannon: GET /api/compliance/status, 10 connections.
 *
 *   npm run build && npx tsx bench/compliance.ts [--records 100000] [--seconds 10] [--keep]
 *
 * Aims: `comply status` <= 300 ms end to end; the API >= 100 requests/s with p99 <= 100 ms, no errors.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { evaluateCompliance } from '../src/core/compliance/evaluate';
import { ComplianceTimeline } from '../src/core/compliance/timeline';
import { complianceTrajectory } from '../src/core/compliance/trajectory';
import type { HardwareStatus } from '../src/core/compliance/types';
import type { NewHardware } from '../src/core/inventory/records';
import { importInventory } from '../src/inventory/import';
import { complianceChanges, listSites, openStore, quantitiesAsOf, writeContext } from '../src/store/index';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: Record<string, unknown>,
) => Promise<AutocannonResult>;

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const records = option('records', 100_000);
const seconds = option('seconds', 10);
const keep = args.includes('--keep');

// mulberry32: a seeded generator with a full period (the same inventory every run)
let seed = 13;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const HARDWARE = [
  'huawei-ascend-910b',
  'huawei-ascend-910b3',
  'huawei-ascend-910c',
  'cambricon-mlu590',
  'hygon-k100',
  'metax-c500',
  'nvidia-h20',
  'nvidia-h800-sxm5-80gb',
  'nvidia-a800-sxm4-80gb',
  'amd-mi308x',
];
const day = (d: number) => new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
const hardware: NewHardware[] = [];
for (let i = 0; i < records; i++) {
  const d = Math.floor(random() * 2557); // 2020-2026
  const r = random();
  const status: HardwareStatus =
    r < 0.05 ? 'retired' : r < 0.1 ? 'ordered' : r < 0.13 ? 'planned' : 'installed';
  hardware.push({
    site: `site-${String(Math.floor(random() * 40)).padStart(2, '0')}`,
    hardwareId: HARDWARE[Math.floor(random() * HARDWARE.length)]!,
    quantity: 1 + Math.floor(random() * 8),
    status,
    installDate: day(d),
    decommissionDate: status === 'retired' ? day(d + 1 + Math.floor(random() * 700)) : null,
    serials: [],
    notes: `delivery ${i}`,
    purchaseOrderId: null,
  });
}

const dir = mkdtempSync(join(tmpdir(), 'chipmix-bench-compliance-'));
const catalog = loadBuiltinCatalog();
const ms = (t0: number) => performance.now() - t0;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const store = await openStore({ dataDir: dir, env: {} });
let t = performance.now();
await importInventory(store, writeContext('bench'), {
  sites: [...new Set(hardware.map((h) => h.site))].map((name) => ({ name })),
  hardware,
  mode: 'append',
  warnings: [],
});
const importMs = ms(t);
const groups = new Set(hardware.map((h) => `${h.site}|${h.hardwareId}|${h.status}|${h.installDate}`)).size;

// core and SQL, in this process
const sites = await listSites(store.db);
t = performance.now();
const changes = await complianceChanges(store.db);
const readChangesMs = ms(t);
t = performance.now();
const timeline = ComplianceTimeline.fromChanges(changes);
const buildMs = ms(t);
const input = { sites, records: timeline, rules: [], catalog };
evaluateCompliance(input, { asOf: '2026-01-01' });
const evalMs = median(
  Array.from({ length: 9 }, () => {
    const t0 = performance.now();
    evaluateCompliance(input, { asOf: '2026-01-01', basis: 'pipeline' });
    return ms(t0);
  }),
);
t = performance.now();
const trajectory = complianceTrajectory(input, { from: '2024-01-01', to: '2026-12-31' });
const trajectoryMs = ms(t);
const asOfTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  await quantitiesAsOf(store.db, '2026-01-01', 'installed');
  asOfTimes.push(ms(t0));
}
const asOfMs = median(asOfTimes);
await store.close();

console.log(
  `inventory: ${records} records at ${sites.length} sites, ${groups} (site, hardware, status, install date) groups; import ${(importMs / 1000).toFixed(1)} s`,
);
console.log(
  `timeline:  ${changes.length} summed changes read in ${readChangesMs.toFixed(0)} ms, built in ${buildMs.toFixed(0)} ms, ${timeline.size} series`,
);
console.log(
  `core:      one date ${evalMs.toFixed(2)} ms (median of 9); trajectory of ${trajectory.points.length} points ${trajectoryMs.toFixed(0)} ms; SQL quantities on one date ${asOfMs.toFixed(0)} ms`,
);

// the CLI end to end
if (existsSync('dist/cli.js')) {
  const run = (argv: string[]) => {
    const t0 = performance.now();
    execFileSync(process.execPath, ['bin/chipmix.js', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    return ms(t0);
  };
  const status = ['--data-dir', dir, 'comply', 'status', '--as-of', '2026-01-01', '--json'];
  run(status);
  const versions: number[] = [];
  const statuses: number[] = [];
  for (let i = 0; i < 9; i++) {
    versions.push(run(['--version']));
    statuses.push(run(status));
  }
  const cli = median(statuses);
  console.log(
    `CLI:       comply status --json ${cli.toFixed(0)} ms end to end (median of 9; bare start-up, --version: ${median(versions).toFixed(0)} ms)  aim <= 300: ${cli <= 300 ? 'met' : 'NOT met'}`,
  );
} else console.log('CLI:       skipped (run `npm run build` first)');

// the API under load
async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const bundled = existsSync('dist/cli.js');
  const command = bundled ? ['bin/chipmix.js'] : ['--import', 'tsx', 'src/cli/main.ts'];
  const child = spawn(process.execPath, [...command, 'serve', '--port', '0', '--data-dir', dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /serving at (http:\/\/\S+?)\/\s/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with code ${code}: ${out}`)));
  });
  return { child, url };
}
const { child, url } = await startServer();
try {
  const target = `${url}/api/compliance/status`;
  t = performance.now();
  const first = await fetch(target);
  if (first.status !== 200) throw new Error(`status answered ${first.status}: ${await first.text()}`);
  const firstMs = ms(t);
  await autocannon({ url: target, connections: 10, duration: 2 }); // warm-up
  const r = await autocannon({ url: target, connections: 10, duration: seconds });
  const failures = r.errors + r.timeouts + r.non2xx;
  const pass = r.requests.average >= 100 && r.latency.p99 <= 100 && failures === 0;
  console.log(
    `API:       GET /api/compliance/status, 10 connections, ${r.duration.toFixed(1)} s: ${r.requests.average.toFixed(0)} requests/s, ` +
      `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms, ${failures} errors ` +
      `(first answer, timeline built: ${firstMs.toFixed(0)} ms)  aim >= 100/s, p99 <= 100 ms: ${pass ? 'met' : 'NOT met'}`,
  );
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`data dir kept: ${dir}`);
}
