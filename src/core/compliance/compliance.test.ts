import { describe, expect, it } from 'vitest';
import { testCatalog } from '../../../test/fixtures/inventory/catalog';
import { type Rule, ruleSchema } from '../policy/schema';
import { countsOn } from './active';
import { evaluateCompliance } from './evaluate';
import { complianceTrajectory, monthStarts } from './trajectory';
import type { ComplianceSite, HardwareRecord } from './types';
import { whatIf } from './what-if';

const catalog = testCatalog();
const rec = (
  over: Partial<HardwareRecord> & Pick<HardwareRecord, 'site' | 'hardwareId' | 'quantity'>,
): HardwareRecord => ({
  status: 'installed',
  installDate: '2025-01-01',
  decommissionDate: null,
  ...over,
});

const sites: ComplianceSite[] = [
  { name: 'bj-1', region: 'Beijing', stateFunded: true, projectCompletionPct: 10 },
  { name: 'sh-1', region: 'Shanghai', stateFunded: true, projectCompletionPct: 80 },
  { name: 'gz-1', region: 'Guangdong', stateFunded: false, projectCompletionPct: null },
];

const records: HardwareRecord[] = [
  rec({ site: 'bj-1', hardwareId: 'huawei-ascend-910b', quantity: 6 }),
  rec({ site: 'bj-1', hardwareId: 'nvidia-h20', quantity: 4 }),
  rec({ site: 'sh-1', hardwareId: 'nvidia-h800-sxm5-80gb', quantity: 8 }),
  rec({ site: 'sh-1', hardwareId: 'huawei-ascend-910c', quantity: 2 }),
  rec({ site: 'gz-1', hardwareId: 'nvidia-h20', quantity: 10 }),
  // arrives mid-2026: only in the pipeline view until then
  rec({
    site: 'gz-1',
    hardwareId: 'huawei-ascend-910c',
    quantity: 30,
    status: 'ordered',
    installDate: '2026-06-01',
  }),
  // left in 2025
  rec({
    site: 'bj-1',
    hardwareId: 'nvidia-h20',
    quantity: 100,
    status: 'retired',
    decommissionDate: '2025-06-01',
  }),
];

const stateFundedAllDomestic: Rule = ruleSchema.parse({
  id: 'state-funded-domestic-only',
  metric: 'count',
  comparator: '>=',
  threshold: 1,
  scope: 'site',
  appliesTo: { stateFundedOnly: true },
  effectiveFrom: '2025-11-05',
  grandfather: { projectCompletionAtLeast: 30 },
});

describe('countsOn', () => {
  it('counts from the install date inclusive to the decommission date exclusive', () => {
    const r = rec({
      site: 'a',
      hardwareId: 'x',
      quantity: 1,
      installDate: '2025-03-01',
      decommissionDate: '2025-04-01',
    });
    expect(countsOn(r, '2025-02-28', 'installed')).toBe(false);
    expect(countsOn(r, '2025-03-01', 'installed')).toBe(true);
    expect(countsOn(r, '2025-03-31', 'installed')).toBe(true);
    expect(countsOn(r, '2025-04-01', 'installed')).toBe(false);
  });
  it('counts planned and ordered hardware only in the pipeline view', () => {
    const r = rec({ site: 'a', hardwareId: 'x', quantity: 1, status: 'planned', installDate: '2025-03-01' });
    expect(countsOn(r, '2025-06-01', 'installed')).toBe(false);
    expect(countsOn(r, '2025-06-01', 'pipeline')).toBe(true);
    expect(countsOn(r, '2025-02-01', 'pipeline')).toBe(false);
  });
});

