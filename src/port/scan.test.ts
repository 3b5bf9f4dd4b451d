import { beforeAll, describe, expect, it } from 'vitest';
import { builtinRuleSets } from './rules/index';
import { MATCH } from './rules/matchers';
import { scanDirectory } from './scan';
import type { PortReport } from './types';

const ROOT = 'test/fixtures/port/project';
let report: PortReport;
beforeAll(async () => {
  report = await scanDirectory(ROOT, builtinRuleSets());
});
const at = (target: string, file: string) =>
  report.findings.filter((f) => f.target === target && f.file === file).map((f) => `${f.line}:${f.ruleId}`);

describe('scan of the fixture project', () => {
  it('fires every built-in rule at least once (Ascend has them all)', () => {
    const fired = new Set(report.findings.filter((f) => f.target === 'ascend').map((f) => f.ruleId));
    expect(Object.keys(MATCH).filter((id) => !fired.has(id))).toEqual([]);
  });

  it('finds nothing in strings, comments, docstrings, shadowed names or clean files', () => {
    const train = at('ascend', 'train/train.py');
    for (const line of [1, 12, 13, 34])
      expect(
        train.filter((s) => s.startsWith(`${line}:`)),
        `line ${line}`,
      ).toEqual([]);
    expect(at('ascend', 'train/clean.py')).toEqual([]);
    const extras = at('ascend', 'train/extras.py');
    expect(extras).not.toContain('73:tensor-cuda-method'); // self.cuda: a class attribute
    const ops = at('ascend', 'csrc/ops.cu');
    expect(ops.filter((s) => s.startsWith('10:'))).toEqual([]); // block comment
    expect(ops.filter((s) => s.startsWith('27:'))).toEqual([]); // host-side double
    expect(at('ascend', 'csrc/CMakeLists.txt').map((s) => s.split(':')[0])).toEqual(['2', '4', '5', '6']);
    // a Makefile: the toolkit variable, nvcc, the three CUDA link flags of a continued line; not the comment's nvcc
    expect(at('ascend', 'csrc/Makefile')).toEqual([
      '2:make-cuda',
      '3:make-cuda',
      '4:make-cuda',
      '4:make-cuda',
      '4:make-cuda',
    ]);
  });

  it('follows aliases to the same rule as the full name', () => {
    const train = at('ascend', 'train/train.py');
    expect(train).toEqual(
      expect.arrayContaining(['28:torch-cuda-api', '29:torch-cuda-api', '25:cuda-amp', '42:cuda-amp']),
    );
  });

  it('rates the same code differently per stack', () => {
    const byTarget = Object.fromEntries(report.summaries.map((s) => [s.target, s]));
    // ROCm/DTK keeps torch.cuda: device plumbing is info-only on Hygon, low on Ascend
    const sev = (t: string, rule: string) =>
      report.findings.find((f) => f.target === t && f.ruleId === rule)?.severity;
    expect(sev('hygon', 'torch-cuda-api')).toBe('info');
    expect(sev('ascend', 'torch-cuda-api')).toBe('low');
    expect(sev('ascend', 'fp64')).toBe('high');
    expect(sev('hygon', 'fp64')).toBeUndefined();
    expect(byTarget.hygon!.readiness).toBeGreaterThan(byTarget.ascend!.readiness);
    for (const s of report.summaries) {
      expect(s.totalEffortDays[0]).toBeLessThanOrEqual(s.totalEffortDays[1]);
      expect(s.readiness).toBeGreaterThan(0);
      expect(s.readiness).toBeLessThan(1);
    }
    expect(report.stats.filesSeen).toBe(12);
    expect(report.stats.filesParsed).toBe(11); // clean.py is skipped by the pre-filter
    expect(report.warnings).toEqual([]);
  });
});
