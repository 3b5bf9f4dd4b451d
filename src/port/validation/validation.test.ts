import { describe, expect, it } from 'vitest';
import { PORT_CALIBRATION } from '../calibration-fitted';
import { builtinRuleSets } from '../rules/index';
import { fitInput, loadCases } from './cases';
import { type FitInput, fitParams, predictDays, validate } from './fit';
import {
  historyAccountsForCode,
  measureHistory,
  observedDays,
  pooledCommitsPerAuthorDay,
  weekdaysBetween,
} from './history';
import { usableCases, validatePorts } from './validate';

describe('port cases', () => {
  const file = loadCases();

  it('holds at least 8 usable public ports, each with sources, a base commit and evidence', () => {
    const { used } = usableCases(file.cases);
    expect(used.length).toBeGreaterThanOrEqual(8);
    for (const c of file.cases) {
      expect(c.sources.length, c.id).toBeGreaterThan(0);
      expect(c.evidence.authorDays, c.id).toBeGreaterThan(0);
      expect(c.observedDays[0]).toBeLessThanOrEqual(c.observedDays[1]);
    }
    expect(new Set(used.map((c) => c.target)).size).toBeGreaterThanOrEqual(3);
  });

  it('were scanned with the current rule files (re-run scripts/port-backtest.ts after changing them)', () => {
    const versions = Object.fromEntries(builtinRuleSets().map((s) => [s.target, s.version]));
    for (const c of file.cases) expect(c.inputs.rulesVersion, c.id).toBe(versions[c.target]);
  });
});

describe('history evidence', () => {
  it('counts weekdays, author-days and streaks', () => {
    // 2024-05-13 was a Monday
    const monday = Math.floor(Date.parse('2024-05-13T00:00:00Z') / 86_400_000);
    expect(weekdaysBetween(monday, monday + 6)).toBe(5);
    const c = (author: string, date: string, squashed = 0, opened?: string) => ({
      author,
      date,
      added: 10,
      deleted: 2,
      squashed,
      ...(opened ? { opened } : {}),
    });
    const e = measureHistory(
      [
        c('a', '2024-05-13'),
        c('a', '2024-05-13'),
        c('a', '2024-05-17'), // same streak (4 days later): Mon..Fri = 5 weekdays
        c('a', '2024-06-10'), // new streak: 1
        c('b', '2024-05-14'), // 1
        c('b', '2024-05-30', 4, '2024-05-27'), // squash of 4 at 2/day: 2 author-days; PR span Mon..Thu = 4
      ],
      2,
    );
    expect(e.authorDays).toBe(4 + 2);
    expect(e.streakDays).toBe(5 + 1 + 1 + 4);
    expect(observedDays(e).range).toEqual([6, 11]);
    expect(historyAccountsForCode({ authorDays: 2, linesAdded: 3000, linesDeleted: 0 })).toBe(false);
  });
});

describe('effort fit', () => {
  const truth = {
    baselineDaysPerKloc: 2,
    baselineExponent: 0.5,
    kernelScale: 1,
    tritonScale: 1,
    otherScale: 1,
  };
  const synthetic: FitInput[] = Array.from({ length: 12 }, (_, i) => {
    const c = {
      productSourceLines: 1000 * (1 + ((i * 7) % 50)),
      kernelMidDays: (i % 3) * 20,
      tritonMidDays: ((i + 1) % 4) * 30,
      otherMidDays: 2 + (i % 5) * 3,
      leftShare: 1,
    };
    const y = predictDays(c, truth);
    return { id: `s${i}`, observedDays: y, observedRange: [y, y], ...c };
  });

  it('recovers the parameters of noiseless cases', () => {
    const p = fitParams(synthetic);
    for (const c of synthetic) expect(Math.abs(predictDays(c, p) / c.observedDays - 1)).toBeLessThan(0.02);
    expect(p.baselineExponent).toBeCloseTo(0.5, 1);
    expect(p.baselineDaysPerKloc).toBeCloseTo(2, 0);
  });

  it('predicts each case from a fit that did not see it', () => {
    const noisy = synthetic.map((c, i) => ({ ...c, observedDays: c.observedDays * (i === 4 ? 5 : 1) }));
    const v = validate(noisy);
    const held = v.cases[4]!;
    const others = fitParams(noisy.filter((_, k) => k !== 4));
    expect(held.predictedDays).toBeCloseTo(predictDays(noisy[4]!, others), 6);
    expect(held.inside).toBe(false); // a 5x outlier is not forgiven by its own fit
  });
});

describe('chipmix port validate', () => {
  it('reports leave-one-out error and coverage, and the committed calibration is the re-fit', () => {
    const r = validatePorts();
    expect(r.cases.length).toBe(usableCases(loadCases().cases).used.length);
    expect(r.inside).toBeLessThanOrEqual(r.cases.length);
    expect(r.medianAbsError).toBeGreaterThan(0);
    expect(r.reproducible).toBe(true);
    expect(PORT_CALIBRATION.bandFactor).toBeGreaterThan(1);
    // the baseline grows with the codebase
    expect(PORT_CALIBRATION.baselineExponent).toBeGreaterThan(0);
    expect(fitInput(loadCases().cases[0]!).observedDays).toBeGreaterThan(0);
  });
});

describe('commits per author-day for squash merges', () => {
  const commit = (author: string, date: string) => ({ author, date, squashed: 0, added: 1, deleted: 0 });
  const busy = [commit('a', '2024-01-01'), commit('a', '2024-01-01'), commit('a', '2024-01-01')];
  const calm = [commit('b', '2024-02-01'), commit('b', '2024-02-02')];
  it('is pooled over every case when every history was re-derived', () => {
    expect(pooledCommitsPerAuthorDay([busy, calm], 2, 1.535)).toBeCloseTo(5 / 3, 9);
  });
  it("keeps the stored rate when only some cases were re-derived (one case's rate never re-prices the rest)", () => {
    expect(pooledCommitsPerAuthorDay([busy], 2, 1.535)).toBe(1.535);
  });
});