describe('evaluateCompliance', () => {
  it('applies the default rule (count > 0.5 per site) when no policy is configured', () => {
    const r = evaluateCompliance({ sites, records, rules: [], catalog }, { asOf: '2026-01-01' });
    const bySite = Object.fromEntries(r.sites.map((s) => [s.site, s]));
    expect(bySite['bj-1']?.shares.count).toBe(0.6);
    expect(bySite['bj-1']?.rules[0]).toMatchObject({ id: 'default-domestic-count-majority', pass: true });
    expect(bySite['sh-1']?.shares.count).toBe(0.2);
    expect(bySite['sh-1']?.rules[0]?.pass).toBe(false);
    expect(bySite['gz-1']?.shares.count).toBe(0);
    expect(r.compliant).toBe(false);
    // organisation: 6 + 2 domestic of 6+4+8+2+10 = 30 packages
    expect(r.organisation.shares.count).toBeCloseTo(8 / 30, 12);
    expect(r.organisation.packages).toBe(30);
  });

  it('counts retired hardware before its decommission date', () => {
    const r = evaluateCompliance({ sites, records, rules: [], catalog }, { asOf: '2025-05-01' });
    expect(r.sites.find((s) => s.site === 'bj-1')?.shares.count).toBe(6 / 110);
  });

  it('includes ordered hardware from its install date in the pipeline view', () => {
    const installed = evaluateCompliance({ sites, records, rules: [], catalog }, { asOf: '2026-07-01' });
    const pipeline = evaluateCompliance(
      { sites, records, rules: [], catalog },
      { asOf: '2026-07-01', basis: 'pipeline' },
    );
    expect(installed.sites.find((s) => s.site === 'gz-1')?.shares.count).toBe(0);
    expect(pipeline.sites.find((s) => s.site === 'gz-1')?.shares.count).toBe(0.75);
  });

  it('applies the state-funded rule only from its date, only to state-funded sites, grandfathering sh-1', () => {
    const before = evaluateCompliance(
      { sites, records, rules: [stateFundedAllDomestic], catalog },
      { asOf: '2025-11-04' },
    );
    expect(before.sites.every((s) => s.rules.length === 0)).toBe(true);
    const after = evaluateCompliance(
      { sites, records, rules: [stateFundedAllDomestic], catalog },
      { asOf: '2025-11-05' },
    );
    const bySite = Object.fromEntries(after.sites.map((s) => [s.site, s]));
    expect(bySite['bj-1']?.rules).toMatchObject([
      { id: 'state-funded-domestic-only', pass: false, share: 0.6 },
    ]);
    expect(bySite['sh-1']?.rules).toEqual([]);
    expect(bySite['sh-1']?.notApplicable).toMatchObject([{ reason: 'grandfathered' }]);
    expect(bySite['gz-1']?.notApplicable).toMatchObject([{ reason: 'not-state-funded' }]);
  });

  it('evaluates an organisation-scoped rule over the hardware of the sites it binds', () => {
    const orgRule = ruleSchema.parse({
      id: 'org-compute',
      metric: 'bf16Compute',
      comparator: '>',
      threshold: 0.5,
      scope: 'organisation',
      appliesTo: { regions: ['Beijing', 'Guangdong'] },
      effectiveFrom: '2025-01-01',
    });
    const r = evaluateCompliance({ sites, records, rules: [orgRule], catalog }, { asOf: '2026-01-01' });
    // bj-1 + gz-1: 6 x 400 domestic vs 14 x 150 foreign
    expect(r.organisation.rules[0]?.share).toBeCloseTo(2400 / (2400 + 2100), 12);
    expect(r.organisation.rules[0]?.pass).toBe(true);
    expect(r.sites.every((s) => s.rules.length === 0)).toBe(true);
  });
});

describe('complianceTrajectory', () => {
  it('has a point at every change and crosses 50% at gz-1 when the order arrives', () => {
    const t = complianceTrajectory(
      { sites, records, rules: [], catalog },
      { from: '2025-01-01', to: '2026-12-31' },
    );
    const dates = t.points.map((p) => p.asOf);
    expect(dates).toEqual(['2025-01-01', '2025-06-01', '2026-06-01', '2026-12-31']);
    const gz = (i: number) => t.points[i]?.sites.find((s) => s.site === 'gz-1')?.rules[0]?.pass;
    expect(gz(1)).toBe(false);
    expect(gz(2)).toBe(true);
  });
  it('falls back to month starts when there are too many change points', () => {
    expect(monthStarts('2025-11-15', '2026-02-10')).toEqual([
      '2025-11-15',
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
      '2026-02-10',
    ]);
    const many = Array.from({ length: 300 }, (_, i) =>
      rec({
        site: 'bj-1',
        hardwareId: 'huawei-ascend-910b',
        quantity: 1,
        installDate: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      }),
    );
    const t = complianceTrajectory(
      { sites, records: many, rules: [], catalog },
      { from: '2025-01-01', to: '2025-12-31', maxPoints: 50 },
    );
    expect(t.points.length).toBe(13);
  });
});

