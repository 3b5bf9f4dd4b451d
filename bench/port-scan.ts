/**
 * Benchmark for `chipmix port scan`: generates a synthetic tree of 10,000 files / 1,000,000 lines in
 * a temporary directory (or takes a real one with --dir), then prints, for the same files:
 *   - parse only: every Python/C/C++/CUDA file parsed once with the same grammars, on one core;
 *   - scan, 1 thread, and scan on every core (worker threads), all four targets.
 * The goal (issue 18): the scan on every core takes no longer than the single-core parse.
 * The three are run in turn, --repeat times, and each is reported as the median (and the best) of
 * its runs: on a shared machine the load drifts, and interleaving gives all three the same drift.
 * With a built CLI (dist/cli.js) it then times whole cold processes the same way: `chipmix port scan` on every
 * core and on one, against a process that only parses the same files on one core (start-up included in all three).
 * Not a timed test. Usage: npx tsx bench/port-scan.ts [--dir PATH] [--files N] [--trigger-share 0.15] [--repeat 5] [--keep]
 *
 * Mix: 75 % Python, 17 % C/C++, 5 % CUDA (.cu, always parsed), 3 % build files. `--trigger-share` is
 * the share of Python/C++ files that mention CUDA (and so get past the pre-filter and are parsed);
 * 1.0 forces every file through tree-sitter.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadParsers } from '../src/port/parsers';
import { loadRuleSets } from '../src/port/rules/load';
import { scanDirectory } from '../src/port/scan';
import { PORT_SCAN_INTERRUPT_BUDGET } from '../src/port/v8-budget';
import { walkSourceFiles } from '../src/port/walk';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const FILES = arg('--files', 10_000);
const LINES_PER_FILE = 100;
const TRIGGER_SHARE = arg('--trigger-share', 0.15);

/** Deterministic PRNG (mulberry32) so every run scans the same tree. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(42);

function pythonFile(trigger: boolean): string {
  const head = trigger
    ? ['import torch', 'import torch.distributed as dist', 'from torch.cuda.amp import autocast', '']
    : ['import math', 'import numpy as np', '', ''];
  const body: string[] = [];
  let i = 0;
  while (head.length + body.length < LINES_PER_FILE - 6) {
    body.push(
      `def layer_${i}(x, weight, bias=None):`,
      `    """Apply layer ${i}; see the design note for the shapes."""`,
      `    y = np.dot(x, weight) if bias is None else np.dot(x, weight) + bias`,
      `    scale = math.sqrt(${i + 1}.0)  # keep activations bounded`,
      `    return [v / scale for v in y]`,
      '',
    );
    i += 1;
  }
  const tail = trigger
    ? [
        'def train_step(model, batch):',
        '    with autocast():',
        '        loss = model(batch.cuda())',
        "    dist.init_process_group('nccl')",
        '    torch.cuda.synchronize()',
        '    return loss',
      ]
    : [
        'def main():',
        '    return layer_0([1.0], [[1.0]])',
        '',
        '',
        "if __name__ == '__main__':",
        '    main()',
      ];
  return [...head, ...body, ...tail].slice(0, LINES_PER_FILE).join('\n') + '\n';
}

function cppFile(trigger: boolean, cuda: boolean): string {
  const head =
    cuda || trigger
      ? ['#include <cuda_runtime.h>', '#include <vector>', '']
      : ['#include <vector>', '#include <cmath>', ''];
  const body: string[] = [];
  let i = 0;
  while (head.length + body.length < LINES_PER_FILE - 6) {
    body.push(
      `static float helper_${i}(const std::vector<float>& v) {`,
      '  float acc = 0.0f;  // running sum',
      '  for (float x : v) acc += std::sqrt(x * x + 1.0f);',
      `  return acc / static_cast<float>(v.size() + ${i});`,
      '}',
      '',
    );
    i += 1;
  }
  const tail = cuda
    ? [
        '__global__ void scale(float* x, float a, int n) {',
        '  int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) x[i] *= a;',
        '}',
        'void run(float* x, int n) { scale<<<(n + 255) / 256, 256>>>(x, 2.0f, n); }',
        'void sync() { cudaDeviceSynchronize(); }',
        '',
      ]
    : trigger
      ? ['void sync() {', '  cudaDeviceSynchronize();', '}', '', '', '']
      : [
          'int main() {',
          '  std::vector<float> v(4, 1.0f);',
          '  return static_cast<int>(helper_0(v));',
          '}',
          '',
          '',
        ];
  return [...head, ...body, ...tail].slice(0, LINES_PER_FILE).join('\n') + '\n';
}

function generate(root: string): number {
  let lines = 0;
  for (let i = 0; i < FILES; i += 1) {
    const dir = join(root, `pkg${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(dir, { recursive: true });
    const r = random();
    const trigger = random() < TRIGGER_SHARE;
    let name: string;
    let text: string;
    if (r < 0.75) {
      name = `mod${i}.py`;
      text = pythonFile(trigger);
    } else if (r < 0.92) {
      name = `src${i}.cpp`;
      text = cppFile(trigger, false);
    } else if (r < 0.97) {
      name = `kern${i}.cu`;
      text = cppFile(true, true);
    } else {
      name = `requirements-${i}.txt`;
      text =
        Array.from({ length: LINES_PER_FILE }, (_, k) =>
          k === 0 ? 'flash-attn>=2.5' : `package-${k}==1.${k}`,
        ).join('\n') + '\n';
    }
    writeFileSync(join(dir, name), text);
    lines += text.split('\n').length - 1;
  }
  return lines;
}

/** Every Python/C/C++/CUDA file parsed once on this thread: the reference the scan is held to. */
async function parseOnlySeconds(root: string): Promise<{ seconds: number; files: number }> {
  const parsers = await loadParsers();
  const files = walkSourceFiles(root, { gitignore: false }).files;
  const texts = files.map((f) => [f.kind, readFileSync(f.absolute, 'utf8')] as const);
  const started = process.hrtime.bigint();
  let parsed = 0;
  for (const [kind, text] of texts) {
    const parser =
      kind === 'python' || kind === 'setup-py'
        ? parsers.python
        : kind === 'c-family' || kind === 'cuda'
          ? parsers.cFamily
          : null;
    if (!parser) continue;
    parser.parse(text)?.delete();
    parsed += 1;
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, files: parsed };
}

