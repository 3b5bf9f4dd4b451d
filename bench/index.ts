/**
 * `npm run bench`: every benchmark in bench/, one after another, each in its own process so one's heap
 * and worker threads do not colour the next. Benchmarks print their own figures; this only runs them.
 *
 *   npm run bench                    the quick set (seconds to a minute each)
 *   npm run bench -- all             every benchmark, the slow ones too (robust plan, load runs, browser)
 *   npm run bench -- plan roadmap    the named ones, in that order
 *   npm run bench -- --list          names and what each measures
 *
 * Those marked `build` start the bundled CLI or server: run `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Bench {
  name: string;
  measures: string;
  /** Part of the default run: finishes within about a minute on the 2-core CI machine. */
  quick: boolean;
  /** Needs dist/ (`npm run build`). */
  build: boolean;
  args?: string[];
}

const BENCHES: Bench[] = [
  { name: 'train-search', measures: 'layouts evaluated per second (405B, 1T)', quick: true, build: false },
  {
    name: 'calculon-side-by-side',
    measures: 'step-time error on Calculon’s cases',
    quick: true,
    build: false,
  },
  { name: 'plan', measures: 'fleet plan build, solve and 11-point sweep', quick: true, build: false },
  { name: 'roadmap', measures: 'multi-period plan solve and price of tightening', quick: true, build: false },
  { name: 'risk-spreads', measures: 'spread anchors per confidence grade', quick: true, build: false },
  {
    name: 'plan-risk',
    measures: '1,000 risk draws and the robust plan',
    quick: false,
    build: false,
    args: ['--samples', '1000', '--seed', '1'],
  },
  { name: 'port-scan', measures: 'port scan against parse-only time', quick: false, build: false },
  { name: 'inventory', measures: '100k-record import and compliance', quick: false, build: true },
  { name: 'compliance', measures: 'comply status end to end and API under load', quick: false, build: true },
  { name: 'serve-load', measures: 'POST /api/train/estimate under load', quick: false, build: true },
  { name: 'web-load', measures: 'cold load of the web app in Chromium', quick: false, build: true },
];

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);

if (argv.includes('--list')) {
  for (const b of BENCHES)
    console.log(
      `${b.name.padEnd(22)} ${b.quick ? 'quick' : 'slow '} ${b.build ? 'build' : '     '} ${b.measures}`,
    );
  process.exit(0);
}

const unknown = argv.filter((a) => a !== 'all' && !BENCHES.some((b) => b.name === a));
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(', ')} (npm run bench -- --list)`);
  process.exit(2);
}
const chosen = argv.includes('all')
  ? BENCHES
  : argv.length
    ? argv.map((a) => BENCHES.find((b) => b.name === a)!)
    : BENCHES.filter((b) => b.quick);

const built = existsSync(join(here, '..', 'dist'));
let failures = 0;
for (const b of chosen) {
  console.log(`\n== bench/${b.name}.ts: ${b.measures}`);
  if (b.build && !built) {
    console.log('skipped: needs `npm run build` first');
    continue;
  }
  const run = spawnSync('npx', ['tsx', join(here, `${b.name}.ts`), ...(b.args ?? [])], { stdio: 'inherit' });
  if (run.status !== 0) failures++;
}
process.exit(failures ? 1 : 0);
