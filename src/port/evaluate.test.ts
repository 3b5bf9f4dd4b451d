import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PortCalibration } from './calibration-fitted';
import { buildInterest, globToRegExp } from './evaluate';
import { buildFindings } from './findings';
import { matchFacts } from './prematch';
import { baselineDays, leftShare, readiness, summarize } from './summary';
import { buildSupport, ownerFinder } from './support';
import type { Fact, RuleSet } from './types';

const base = {
  category: 'device-api',
  title: 't',
  message: 'm',
  suggestion: 's',
  confidence: 'high',
  sources: [],
  unit: 'api',
  byHand: false,
} as const;
const NO_SUPPORT = {
  sources: [],
  runtime: {},
  triton: {},
  paths: [],
  translatesKernels: false,
  migration: [],
};
const set: RuleSet = {
  target: 'demo',
  stack: 'Demo',
  version: '1',
  baselineDays: [0, 0],
  halfReadinessDays: 10,
  assumptions: ['a'],
  sources: [],
  origin: 'test',
  support: NO_SUPPORT,
  rules: [
    {
      ...base,
      id: 'catch-all',
      severity: 'low',
      match: { 'py-ref': ['torch.cuda.*'] },
      effort: { onceDays: [1, 2], perUnitDays: [0.5, 1] },
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
    {
      ...base,
      id: 'kernel',
      category: 'triton',
      severity: 'high',
      unit: 'kernel',
      match: { 'py-ref': ['triton.jit'] },
      effort: { perUnitDays: [2, 4] },
    },
    {
      ...base,
      id: 'triton-api',
      category: 'triton',
      severity: 'medium',
      match: { 'py-ref': ['triton.language.*'] },
      effort: { perUnitDays: [0.1, 0.2] },
    },
  ],
};
const fact = (symbol: string, file = 'a.py', line = 1, kernel?: string): Fact => ({
  kind: 'py-ref',
  symbol,
  file,
  line,
  column: 1,
  ...(kernel ? { kernel } : {}),
});
/** Identity calibration: no baseline, rule days as written, band 1. */
const IDENTITY: PortCalibration = {
  baselineDaysPerKloc: 0,
  baselineExponent: 0.5,
  kernelScale: 1,
  tritonScale: 1,
  otherScale: 1,
  bandFactor: 1,
  provenance: 'test',
};
const findingsOf = (facts: Fact[]) => {
  const m = matchFacts([set], facts);
  return buildFindings(
    set,
    facts,
    () => 'product',
    buildSupport([set], facts, [...new Set(facts.map((f) => f.file))], new Map(), m),
    { rule: m.rule[0]!, unit: m.unit[0]!, optional: m.optional },
  );
};

describe('rule evaluation', () => {
  it('globs are anchored and literal apart from *', () => {
    expect(globToRegExp('torch.cuda.*').test('torch.cudaX')).toBe(false);
    expect(globToRegExp('torch.cuda.*').test('torch.cuda.x')).toBe(true);
    expect(globToRegExp('cuda:*').test('xcuda:0')).toBe(false);
  });

  it('picks the most specific rule: exact, then the longest glob', () => {
    const findings = findingsOf([
      fact('torch.cuda.synchronize'),
      fact('torch.cuda.amp.autocast'),
      fact('torch.cuda.amp.GradScaler'),
      fact('torch.nn.Linear'),
    ]);
    expect(findings.map((f) => f.ruleId)).toEqual(['catch-all', 'amp', 'exact']);
  });

  it('counts units: a distinct API per file, each kernel once with everything inside it', () => {
    const facts = [
      fact('torch.cuda.a', 'a.py', 1),
      fact('torch.cuda.a', 'a.py', 2), // same API, same file: same unit
      fact('torch.cuda.b', 'a.py', 3),
      fact('torch.cuda.a', 'b.py'),
      fact('torch.cuda.amp.x'),
      fact('torch.cuda.amp.y'),
      fact('triton.jit', 'k.py', 1, 'add'),
      fact('triton.language.load', 'k.py', 3, 'add'),
      fact('triton.language.store', 'k.py', 4, 'add'),
      fact('triton.language.load', 'k.py', 9), // host code: its own unit
    ];
    const findings = findingsOf(facts);
    expect(new Set(findings.filter((f) => f.file === 'k.py').map((f) => f.unit))).toEqual(
      new Set(['kernel k.py#add', 'api k.py triton.language.load']),
    );
    const s = summarize(set, findings, { productSourceLines: 1000, signals: [], calibration: IDENTITY });
    // catch-all: once [1, 2] + 3 units × [0.5, 1]; amp (legacy): 2 findings × [1, 3];
    // kernel: 1 unit × [2, 4] (its tl.* calls cost nothing more); host triton API: [0.1, 0.2]
    expect(s.findingsEffortDays).toEqual(
      [1 + 1.5 + 2 + 2 + 0.1, 2 + 3 + 6 + 4 + 0.2].map((d) => Math.round(d * 10) / 10),
    );
    expect(s.unitsLeftByKind).toEqual({ api: 6, kernel: 1 }); // amp's two APIs are units too (legacy effort)
    expect(s.bySeverity).toMatchObject({ low: 4, medium: 5, high: 1 });
    expect(s.readiness).toBeCloseTo(10 / (10 + (6.6 + 15.2) / 2), 3);
  });

  it('scales the baseline with the codebase and only charges the share left', () => {
    const cal = { ...IDENTITY, baselineDaysPerKloc: 2, baselineExponent: 0.5 };
    expect(baselineDays(1000, cal)).toBeCloseTo(2);
    expect(baselineDays(100_000, cal)).toBeCloseTo(20);
    expect(
      leftShare({ kernelDays: [0, 0], tritonDays: [0, 0], otherDays: [1, 3], portedMidDays: 6 }),
    ).toBeCloseTo(0.25);
    // nothing to port, nothing ported: no baseline either
    expect(leftShare({ kernelDays: [0, 0], tritonDays: [0, 0], otherDays: [0, 0], portedMidDays: 0 })).toBe(
      0,
    );
  });

  it('readiness is 1 without findings and falls monotonically toward 0', () => {
    expect(summarize(set, [], { productSourceLines: 10, signals: [] }).readiness).toBe(1);
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
    expect([...interest.pyRoots].sort()).toEqual(['torch', 'triton']);
  });
});

describe('whose backend a path is', () => {
  it('reads a CUDA version in a name as NVIDIA code: a Dockerfile for cu124 beside docker/ascend/ is not Ascend work', () => {
    const owner = ownerFinder([['ascend', ['ascend', 'npu']]]);
    expect(owner('docker/verl0.4-cu124-vllm0.8.5/Dockerfile')).toEqual({ vendor: 'nvidia', token: 'cu124' });
    expect(owner('docker/ascend/Dockerfile')).toEqual({ vendor: 'ascend', token: 'ascend' });
    expect(owner('src/cuckoo/table.py')).toBeUndefined();
  });
});