/** Median of a list of timings (the mean of the middle two for an even count). */
function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * What a user waits for: whole processes, each cold (start-up, compile, JIT and exit included): `chipmix port scan`
 * as built (table to /dev/null) on every core and on one, against a process that only reads and parses the same
 * source files with the same grammars on one core. Run in turn, `repeat` times; medians.
 */
async function coldProcesses(root: string, repeat: number): Promise<void> {
  const sources = walkSourceFiles(root, { gitignore: false })
    .files.filter(
      (f) => f.kind === 'python' || f.kind === 'setup-py' || f.kind === 'c-family' || f.kind === 'cuda',
    )
    .map((f) => [f.kind === 'python' || f.kind === 'setup-py' ? 'py' : 'c', f.absolute]);
  const listFile = join(mkdtempSync(join(tmpdir(), 'chipmix-port-list-')), 'files.json');
  writeFileSync(listFile, JSON.stringify(sources));
  const parseOnly = [
    "import { readFileSync } from 'node:fs';",
    "import { createRequire } from 'node:module';",
    "import { Language, Parser } from 'web-tree-sitter';",
    'const require = createRequire(process.cwd() + "/");',
    'await Parser.init();',
    "const py = new Parser(); py.setLanguage(await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));",
    "const c = new Parser(); c.setLanguage(await Language.load(require.resolve('tree-sitter-cuda/tree-sitter-cuda.wasm')));",
    `for (const [kind, file] of JSON.parse(readFileSync(${JSON.stringify(listFile)}, 'utf8'))) (kind === 'py' ? py : c).parse(readFileSync(file, 'utf8'))?.delete();`,
  ].join('\n');
  const wall = (command: string, argv: string[]) => {
    const started = process.hrtime.bigint();
    const run = spawnSync(command, argv, { stdio: ['ignore', 'ignore', 'inherit'] });
    if (run.status !== 0) throw new Error(`${command} ${argv.join(' ')} exited ${run.status}`);
    return Number(process.hrtime.bigint() - started) / 1e9;
  };
  /** `copies` of the same process started together; the wall time until the last one ends. */
  const wallTogether = async (copies: number, command: string, argv: string[]) => {
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from(
        { length: copies },
        () =>
          new Promise<void>((resolve, reject) =>
            spawn(command, argv, { stdio: ['ignore', 'ignore', 'inherit'] }).on('exit', (code) =>
              code === 0 ? resolve() : reject(new Error(`${command} exited ${code}`)),
            ),
          ),
      ),
    );
    return Number(process.hrtime.bigint() - started) / 1e9;
  };
  const cores = availableParallelism();
  const runs = {
    parse: [] as number[],
    parseTuned: [] as number[],
    together: [] as number[],
    all: [] as number[],
    one: [] as number[],
  };
  // the CLI raises V8's tier-up budget for the scan (src/port/v8-budget.ts); the yardstick is timed with and
  // without it, so the comparison does not rest on a VM setting the parse-only process lacks
  const budget = `--interrupt-budget=${PORT_SCAN_INTERRUPT_BUDGET}`;
  for (let i = 0; i < repeat; i += 1) {
    runs.parse.push(wall(process.execPath, ['--input-type=module', '-e', parseOnly]));
    runs.parseTuned.push(wall(process.execPath, [budget, '--input-type=module', '-e', parseOnly]));
    // what this machine gives a parse on every core: one parse-only process per core, all at once
    runs.together.push(await wallTogether(cores, process.execPath, ['--input-type=module', '-e', parseOnly]));
    runs.all.push(wall(process.execPath, [BUILT_CLI, 'port', 'scan', root, '--no-gitignore']));
    runs.one.push(
      wall(process.execPath, [BUILT_CLI, 'port', 'scan', root, '--no-gitignore', '--threads', '1']),
    );
  }
  rmSync(dirname(listFile), { recursive: true, force: true });
  const show = (xs: number[]) => `${median(xs).toFixed(2)} s (runs ${xs.map((x) => x.toFixed(2)).join(' ')})`;
  console.log(`cold processes, medians of ${repeat}:`);
  console.log(`  parse only, 1 core:          ${show(runs.parse)}, ${sources.length} files`);
  console.log(`  the same with ${budget}: ${show(runs.parseTuned)}`);
  // cores' worth of parsing in the time of `together`: the most any split of the work over the cores can gain here
  const speedup = (cores * median(runs.parse)) / median(runs.together);
  console.log(
    `  ${cores} of those parses at once:  ${show(runs.together)}: this machine parses ${speedup.toFixed(2)}x as fast on ${cores} cores as on one`,
  );
  console.log(`  chipmix port scan, 1 thread: ${show(runs.one)}`);
  console.log(`  chipmix port scan, all:      ${show(runs.all)}`);
  console.log(
    `  the whole scan on every core takes ${(median(runs.all) / median(runs.parse)).toFixed(2)}x the cold single-core parse` +
      ` (${(median(runs.all) / median(runs.parseTuned)).toFixed(2)}x the parse with the same V8 budget)`,
  );
  console.log(
    `  the one-thread scan's work split perfectly over ${cores} cores at that speed-up: ${(median(runs.one) / speedup).toFixed(2)} s` +
      ` (${(median(runs.one) / speedup / median(runs.parse)).toFixed(2)}x the parse)`,
  );
}

