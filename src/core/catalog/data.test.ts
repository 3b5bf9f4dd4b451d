import { describe, expect, it } from 'vitest';
import { availableFromDate } from './availability';
import { resolveSystem } from './catalog';
import { BUILTIN_CATALOG_FILES } from './data/index';
import { loadBuiltinCatalog, parseCatalogFile } from './load';
import { CONFIDENCES, isRoadmap, type Spec } from './schema';

const REQUIRED_CHIPS = [
  'huawei-ascend-910b',
  'huawei-ascend-910b1',
  'huawei-ascend-910b2',
  'huawei-ascend-910b3',
  'huawei-ascend-910b4',
  'huawei-ascend-910c',
  'huawei-ascend-950pr',
  'huawei-ascend-950dt',
  'cambricon-mlu370-x8',
  'cambricon-mlu590',
  'hygon-k100',
  'kunlunxin-p800',
  'metax-c500',
  'moorethreads-s4000',
  'nvidia-a100-sxm4-80gb',
  'nvidia-a800-sxm4-80gb',
  'nvidia-h100-sxm5-80gb',
  'nvidia-h800-sxm5-80gb',
  'nvidia-h20',
  'nvidia-h200-sxm-141gb',
  'nvidia-b200',
  'nvidia-gb200',
  'amd-mi250x-gcd',
  'amd-mi300x',
  'amd-mi308x',
  'amd-mi325x',
  'amd-mi355x',
  'google-tpu-v4',
  'google-tpu-v5e',
  'google-tpu-v5p',
  'intel-gaudi3',
];
const REQUIRED_SYSTEMS = [
  'huawei-atlas-800t-a2',
  'huawei-cloudmatrix-384',
  'nvidia-dgx-a100',
  'nvidia-hgx-a800',
  'nvidia-dgx-h100',
  'nvidia-hgx-h800',
  'nvidia-hgx-h20',
  'nvidia-hgx-h200',
  'nvidia-dgx-b200',
  'nvidia-gb200-nvl72',
  'amd-mi300x-platform',
  'cambricon-mlu590-server',
];
/** Roadmap entries section 2 of issue 16 plans with. */
const ROADMAP = [
  'huawei-ascend-950pr',
  'huawei-ascend-950dt',
  'huawei-ascend-960',
  'huawei-ascend-970',
  'cambricon-mlu690',
  'kunlunxin-m100',
  'kunlunxin-m300',
  'nvidia-rubin',
  'nvidia-vera-rubin-nvl144',
];
const FAMILIES = [
  'nvidia-ampere',
  'nvidia-hopper',
  'nvidia-blackwell',
  'huawei-ascend-910',
  'huawei-ascend-950',
  'amd-cdna2',
  'amd-cdna3',
  'amd-cdna4',
  'google-tpu',
  'intel-gaudi',
  'cambricon-mlu',
  'hygon-dcu',
  'kunlunxin-xpu',
  'metax-gpu',
  'moorethreads-gpu',
  // Roadmap generations: no published runs yet, so the engine gives them the generic calibration.
  'huawei-ascend-960',
  'huawei-ascend-970',
  'nvidia-rubin',
];

const catalog = loadBuiltinCatalog();

/** Every (entry, spec name, spec) of the catalog. */
function allSpecs(): Array<[string, string, Spec]> {
  const out: Array<[string, string, Spec]> = [];
  for (const chip of catalog.chips.values()) {
    for (const [name, spec] of Object.entries(chip.specs)) if (spec) out.push([chip.id, name, spec]);
  }
  for (const system of catalog.systems.values()) {
    for (const [name, spec] of Object.entries(system.specs)) if (spec) out.push([system.id, name, spec]);
  }
  return out;
}

