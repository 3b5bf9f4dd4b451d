import { describe, expect, it } from 'vitest';
import type { MilpModel } from '../core/plan/milp';
import { GlpkSolver } from './glpk';
import { HighsSolver } from './highs';
import { toLpText } from './lp-format';

const knapsack: MilpModel = {
  sense: 'maximize',
  objective: [
    { variable: 'x', coef: 3 },
    { variable: 'y', coef: 2 },
    { variable: 'z', coef: -0.5 },
  ],
  variables: [
    { name: 'x', type: 'integer', ub: 4 },
    { name: 'y', type: 'binary' },
    { name: 'z', type: 'continuous', lb: -2, ub: 3 },
  ],
  constraints: [
    {
      name: 'c1',
      group: 'g',
      terms: [
        { variable: 'x', coef: 1 },
        { variable: 'y', coef: 1 },
      ],
      sense: '<=',
      rhs: 4.5,
    },
    {
      name: 'c2',
      group: '',
      terms: [
        { variable: 'z', coef: 1 },
        { variable: 'x', coef: -1 },
      ],
      sense: '>=',
      rhs: -5,
    },
  ],
};

describe('LP text', () => {
  it('writes sections, bounds and integrality', () => {
    const text = toLpText(knapsack);
    expect(text).toMatch(
      /^Maximize\n obj: 3 x \+ 2 y - 0.5 z\nSubject To\n c1: 1 x \+ 1 y <= 4.5\n c2: 1 z - 1 x >= -5\n/,
    );
    expect(text).toContain(' 0 <= x <= 4');
    expect(text).toContain(' -2 <= z <= 3');
    expect(text).toContain('General\n x');
    expect(text).toContain('Binary\n y');
    expect(text.endsWith('End\n')).toBe(true);
  });
  it('wraps long rows and rejects names LP cannot carry', () => {
    const many: MilpModel = {
      sense: 'minimize',
      objective: [],
      variables: Array.from({ length: 100 }, (_, i) => ({ name: `v_${i}`, type: 'continuous' as const })),
      constraints: [
        {
          name: 'sum',
          group: '',
          terms: Array.from({ length: 100 }, (_, i) => ({ variable: `v_${i}`, coef: 1.5 })),
          sense: '>=',
          rhs: 1,
        },
      ],
    };
    expect(
      Math.max(
        ...toLpText(many)
          .split('\n')
          .map((l) => l.length),
      ),
    ).toBeLessThanOrEqual(210);
    expect(() => toLpText({ ...many, variables: [{ name: 'bad name', type: 'continuous' }] })).toThrow(
      /not valid/,
    );
  });
});

describe('solver adapters', () => {
  for (const solver of [new HighsSolver(), new GlpkSolver()]) {
    it(`${solver.name}: optimum of a small MILP`, async () => {
      const r = await solver.solve(knapsack, { mipRelGap: 0, timeLimitSeconds: 10 });
      expect(r.status).toBe('optimal');
      // x = 4, y = 0, z = -1 (z >= x - 5): 12 + 0.5
      expect(r.objective).toBeCloseTo(12.5, 9);
      expect(r.values.x).toBeCloseTo(4, 9);
    });
    it(`${solver.name}: infeasible is a status, not an exception`, async () => {
      const r = await solver.solve({
        ...knapsack,
        constraints: [
          ...knapsack.constraints,
          { name: 'c3', group: '', terms: [{ variable: 'x', coef: 1 }], sense: '>=', rhs: 5 },
        ],
      });
      expect(r.status).toBe('infeasible');
      expect(r.objective).toBeNull();
    });
  }
  it('HiGHS maps a time limit to time_limit', async () => {
    // A 60-item equality knapsack with large coefficients: not provable in a millisecond.
    const n = 60;
    const weights = Array.from({ length: n }, (_, i) => 1_000_003 + ((i * 7919) % 100_000) * 2);
    const model: MilpModel = {
      sense: 'maximize',
      objective: weights.map((w, i) => ({ variable: `x_${i}`, coef: w + (i % 3) })),
      variables: weights.map((_, i) => ({ name: `x_${i}`, type: 'binary' as const })),
      constraints: [
        {
          name: 'cap',
          group: '',
          terms: weights.map((w, i) => ({ variable: `x_${i}`, coef: w })),
          sense: '<=',
          rhs: Math.floor(weights.reduce((a, b) => a + b) / 2) + 1,
        },
      ],
    };
    const r = await new HighsSolver().solve(model, { timeLimitSeconds: 0.001, mipRelGap: 0 });
    expect(['time_limit', 'optimal']).toContain(r.status);
    if (r.status === 'time_limit') expect(r.detail).toBe('Time limit reached');
  });
});
