import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

let runCli: (argv: string[]) => Promise<number>;
beforeAll(async () => {
  process.env.CHIPMIX_NO_MAIN = '1';
  ({ runCli } = await import('../cli/main'));
});

async function capture(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await runCli(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('chipmix port scan', () => {
  it('scores a target the same whether or not the other targets are scanned (their backends stay theirs)', async () => {
    const summaryOf = async (target: string) => {
      const r = await capture([
        'port',
        'scan',
        'test/fixtures/port/supported',
        '--target',
        target,
        '--format',
        'json',
      ]);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as { summaries: { target: string }[] };
      return report.summaries.find((x) => x.target === 'ascend');
    };
    const alone = await summaryOf('ascend');
    expect(alone).toEqual(await summaryOf('all'));
  });
  it('takes a target in any case, as catalog ids are taken', async () => {
    const targets = async (target: string) => {
      const r = await capture([
        'port',
        'scan',
        'test/fixtures/port/supported',
        '--target',
        target,
        '--format',
        'JSON', // any case, as the target
      ]);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { targets: string[] }).targets;
    };
    expect(await targets('Ascend,HYGON')).toEqual(['ascend', 'hygon']);
    expect((await targets('ALL')).length).toBe(4);
  });
  it('writes a JSON report for one target to --out', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'chipmix-port-')), 'r.json');
    const r = await capture([
      'port',
      'scan',
      'test/fixtures/port/project',
      '--target',
      'ascend',
      '--format',
      'json',
      '--out',
      file,
    ]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const json = JSON.parse(readFileSync(file, 'utf8'));
    expect(json.targets).toEqual(['ascend']);
    expect(json.summaries[0].readiness).toBeGreaterThan(0);
  });

  it('accepts targets from --rules files', async () => {
    const r = await capture([
      'port',
      'scan',
      'test/fixtures/port/project',
      '--target',
      'musa',
      '--rules',
      'test/fixtures/port/musa-rules.yaml',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/│ musa\s+│/);
  });

  it('bad input: one line and exit code 2', async () => {
    for (const argv of [
      ['port', 'scan', 'test/fixtures/port/missing-dir'],
      ['port', 'scan', 'test/fixtures/port/project', '--target', 'nvidia'],
      ['port', 'scan', 'test/fixtures/port/project', '--format', 'xml'],
      ['port', 'scan', 'test/fixtures/port/project', '--rules', 'test/fixtures/port/nope.yaml'],
      ['port', 'scan', 'test/fixtures/port/project', '--scope', 'vendor=third_party/'],
      ['port', 'scan', 'test/fixtures/port/project', '--threads', '0'],
      ['port', 'scan', 'test/fixtures/port/project', '--threads', '99999999999999999999'],
      ['port', 'scan', 'test/fixtures/port/project', '--target', 'all,ascend'],
      ['port', 'scan', 'test/fixtures/port/project', '--config', 'test/fixtures/port/user-rules.yaml'],
    ]) {
      const r = await capture(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^chipmix: port scan: /);
    }
    // an unknown key of the config file names the file, and no empty field after it
    const config = await capture(['port', 'scan', 'test/fixtures/port/bad-config']);
    expect(config.code).toBe(2);
    expect(config.stderr.trim()).toMatch(
      /^chipmix: port scan: \S*test\/fixtures\/port\/bad-config\/\.chipmix-port\.yaml: Unrecognized key: "exclud"$/,
    );
  });
});

describe('chipmix port scan options and validate', () => {
  it('takes --exclude and --scope, and reads the config file of the scanned tree', async () => {
    const r = await capture([
      'port',
      'scan',
      'test/fixtures/port/scoped',
      '--format',
      'json',
      '--exclude',
      'examples/',
      '--scope',
      'product=dev/',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const files = new Set(json.findings.map((f: { file: string }) => f.file));
    expect(files.has('examples/demo.py')).toBe(false);
    expect(files.has('third_party/vendored.cu')).toBe(false);
    expect(json.findings.find((f: { file: string }) => f.file === 'dev/variant.cu').scope).toBe('product');
  });

  it('port validate prints cases, median error and coverage', async () => {
    const r = await capture(['port', 'validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d+ cases: median \|error\| \d+%/);
    expect(r.stdout).toMatch(/\d+\/\d+ observed efforts inside the predicted range/);
    expect(r.stdout).toMatch(/Committed calibration matches the re-fit/);
  });
});
