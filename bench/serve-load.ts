/**
 * Load benchmark of `chipmix serve` (issue 6): autocannon on loopback against POST /api/train/estimate
 * for ~10 s, with the server in its own process (the bundled CLI when built, else tsx).
 *
 *   npm run build && npx tsx bench/serve-load.ts [--seconds 10] [--connections 10]
 *
 * Aim on the 2-core CI machine: >= 500 requests/s, p99 < 50 ms, no errors.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no types; it is only used here
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const seconds = option('seconds', 10);
const connections = option('connections', 10);

/** A dense 8B run on 64 Ascend 910B with a complete layout: the engine's per-request path, no search. */
const BODY = JSON.stringify({
  model: 'llama3-8b',
  hardware: 'huawei-atlas-800t-a2',
  devices: 64,
  seqLen: 4096,
  globalBatch: 512,
  layout: { tp: 2, pp: 1, mbs: 1, recompute: 'selective', zero: 1 },
});

async function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const bundled = existsSync('dist/cli.js');
  const command = bundled
    ? [process.execPath, 'bin/chipmix.js']
    : [process.execPath, '--import', 'tsx', 'src/cli/main.ts'];
  const child = spawn(command[0]!, [...command.slice(1), 'serve', '--port', '0', '--data-dir', dataDir], {
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

const dataDir = mkdtempSync(join(tmpdir(), 'chipmix-load-'));
const { child, url } = await startServer(dataDir);
try {
  const target = `${url}/api/train/estimate`;
  const probe = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
  });
  if (probe.status !== 200) throw new Error(`probe answered ${probe.status}: ${await probe.text()}`);
  const common = {
    url: target,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections,
  };
  await autocannon({ ...common, duration: 2 }); // warm-up (JIT)
  const r = await autocannon({ ...common, duration: seconds });
  const failures = r.errors + r.timeouts + r.non2xx;
  console.log(
    `POST /api/train/estimate, ${connections} connections, ${r.duration.toFixed(1)} s on loopback:`,
  );
  console.log(`  requests/s  ${r.requests.average.toFixed(0)} (total ${r.requests.total})`);
  console.log(`  latency     p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`);
  console.log(`  errors      ${failures} (errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx})`);
  const pass = r.requests.average >= 500 && r.latency.p99 < 50 && failures === 0;
  console.log(`  aim (>= 500 req/s, p99 < 50 ms, no errors): ${pass ? 'met' : 'NOT met'}`);
  process.exitCode = pass ? 0 : 1;
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