describe('whatIf', () => {
  it('shows the effect of swapping H20 for Ascend without touching the input', () => {
    const input = { sites, records, rules: [], catalog };
    const r = whatIf(
      input,
      {
        remove: [{ site: 'sh-1', hardwareId: 'nvidia-h800-sxm5-80gb', quantity: 6 }],
        add: [{ site: 'sh-1', hardwareId: 'huawei-ascend-910c', quantity: 6 }],
      },
      { asOf: '2026-01-01' },
    );
    expect(r.ok).toBe(true);
    const sh = (x: typeof r.value) => x?.after.sites.find((s) => s.site === 'sh-1');
    expect(r.value?.before.sites.find((s) => s.site === 'sh-1')?.shares.count).toBe(0.2);
    expect(sh(r.value)?.shares.count).toBe(0.8);
    expect(sh(r.value)?.rules[0]?.pass).toBe(true);
    expect(records).toHaveLength(7);
  });
  it('what-if refuses a site the inventory does not have (its facts select its rules)', () => {
    const r = whatIf(
      { sites, records, rules: [], catalog },
      { add: [{ site: 'NOPE', hardwareId: 'huawei-ascend-910c', quantity: 100 }] },
      { asOf: '2026-01-01' },
    );
    expect(r.ok).toBe(false);
    expect(r.issues?.[0]).toMatchObject({ code: 'unknown_site', path: 'add.0.site' });
  });
  it('takes catalog ids in any case, as the catalog and plan do, and suggests near ones', () => {
    const r = whatIf(
      { sites, records, rules: [], catalog },
      {
        add: [{ site: 'sh-1', hardwareId: 'Huawei-Ascend-910C', quantity: 6 }],
        remove: [{ site: 'sh-1', hardwareId: 'NVIDIA-H800-SXM5-80GB', quantity: 6 }],
      },
      { asOf: '2026-01-01' },
    );
    expect(r.ok).toBe(true);
    expect(r.value?.after.sites.find((s) => s.site === 'sh-1')?.shares.count).toBe(0.8);
    const typo = whatIf(
      { sites, records, rules: [], catalog },
      { add: [{ site: 'sh-1', hardwareId: 'huawei-ascend-910x', quantity: 1 }] },
      { asOf: '2026-01-01' },
    );
    expect(typo.issues?.[0]).toMatchObject({ code: 'unknown_hardware', path: 'add.0.hardwareId' });
    expect(typo.issues?.[0]?.message).toMatch(/did you mean huawei-ascend-910/);
  });
  it('refuses to remove more than is in service', () => {
    const r = whatIf(
      { sites, records, rules: [], catalog },
      { remove: [{ site: 'gz-1', hardwareId: 'nvidia-h20', quantity: 11 }] },
      { asOf: '2026-01-01' },
    );
    expect(r.ok).toBe(false);
    expect(r.issues?.[0]?.message).toBe(
      'cannot remove 11 nvidia-h20 at gz-1: only 10 in service on 2026-01-01',
    );
  });
});

describe('nothing judged, and empty sites', () => {
  const majority: Rule = ruleSchema.parse({
    id: 'majority',
    metric: 'count',
    comparator: '>',
    threshold: 0.5,
    scope: 'site',
    effectiveFrom: '2025-01-01',
  });
  const domestic = [rec({ site: 'bj-1', hardwareId: 'huawei-ascend-910b', quantity: 6 })];

  it('no rule in force is its own verdict, not COMPLIANT', () => {
    const later: Rule = { ...majority, effectiveFrom: '2030-01-01' };
    const r = evaluateCompliance(
      { sites, records: domestic, rules: [later], catalog },
      { asOf: '2026-01-01' },
    );
    expect([r.verdict, r.compliant]).toEqual(['no-rule-in-force', null]);
  });

  it('a site without hardware is not judged and does not make the organisation UNKNOWN', () => {
    const r = evaluateCompliance(
      { sites, records: domestic, rules: [majority], catalog },
      { asOf: '2026-01-01' },
    );
    expect([r.verdict, r.compliant]).toEqual(['compliant', true]);
    const sh = r.sites.find((s) => s.site === 'sh-1');
    expect(sh?.rules).toEqual([]);
    expect(sh?.notApplicable).toMatchObject([{ id: 'majority', reason: 'no-hardware' }]);
  });
});