// time the worker users run (dist/port-worker.js from `npm run build`), not tsx's on-the-fly one
const BUILT_WORKER = join(process.cwd(), 'dist', 'port-worker.js');
const BUILT_CLI = join(process.cwd(), 'dist', 'cli.js');
if (existsSync(BUILT_WORKER) && !args.includes('--tsx-worker'))
  process.env.CHIPMIX_PORT_WORKER = BUILT_WORKER;

const dirArg = args.indexOf('--dir');
const root = dirArg >= 0 ? args[dirArg + 1]! : mkdtempSync(join(tmpdir(), 'chipmix-port-bench-'));
try {
  const generated = dirArg >= 0 ? 0 : generate(root);
  const sets = loadRuleSets([]);
  if (!sets.ok) throw new Error('built-in rules failed to load');
  // warm the grammars and the JIT once so that no timing pays for it
  const REPEAT = Number(args[args.indexOf('--repeat') + 1]) || 5;
  await parseOnlySeconds(root);
  await scanDirectory(root, sets.value, { gitignore: false, threads: 1 });
  const cores = availableParallelism();
  const timeScan = async (threads: number) => {
    const started = process.hrtime.bigint();
    const report = await scanDirectory(root, sets.value, { gitignore: false, threads });
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, report };
  };
  const runs = { parse: [] as number[], one: [] as number[], all: [] as number[] };
  let parse = { seconds: 0, files: 0 };
  let all: Awaited<ReturnType<typeof timeScan>> | undefined;
  for (let i = 0; i < REPEAT; i += 1) {
    parse = await parseOnlySeconds(root);
    runs.parse.push(parse.seconds);
    runs.one.push((await timeScan(1)).seconds);
    all = await timeScan(cores);
    runs.all.push(all.seconds);
  }
  const show = (xs: number[]) =>
    `${median(xs).toFixed(2)} s (best ${Math.min(...xs).toFixed(2)}, runs ${xs.map((x) => x.toFixed(2)).join(' ')})`;
  const { stats } = all!.report;
  console.log(
    dirArg >= 0
      ? `tree: ${root}, ${stats.filesSeen} files, ${stats.linesSeen} lines`
      : `tree: ${FILES} files, ${generated} lines, trigger share ${TRIGGER_SHARE} (${root})`,
  );
  console.log(
    `worker: ${process.env.CHIPMIX_PORT_WORKER ?? 'TypeScript source through tsx (run npm run build for the bundled one)'}`,
  );
  const scanAll = median(runs.all);
  const parseOnly = median(runs.parse);
  console.log(`medians of ${REPEAT} interleaved runs`);
  console.log(`parse only, 1 core: ${show(runs.parse)}, ${parse.files} files`);
  console.log(`scan, 1 thread:     ${show(runs.one)}`);
  console.log(`scan, ${cores} threads:    ${show(runs.all)}`);
  console.log(
    `  ${Math.round(stats.linesSeen / scanAll).toLocaleString('en-US')} lines/s, ` +
      `${stats.filesParsed} parsed, ${all!.report.findings.length} findings (4 targets)`,
  );
  console.log(
    scanAll <= parseOnly
      ? `PASS: the scan on ${cores} cores takes no longer than the single-core parse (${(scanAll / parseOnly).toFixed(2)}x)`
      : `OVER: the scan on ${cores} cores takes ${(scanAll / parseOnly).toFixed(2)}x the single-core parse`,
  );
  if (existsSync(BUILT_CLI)) await coldProcesses(root, REPEAT);
} finally {
  if (dirArg < 0 && !args.includes('--keep')) rmSync(root, { recursive: true, force: true });
}
