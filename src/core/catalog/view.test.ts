import { describe, expect, it } from 'vitest';
import { resolveSystem, suggestIds } from './catalog';
import { loadBuiltinCatalog } from './load';
import { closestIds, editDistance } from './suggest';
import { listEntries, showEntry } from './view';

const catalog = loadBuiltinCatalog();

describe('listEntries', () => {
  it('lists chips then systems, each sorted', () => {
    const rows = listEntries(catalog);
    expect(rows).toHaveLength(catalog.chips.size + catalog.systems.size);
    const firstSystem = rows.findIndex((r) => r.kind === 'system');
    expect(rows.slice(firstSystem).every((r) => r.kind === 'system')).toBe(true);
    const chipIds = rows.slice(0, firstSystem).map((r) => r.id);
    expect(chipIds).toEqual([...chipIds].sort());
  });

  it('filters by domestic, kind and vendor', () => {
    const domestic = listEntries(catalog, { domestic: true });
    expect(domestic.length).toBeGreaterThan(10);
    expect(domestic.every((r) => r.domestic)).toBe(true);
    expect(domestic.map((r) => r.id)).toContain('huawei-cloudmatrix-384');
    expect(listEntries(catalog, { domestic: false }).map((r) => r.id)).not.toContain('metax-c500');
    const systems = listEntries(catalog, { kind: 'system', vendor: 'NVIDIA' });
    expect(systems.map((r) => r.id)).toEqual([
      'nvidia-dgx-a100',
      'nvidia-dgx-b200',
      'nvidia-dgx-h100',
      'nvidia-gb200-nvl72',
      'nvidia-hgx-a800',
      'nvidia-hgx-h20',
      'nvidia-hgx-h200',
      'nvidia-hgx-h800',
      'nvidia-vera-rubin-nvl144',
    ]);
    expect(listEntries(catalog, { vendor: 'kunlunxin' }).map((r) => r.id)).toEqual([
      'kunlunxin-m100',
      'kunlunxin-m300',
      'kunlunxin-p800',
    ]);
  });
});

describe('showEntry', () => {
  it('shows every spec with value, unit, confidence and sources', () => {
    const view = showEntry(catalog, 'huawei-cloudmatrix-384')!;
    expect(view.kind).toBe('system');
    expect(view.domestic).toBe(true);
    expect(view.specs.powerKW).toMatchObject({ value: 559, unit: 'kW', confidence: 'analysis' });
    expect(view.specs.powerKW?.sources[0]?.url).toMatch(/^https:\/\/semianalysis\.com/);
    expect(showEntry(catalog, 'nope')).toBeNull();
  });
});

describe('suggestions and system resolution', () => {
  it('computes edit distances', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('h100', 'h100')).toBe(0);
  });

  it('suggests ids containing the query first, then near misses', () => {
    expect(closestIds('h100', ['nvidia-h100-sxm5-80gb', 'nvidia-dgx-h100', 'amd-mi300x'])).toEqual([
      'nvidia-dgx-h100',
      'nvidia-h100-sxm5-80gb',
    ]);
    expect(suggestIds(catalog, 'huawei-ascend-910x')[0]).toBe('huawei-ascend-910b');
    expect(suggestIds(catalog, 'zzzzzzzzzzzzzzzzzz')).toEqual([]);
  });

  it('maps a chip to its default system and a chip without one to a generic 8-device node', () => {
    expect(resolveSystem(catalog, 'nvidia-h100-sxm5-80gb')?.system.id).toBe('nvidia-dgx-h100');
    expect(resolveSystem(catalog, 'nvidia-gb200-nvl72')?.generic).toBe(false);
    const generic = resolveSystem(catalog, 'amd-mi325x')!;
    expect(generic.generic).toBe(true);
    expect(generic.system.specs.scaleUpDomainSize.value).toBe(8);
    expect(generic.system.specs.scaleUpBandwidthGBps.value).toBe(896);
    expect(resolveSystem(catalog, 'kunlunxin-p800')).toBeNull();
    expect(resolveSystem(catalog, 'nope')).toBeNull();
  });
});