describe('built-in catalog data', () => {
  it('every data file passes the schema', () => {
    for (const { name, file } of BUILTIN_CATALOG_FILES) {
      const parsed = parseCatalogFile(file);
      expect(parsed.ok ? [] : parsed.issues, name).toEqual([]);
    }
  });

  it('has every required chip and system id', () => {
    expect(REQUIRED_CHIPS.filter((id) => !catalog.chips.has(id))).toEqual([]);
    expect(REQUIRED_SYSTEMS.filter((id) => !catalog.systems.has(id))).toEqual([]);
  });

  it('gives every spec of every entry a confidence and at least one titled, addressed source', () => {
    const specs = allSpecs();
    expect(specs.length).toBeGreaterThan(300);
    const bad = specs.filter(
      ([, , spec]) =>
        !CONFIDENCES.includes(spec.confidence) ||
        spec.sources.length === 0 ||
        spec.sources.some((s) => s.title.trim() === '' || s.url.trim() === ''),
    );
    expect(bad.map(([id, name]) => `${id}.${name}`)).toEqual([]);
  });

  it('gives every disputed alternative its own source and confidence', () => {
    const bad = allSpecs().flatMap(([id, name, spec]) =>
      (spec.alternatives ?? [])
        .filter((a) => a.sources.length === 0 || !CONFIDENCES.includes(a.confidence))
        .map(() => `${id}.${name}`),
    );
    expect(bad).toEqual([]);
  });

  it('keeps the disputed Ascend 910C BF16 figures with their own sources', () => {
    const bf16 = catalog.chips.get('huawei-ascend-910c')!.specs.bf16DenseTflops!;
    expect(bf16.value).toBe(752);
    expect(bf16.alternatives?.map((a) => a.value).sort()).toEqual([780, 800]);
  });

  it('sources the export status and software stack of every chip', () => {
    for (const chip of catalog.chips.values()) {
      expect(chip.exportControl.sources.length, chip.id).toBeGreaterThan(0);
      expect(chip.softwareSources.length, chip.id).toBeGreaterThan(0);
    }
  });

  it('marks exactly the PRC vendors domestic', () => {
    for (const chip of catalog.chips.values())
      expect(chip.domestic, chip.id).toBe(chip.vendorCountry === 'CN');
  });

  it('uses the calibration family names', () => {
    for (const chip of catalog.chips.values()) expect(FAMILIES, chip.id).toContain(chip.family);
  });

  it('documents huawei-ascend-910b as an alias of the 910B3 bin with the same peak', () => {
    const alias = catalog.chips.get('huawei-ascend-910b')!;
    const b3 = catalog.chips.get('huawei-ascend-910b3')!;
    expect(alias.aliasOf?.id).toBe('huawei-ascend-910b3');
    expect(alias.specs.bf16DenseTflops?.value).toBe(b3.specs.bf16DenseTflops?.value);
    expect(alias.specs.hbmCapacityGB?.value).toBe(b3.specs.hbmCapacityGB?.value);
  });

  it('has the roadmap entries, each on the roadmap with an availability date', () => {
    for (const id of ROADMAP) {
      const entry = catalog.chips.get(id) ?? catalog.systems.get(id);
      expect(entry, id).toBeDefined();
      expect(isRoadmap(entry!.status), id).toBe(true);
      expect(availableFromDate(entry!.availableFrom), id).toMatch(/^20\d\d-\d\d-01$/);
    }
    expect(availableFromDate(catalog.chips.get('huawei-ascend-950dt')!.availableFrom)).toBe('2026-10-01');
  });

  it('never marks a spec not applicable while giving it a value', () => {
    const entries = [...catalog.chips.values(), ...catalog.systems.values()];
    const contradictions = entries.flatMap((e) =>
      (e.notApplicable ?? [])
        .filter((n) => (e.specs as Record<string, unknown>)[n.spec] !== undefined)
        .map((n) => `${e.id}.${n.spec}`),
    );
    expect(contradictions).toEqual([]);
  });

  it('resolves every required chip that has link specs to a system holding it', () => {
    for (const id of REQUIRED_CHIPS) {
      const resolved = resolveSystem(catalog, id);
      const chip = catalog.chips.get(id)!;
      const links =
        chip.specs.scaleUpBandwidthGBps !== undefined && chip.specs.scaleOutBandwidthGbps !== undefined;
      if (chip.defaultSystem === undefined && !links) {
        expect(resolved, id).toBeNull();
        continue;
      }
      expect(resolved?.system.chipId, id).toBe(id);
    }
  });
});
