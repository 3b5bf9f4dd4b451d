/**
 * Where each number of a HardwareProfile comes from in the catalog: the sourced Spec behind it (value,
 * confidence, alternatives) and the factor that turns the spec's value into the profile's figure (a
 * system's power in kW over its chips becomes W per device; a chip's TDP becomes all-in power x 1.5).
 * The comparison states the grade of what it rests on; the risk sampler draws each spec from its grade
 * and scales the draw by the same factor, so a drawn profile stays consistent with profile.ts.
 */
import type { Catalog } from '../catalog/catalog';
import type { Confidence, Spec } from '../catalog/schema';
import { SYSTEM_POWER_OVER_TDP } from './profile';

export interface SpecOrigin {
  readonly spec: Spec;
  /** profile figure = spec value x scale. */
  readonly scale: number;
  /** Where in the catalog, for people: `huawei-cloudmatrix-384 powerKW`. */
  readonly where: string;
  /**
   * True when the profile's figure is an estimate built on the spec (a system's power as its chips' TDP x 1.5):
   * graded `derived`, whatever the spec's own grade.
   */
  readonly estimated?: boolean;
}

export interface ProfileProvenance {
  /** The dense BF16 peak (or FP16 where the chip has no BF16 figure). */
  readonly peak: SpecOrigin | null;
  readonly hbmBandwidth: SpecOrigin | null;
  readonly scaleUpBandwidth: SpecOrigin | null;
  readonly scaleOutBandwidth: SpecOrigin | null;
  /** All-in power per device, W. */
  readonly power: SpecOrigin | null;
  /** Price per device, USD. */
  readonly price: SpecOrigin | null;
  /** Racks per purchase unit (the system), when the catalog knows it. */
  readonly racksPerSystem: SpecOrigin | null;
  /** Devices per purchase unit: the system's chips, 1 for a chip without a system. */
  readonly unitDevices: number;
  readonly systemId: string | null;
  readonly chipId: string;
}

const origin = (spec: Spec | undefined, scale: number, where: string): SpecOrigin | null =>
  spec ? { spec, scale, where } : null;
const estimatedFrom = (o: SpecOrigin | null): SpecOrigin | null => (o ? { ...o, estimated: true } : null);

/** Provenance of `resolveHardware(catalog, id)`'s numbers; null for an unknown id. */
export function profileProvenance(catalog: Catalog, id: string): ProfileProvenance | null {
  let system = catalog.systems.get(id) ?? null;
  const chip = catalog.chips.get(system ? system.chipId : id);
  if (!chip) return null;
  if (!system && chip.defaultSystem) system = catalog.systems.get(chip.defaultSystem) ?? null;
  const s = chip.specs;
  const chips = system?.specs.chipsPerSystem.value ?? null;
  const onChip = (name: string) => `${chip.id} ${name}`;
  const onSystem = (name: string) => `${system?.id} ${name}`;
  const peak = s.bf16DenseTflops
    ? origin(s.bf16DenseTflops, 1, onChip('bf16DenseTflops'))
    : origin(s.fp16DenseTflops, 1, onChip('fp16DenseTflops'));
  const scaleUp = system
    ? origin(system.specs.scaleUpBandwidthGBps, 0.5, onSystem('scaleUpBandwidthGBps'))
    : origin(s.scaleUpBandwidthGBps, 0.5, onChip('scaleUpBandwidthGBps'));
  const scaleOut = system
    ? origin(system.specs.scaleOutBandwidthGbps, 1 / 8, onSystem('scaleOutBandwidthGbps'))
    : origin(s.scaleOutBandwidthGbps, 1 / 8, onChip('scaleOutBandwidthGbps'));
  const power =
    system?.specs.powerKW && chips
      ? origin(system.specs.powerKW, 1000 / chips, onSystem('powerKW'))
      : estimatedFrom(origin(s.tdpW, SYSTEM_POWER_OVER_TDP, onChip('tdpW')));
  const price =
    system?.specs.priceUsd && chips
      ? origin(system.specs.priceUsd, 1 / chips, onSystem('priceUsd'))
      : origin(s.priceUsd, 1, onChip('priceUsd'));
  return {
    peak,
    hbmBandwidth: origin(s.hbmBandwidthTBps, 1, onChip('hbmBandwidthTBps')),
    scaleUpBandwidth: scaleUp,
    scaleOutBandwidth: scaleOut,
    power,
    price,
    racksPerSystem: system ? origin(system.specs.racksPerSystem, 1, onSystem('racksPerSystem')) : null,
    unitDevices: chips ?? 1,
    systemId: system?.id ?? null,
    chipId: chip.id,
  };
}

/** The grade of a number, or null when the catalog has none. */
export const gradeOf = (o: SpecOrigin | null): Confidence | null =>
  // arithmetic does not launder a rumour (docs/CATALOG.md): an estimate on a rumoured spec stays a rumour
  o?.estimated && o.spec.confidence !== 'rumour' ? 'derived' : (o?.spec.confidence ?? null);
