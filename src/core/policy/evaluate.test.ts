import { describe, expect, it } from 'vitest';
import { testCatalog } from '../../../test/fixtures/inventory/catalog';
import { compareShare, evaluateRule, formatSharePercent, ruleApplicability } from './evaluate';
import { DEFAULT_RULE, type Rule, ruleSchema } from './schema';

const catalog = testCatalog();
const rule = (over: Partial<Rule>): Rule => ruleSchema.parse({ ...DEFAULT_RULE, ...over });

describe('rule schema', () => {
  it('refuses a threshold above 1 with a clear message', () => {
    const r = ruleSchema.safeParse({ ...DEFAULT_RULE, threshold: 50 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('expected a fraction between 0 and 1 (write 50% as 0.5)');
  });
  it('refuses effectiveUntil before effectiveFrom', () => {
    const r = ruleSchema.safeParse({
      ...DEFAULT_RULE,
      effectiveFrom: '2025-01-01',
      effectiveUntil: '2024-01-01',
    });
    expect(r.success).toBe(false);
  });
});

describe('formatSharePercent', () => {
  it('prints more digits when one decimal would hide the side of the threshold', () => {
    expect(formatSharePercent(0.4997, 0.5)).toBe('49.97%');
    expect(formatSharePercent(0.5003, 0.5)).toBe('50.03%');
    expect(formatSharePercent(0.499999, 0.5)).toBe('49.9999%');
    expect(formatSharePercent(0.5, 0.5)).toBe('50.0%');
    expect(formatSharePercent(0.7101, 0.5)).toBe('71.0%');
    expect(formatSharePercent(0.2996, 0.3)).toBe('29.96%');
    expect(formatSharePercent(null, 0.5)).toBe('n/a');
  });
});

describe('compareShare', () => {
  it('treats a share within 1e-9 of the threshold as equal', () => {
    const share = (0.1 + 0.2) / 1; // 0.30000000000000004
    expect(compareShare(share, '>=', 0.3)).toBe(true);
    expect(compareShare(share, '>', 0.3)).toBe(false);
    expect(compareShare(0.5, '>', 0.5)).toBe(false);
    expect(compareShare(0.5, '>=', 0.5)).toBe(true);
    expect(compareShare(0.4, '<', 0.5)).toBe(true);
    expect(compareShare(0.5, '<=', 0.5)).toBe(true);
  });
});

describe('ruleApplicability', () => {
  const site = { name: 'sh-1', region: 'Shanghai', stateFunded: true, projectCompletionPct: 20 };
  it('respects effective dates: from inclusive, until exclusive', () => {
    const r = rule({ effectiveFrom: '2025-11-05', effectiveUntil: '2026-01-01' });
    expect(ruleApplicability(r, site, '2025-11-04').applies).toBe(false);
    expect(ruleApplicability(r, site, '2025-11-05').applies).toBe(true);
    expect(ruleApplicability(r, site, '2025-12-31').applies).toBe(true);
    expect(ruleApplicability(r, site, '2026-01-01')).toMatchObject({ applies: false, reason: 'expired' });
  });
  it('selects state-funded sites, listed sites and regions (case-insensitive)', () => {
    expect(
      ruleApplicability(
        rule({ appliesTo: { stateFundedOnly: true } }),
        { ...site, stateFunded: false },
        '2026-01-01',
      ),
    ).toMatchObject({ reason: 'not-state-funded' });
    expect(ruleApplicability(rule({ appliesTo: { sites: ['bj-1'] } }), site, '2026-01-01')).toMatchObject({
      reason: 'site-not-listed',
    });
    expect(
      ruleApplicability(rule({ appliesTo: { regions: ['shanghai'] } }), site, '2026-01-01').applies,
    ).toBe(true);
    expect(
      ruleApplicability(rule({ appliesTo: { regions: ['Beijing'] } }), site, '2026-01-01'),
    ).toMatchObject({
      reason: 'region-not-listed',
    });
  });
  it('grandfathers sites at or above the completion threshold; unknown completion is not exempt', () => {
    const r = rule({ grandfather: { projectCompletionAtLeast: 30 } });
    expect(ruleApplicability(r, { ...site, projectCompletionPct: 29.9 }, '2026-01-01').applies).toBe(true);
    expect(ruleApplicability(r, { ...site, projectCompletionPct: 30 }, '2026-01-01')).toMatchObject({
      reason: 'grandfathered',
    });
    expect(ruleApplicability(r, { ...site, projectCompletionPct: null }, '2026-01-01').applies).toBe(true);
  });
});

describe('evaluateRule', () => {
  const lines = [
    { hardwareId: 'huawei-ascend-910b', quantity: 5 },
    { hardwareId: 'nvidia-h20', quantity: 5 },
  ];
  it('fails the default rule at exactly 50% by count (more than half is required)', () => {
    expect(evaluateRule(DEFAULT_RULE, lines, catalog)).toMatchObject({ pass: false, share: 0.5 });
  });
  it('passes >= 0.5 at exactly 50%', () => {
    expect(evaluateRule(rule({ comparator: '>=' }), lines, catalog).pass).toBe(true);
  });
  it('uses the rule metric: by compute 910B dominates', () => {
    const r = evaluateRule(rule({ metric: 'bf16Compute' }), lines, catalog);
    expect(r.share).toBeCloseTo(2000 / 2750, 12);
    expect(r.pass).toBe(true);
  });
  it('fails whatever the share when denied hardware is present', () => {
    const r = evaluateRule(rule({ threshold: 0, comparator: '>=', deny: ['nvidia-h20'] }), lines, catalog);
    expect(r).toMatchObject({ pass: false, denied: ['nvidia-h20'] });
  });
  it('is unknown (null) when the share is unknown', () => {
    const r = evaluateRule(
      rule({ metric: 'spend' }),
      [{ hardwareId: 'cambricon-mlu590', quantity: 1 }],
      catalog,
    );
    expect(r.pass).toBeNull();
  });
});
