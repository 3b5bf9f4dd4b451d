/**
 * Bad input never crashes a scan: unreadable files, binary files named .py, a 10 MB single line,
 * symbolic-link loops and non-UTF-8 sources are skipped (or, for encodings, read) with a warning.
 * Also: the worker-thread pool gives the same facts as one thread, even when a worker dies.
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRuleSets } from './rules/index';
import { scanDirectory, scanFacts } from './scan';

const CODE = 'import torch\ntorch.cuda.synchronize()\n';

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'chipmix-port-bad-'));
  writeFileSync(join(root, 'good.py'), CODE);
  writeFileSync(join(root, 'binary.py'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3]));
  writeFileSync(join(root, 'huge.py'), `x = "${'a'.repeat(10 * 1024 * 1024)}"\n`); // 10 MB, one line
  writeFileSync(
    join(root, 'minified.py'),
    `import torch; y = [${'1,'.repeat(200_000)}]; torch.cuda.synchronize()\n`,
  );
  // Latin-1 bytes in a comment (0xE9): not UTF-8, the code around it still counts
  writeFileSync(
    join(root, 'latin1.py'),
    Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\n${CODE}`)]),
  );
  writeFileSync(join(root, 'locked.py'), CODE);
  mkdirSync(join(root, 'pkg'));
  writeFileSync(join(root, 'pkg', 'mod.py'), CODE);
  symlinkSync('..', join(root, 'pkg', 'loop')); // a directory link back up: a cycle
  symlinkSync('missing.py', join(root, 'dangling.py'));
  return root;
}

describe('bad input', () => {
  it('skips each bad file with one warning and scans the rest', async () => {
    const root = tree();
    const unreadable = (path: string) => {
      if (path.endsWith('locked.py')) throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
      return readFileSync(path);
    };
    const report = await scanDirectory(root, builtinRuleSets(), { readBytes: unreadable });
    const warn = (file: string) => report.warnings.filter((w) => w.startsWith(`${file}:`));
    expect(warn('binary.py')[0]).toMatch(/binary/);
    expect(warn('huge.py')[0]).toMatch(/larger than 4 MiB/);
    expect(warn('minified.py')[0]).toMatch(/a line of \d+ characters/);
    expect(warn('latin1.py')[0]).toMatch(/not valid UTF-8/);
    expect(warn('locked.py')[0]).toMatch(/cannot read \(EACCES\)/);
    expect(warn('pkg/loop')[0]).toMatch(/symbolic link, not followed/);
    expect(warn('dangling.py')[0]).toMatch(/symbolic link/);
    const files = new Set(report.findings.filter((f) => f.target === 'ascend').map((f) => f.file));
    expect(files).toEqual(new Set(['good.py', 'latin1.py', 'pkg/mod.py']));
  });

  it('the 10 MB file is skipped without reading it whole (real disk reads)', async () => {
    const root = tree();
    const report = await scanDirectory(root, builtinRuleSets());
    expect(report.warnings.some((w) => w.startsWith('huge.py: skipped'))).toBe(true);
    expect(report.warnings.some((w) => w.startsWith('locked.py'))).toBe(false); // root reads any file
  });
});

function threadsTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'chipmix-port-threads-'));
  for (let i = 0; i < 240; i += 1) {
    const dir = join(root, `m${i % 12}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `f${i}.py`), i % 3 === 0 ? CODE : `import math\nx = math.pi * ${i}\n`);
    if (i % 20 === 0) writeFileSync(join(dir, `k${i}.cu`), '__global__ void k(float* x) { x[0] = 1; }\n');
  }
  return root;
}

describe('parsing on all cores', () => {
  it('worker threads produce the same facts as one thread', async () => {
    const root = threadsTree();
    const sets = builtinRuleSets();
    const one = await scanFacts(root, sets, { threads: 1 });
    const two = await scanFacts(root, sets, { threads: 2, workersOnly: true });
    expect(two.stats.threads).toBe(2);
    expect(two.facts).toEqual(one.facts);
    expect(two.stats.linesSeen).toBe(one.stats.linesSeen);
  }, 60_000);

  it('a worker that dies leaves no file unscanned', async () => {
    const root = threadsTree();
    // takes three files from the shared counter, then dies without reporting them
    const crashing = join(root, 'crashing-worker.mjs');
    writeFileSync(
      crashing,
      `import { parentPort } from 'node:worker_threads';
parentPort.once('message', ({ next }) => {
  const counter = new Int32Array(next);
  for (let i = 0; i < 3; i += 1) Atomics.add(counter, 0, 1);
  throw new Error('worker crashed');
});
`,
    );
    const sets = builtinRuleSets();
    const one = await scanFacts(root, sets, { threads: 1 });
    const previous = process.env.CHIPMIX_PORT_WORKER;
    process.env.CHIPMIX_PORT_WORKER = crashing;
    try {
      const two = await scanFacts(root, sets, { threads: 2, workersOnly: true });
      expect(two.facts).toEqual(one.facts);
      expect(two.stats.linesSeen).toBe(one.stats.linesSeen);
    } finally {
      if (previous === undefined) delete process.env.CHIPMIX_PORT_WORKER;
      else process.env.CHIPMIX_PORT_WORKER = previous;
    }
  }, 60_000);
});
