import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildInterest, evaluate, globToRegExp } from './evaluate';
import { readiness, summarize } from './summary';
import type { Fact, RuleSet } from './types';

const base = {
  category: 'device-api',
  title: 't',
  message: 'm',
  suggestion: 's',
  confidence: 'high',
  sources: [],
} as const;
const set: RuleSet = {
  target: 'demo',
  stack: 'Demo',
  version: '1',
  baselineDays: [2, 4],
  halfReadinessDays: 10,
  assumptions: ['a'],
  sources: [],
  origin: 'test',
  rules: [
    {
      ...base,
      id: 'catch-all',
      severity: 'low',
      match: { 'py-ref': ['torch.cuda.*'] },
      effort: { onceDays: [1, 2], perFileDays: [0.5, 1] },
    },
    {
      ...base,
      id: 'amp',
      category: 'amp',
      severity: 'medium',
      match: { 'py-ref': ['torch.cuda.amp.*'] },
      effort: { perOccurrenceDays: [1, 3] },
    },
    {
      ...base,
      id: 'exact',
      severity: 'high',
      match: { 'py-ref': ['torch.cuda.amp.GradScaler'] },
      effort: {},
    },
  ],
};
const fact = (symbol: string, file = 'a.py', line = 1): Fact => ({
  kind: 'py-ref',
  symbol,
  file,
  line,
  column: 1,
});

describe('rule evaluation', () => {
  it('globs are anchored and literal apart from *', () => {
    expect(globToRegExp('torch.cuda.*').test('torch.cudaX')).toBe(false);
    expect(globToRegExp('torch.cuda.*').test('torch.cuda.x')).toBe(true);
    expect(globToRegExp('cuda:*').test('xcuda:0')).toBe(false);
  });

  it('picks the most specific rule: exact, then the longest glob', () => {
    const findings = evaluate(set, [
      fact('torch.cuda.synchronize'),
      fact('torch.cuda.amp.autocast'),
      fact('torch.cuda.amp.GradScaler'),
      fact('torch.nn.Linear'),
    ]);
    expect(findings.map((f) => f.ruleId)).toEqual(['catch-all', 'amp', 'exact']);
  });

  it('sums effort as once + files × per-file + findings × per-finding, plus the baseline', () => {
    const facts = [
      fact('torch.cuda.a', 'a.py'),
      fact('torch.cuda.b', 'a.py', 2),
      fact('torch.cuda.c', 'b.py'),
      fact('torch.cuda.amp.x'),
      fact('torch.cuda.amp.y'),
    ];
    const s = summarize(set, evaluate(set, facts));
    // catch-all: 1 + 2 files × 0.5 = 2 .. 2 + 2 × 1 = 4; amp: 2 × [1, 3] = [2, 6]
    expect(s.findingsEffortDays).toEqual([4, 10]);
    expect(s.totalEffortDays).toEqual([6, 14]);
    expect(s.bySeverity).toMatchObject({ low: 3, medium: 2, high: 0 });
    expect(s.byCategory).toEqual({ 'device-api': 3, amp: 2 });
    expect(s.readiness).toBeCloseTo(10 / (10 + 7), 3);
  });

  it('readiness is 1 without findings and falls monotonically toward 0', () => {
    expect(summarize(set, []).readiness).toBe(1);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const r1 = readiness(20, lo);
          const r2 = readiness(20, hi);
          return r1 >= r2 && r2 > 0 && r1 <= 1;
        },
      ),
    );
    expect(readiness(20, 20)).toBe(0.5);
  });

  it('derives what extractors must look for from the rules', () => {
    const interest = buildInterest([set]);
    expect([...interest.pyRoots]).toEqual(['torch']);
  });
});
