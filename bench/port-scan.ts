/**
 * Benchmark for `chipmix port scan`: generates a synthetic tree of 10,000 files / 1,000,000 lines in
 * a temporary directory, scans it for all four targets and prints seconds and lines per second.
 * Not a timed test. Usage: npx tsx bench/port-scan.ts [--files N] [--trigger-share 0.15] [--keep]
 *
 * Mix: 75 % Python, 17 % C/C++, 5 % CUDA (.cu, always parsed), 3 % build files. `--trigger-share` is
 * the share of Python/C++ files that mention CUDA (and so get past the pre-filter and are parsed);
 * 1.0 forces every file through tree-sitter.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRuleSets } from '../src/port/rules/load';
import { scanDirectory } from '../src/port/scan';

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

const root = mkdtempSync(join(tmpdir(), 'chipmix-port-bench-'));
try {
  const generated = generate(root);
  const sets = loadRuleSets([]);
  if (!sets.ok) throw new Error('built-in rules failed to load');
  const started = process.hrtime.bigint();
  const report = await scanDirectory(root, sets.value);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { stats } = report;
  console.log(`tree: ${FILES} files, ${generated} lines, trigger share ${TRIGGER_SHARE} (${root})`);
  console.log(
    `scan: ${seconds.toFixed(2)} s, ${Math.round(stats.linesSeen / seconds).toLocaleString('en-US')} lines/s, ` +
      `${stats.filesSeen} files seen, ${stats.filesParsed} parsed, ${report.findings.length} findings (4 targets)`,
  );
  console.log(seconds < 10 ? 'PASS: under 10 s' : 'FAIL: 10 s or more');
} finally {
  if (!args.includes('--keep')) rmSync(root, { recursive: true, force: true });
}
