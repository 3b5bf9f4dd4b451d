import { describe, expect, it } from 'vitest';
import { auditCatalog, onlyRumour } from './audit';
import { buildCatalog } from './catalog';
import { loadBuiltinCatalog } from './load';
import type { Chip, Confidence, Spec, System } from './schema';

const source = [{ title: 'A source', url: 'https://source.example' }];
const value = (v: number, confidence: Confidence, alternatives: Confidence[] = []): Spec => ({
  value: v,
  unit: 'x',
  confidence,
  sources: source,
  ...(alternatives.length > 0
    ? { alternatives: alternatives.map((c) => ({ value: v + 1, confidence: c, sources: source })) }
    : {}),
});

const chip = (id: string, status: Chip['status'], specs: Chip['specs'], extra: Partial<Chip> = {}): Chip => ({
  id,
  vendor: 'Acme',
  name: id,
  vendorCountry: 'CN',
  domestic: true,
  status,
  family: 'acme',
  softwareStack: ['other'],
  softwareSources: source,
  exportControl: { status: 'not-applicable', asOf: '2026-01-01', sources: source },
  specs,
  ...extra,
});

const system: System = {
  id: 'acme-pod',
  vendor: 'Acme',
  name: 'Acme pod',
  status: 'shipping',
  chipId: 'acme-a',
  specs: {
    chipsPerSystem: value(8, 'official'),
    scaleUpDomainSize: value(8, 'official'),
    scaleUpBandwidthGBps: value(400, 'rumour'),
    scaleOutBandwidthGbps: value(200, 'official'),
    priceUsd: value(100_000, 'analysis'),
  },
};

const catalog = buildCatalog([
  {
    chips: [
      chip('acme-a', 'shipping', {
        priceUsd: value(10_000, 'rumour', ['analysis']),
        tdpW: value(300, 'rumour'),
      }),
      chip(
        'acme-b',
        'retired',
        { bf16DenseTflops: value(100, 'official') },
        { notApplicable: [{ spec: 'fp8DenseTflops', reason: 'no FP8', sources: source }] },
      ),
      chip(
        'acme-next',
        'announced',
        {},
        {
          availableFrom: { value: '2027-Q4', confidence: 'rumour', sources: source },
        },
      ),
      chip('acme-later', 'rumoured', {}),
    ],
    systems: [system],
  },
]);

const metric = (audit: ReturnType<typeof auditCatalog>, name: string) =>
  audit.metrics.find((m) => m.metric === name)!;
const idsOf = (entries: ReadonlyArray<{ id: string }>) => entries.map((e) => e.id);

describe('onlyRumour', () => {
  it('is true only when no figure is better than a rumour', () => {
    expect(onlyRumour(value(1, 'rumour'))).toBe(true);
    expect(onlyRumour(value(1, 'rumour', ['rumour']))).toBe(true);
    expect(onlyRumour(value(1, 'rumour', ['analysis']))).toBe(false);
    expect(onlyRumour(value(1, 'derived'))).toBe(false);
  });
});

describe('auditCatalog', () => {
  const audit = auditCatalog(catalog);

  it('counts entries and lists every metric', () => {
    expect(audit).toMatchObject({ chips: 4, systems: 1 });
    expect(audit.metrics.map((m) => m.metric)).toEqual([
      'price',
      'power',
      'bf16',
      'fp8',
      'hbmCapacity',
      'hbmBandwidth',
      'scaleUp',
      'scaleOut',
      'availableFrom',
    ]);
  });

  it('separates missing, rumour-only and covered values; a better alternative counts', () => {
    const price = metric(audit, 'price');
    expect(price.fields).toEqual({ chip: 'priceUsd', system: 'priceUsd' });
    expect(idsOf(price.missing)).toEqual(['acme-b', 'acme-later', 'acme-next']);
    expect(price.rumourOnly).toEqual([]);
    expect(price.covered).toBe(2);
    const power = metric(audit, 'power');
    expect(idsOf(power.rumourOnly)).toEqual(['acme-a']);
    expect(idsOf(power.missing)).toEqual(['acme-b', 'acme-later', 'acme-next', 'acme-pod']);
  });

  it('reports absent-on-purpose specs with their reason, not as missing', () => {
    const fp8 = metric(audit, 'fp8');
    expect(fp8.notApplicable).toEqual([
      { id: 'acme-b', kind: 'chip', vendor: 'Acme', status: 'retired', reason: 'no FP8' },
    ]);
    expect(idsOf(fp8.missing)).toEqual(['acme-a', 'acme-later', 'acme-next']);
  });

  it('audits compute on chips only and links on both', () => {
    expect(metric(audit, 'bf16').audited).toBe(4);
    const scaleUp = metric(audit, 'scaleUp');
    expect(scaleUp.audited).toBe(5);
    expect(idsOf(scaleUp.rumourOnly)).toEqual(['acme-pod']);
  });

  it('audits availability on roadmap entries only', () => {
    const availability = metric(audit, 'availableFrom');
    expect(availability.audited).toBe(2);
    expect(idsOf(availability.missing)).toEqual(['acme-later']);
    expect(idsOf(availability.rumourOnly)).toEqual(['acme-next']);
  });

  it('filters by status', () => {
    const roadmap = auditCatalog(catalog, { statuses: ['announced', 'rumoured'] });
    expect(roadmap).toMatchObject({ chips: 2, systems: 0 });
    expect(idsOf(metric(roadmap, 'price').missing)).toEqual(['acme-later', 'acme-next']);
  });
});

describe('the built-in catalog', () => {
  const builtin = auditCatalog(loadBuiltinCatalog());

  it('dates every roadmap entry', () => {
    expect(metric(builtin, 'availableFrom').missing).toEqual([]);
  });

  it('has a price and a power figure for the chips the issue named', () => {
    const missingPrice = idsOf(metric(builtin, 'price').missing);
    const missingPower = idsOf(metric(builtin, 'power').missing);
    for (const id of ['huawei-ascend-910c', 'nvidia-h800-sxm5-80gb']) expect(missingPrice).not.toContain(id);
    for (const id of ['huawei-ascend-910c', 'hygon-k100']) expect(missingPower).not.toContain(id);
  });
});
