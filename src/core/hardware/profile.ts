/**
 * Hardware resolution: a catalog system or chip id becomes the flat numbers the engines need.
 * A chip id means that chip's default system; a chip with no system is treated as an 8-device
 * node whose scale-up links are the chip's own (documented in docs/ENGINE.md).
 */
import { type Catalog, catalogId } from '../catalog/catalog';
import type { Chip, SoftwareStack, System } from '../catalog/schema';
import { closestIds } from '../catalog/suggest';
import { say } from '../messages/say';
import { fail, type Issue, ok, type Result } from '../result';

export interface HardwareProfile {
  /** The id the user gave (system or chip). */
  readonly id: string;
  readonly systemId: string | null;
  readonly chipId: string;
  readonly chipName: string;
  readonly vendor: string;
  readonly family: string;
  /** The chip's main software stack (CUDA, CANN, ROCm...): the prior for a family without published runs. */
  readonly softwareStack: SoftwareStack;
  readonly domestic: boolean;
  /**
   * Measured best-shape bf16 matmul throughput over the dense bf16 peak (catalog `bf16MatmulAchievedTflops`);
   * null when no measurement is in the catalog.
   */
  readonly achievedMatmulFraction: number | null;
  /** Dense peak per device, TFLOP/s (TOP/s for int8); null when the chip lacks that precision. */
  readonly peakTflops: Readonly<Record<'bf16' | 'fp16' | 'fp8' | 'fp4' | 'int8' | 'fp32', number | null>>;
  readonly hbmCapacityGB: number;
  readonly hbmBandwidthTBps: number;
  /** Devices sharing the scale-up fabric. */
  readonly scaleUpDomainSize: number;
  /** One direction, per device. */
  readonly scaleUpBandwidthGBps: number;
  readonly scaleUpLatencyUs: number;
  /** One direction, per device. */
  readonly scaleOutBandwidthGBps: number;
  readonly scaleOutLatencyUs: number;
  /** All-in power per device (system power / chips when known, else chip TDP x 1.5 for host and network). */
  readonly powerWPerDevice: number | null;
  readonly priceUsdPerDevice: number | null;
  readonly diesPerPackage: number;
  /** Assumptions made while resolving (for example a default latency). */
  readonly assumptions: readonly string[];
}

// Typical small-message latencies when a system does not publish them: NVLink/HCCS-class fabrics are
// a few microseconds per collective step, RDMA scale-out networks ~10 us (NCCL tests, Calculon's
// network presets: see docs/ENGINE.md).
const DEFAULT_SCALE_UP_LATENCY_US = 3;
const DEFAULT_SCALE_OUT_LATENCY_US = 10;
// Host CPUs, NICs, switches and fans add about half again to accelerator TDP in a training server
// (DGX H100: 10.2 kW for 8 x 700 W GPUs = 1.8x; HGX servers ~1.4-1.6x); used only when the system
// power is not in the catalog.
export const SYSTEM_POWER_OVER_TDP = 1.5;

/**
 * Bytes in one gigabyte of device memory. Vendors state HBM capacity in binary gigabytes: an "80 GB" H100 or A100 has
 * 80 GiB (CUDA reports 81,559 MiB of it; Calculon's A100 run: "79.6 GiB of 80 GiB HBM used"), an Ascend 910B2 "64 GB"
 * (CANN platform_config Ascend910B2.ini: memory 64 GiB), a TPU7x 192 GiB (Google's docs). Frameworks report memory
 * the same way (PyTorch, Megatron and DeepSpeed memory reports divide by 1024^3). chipmix counts every memory figure
 * (weights, gradients, optimizer states, activations, KV cache, capacity) in these units, so "GB" in a memory field
 * is GiB; bandwidths and model sizes stay decimal. (Until 2026-12-07 memory was counted in 10^9 bytes against the
 * vendors' binary capacities, which understated every device's memory by 7.4%.)
 */
export const BYTES_PER_MEMORY_GB = 2 ** 30;

export function resolveHardware(catalog: Catalog, typed: string): Result<HardwareProfile> {
  const id = catalogId(catalog, typed);
  const system = catalog.systems.get(id);
  if (system) {
    const chip = catalog.chips.get(system.chipId);
    if (!chip) {
      return fail({
        code: 'unknown_chip',
        path: `systems.${id}.chipId`,
        message: say('hardware.system-chip', { id, chip: system.chipId }),
      });
    }
    return ok(profileOf(id, chip, system));
  }
  const chip = catalog.chips.get(id);
  if (chip) {
    const defaultSystem = chip.defaultSystem ? catalog.systems.get(chip.defaultSystem) : undefined;
    return ok(profileOf(id, chip, defaultSystem ?? null));
  }
  return fail(unknownHardwareIssue(catalog, typed, 'hardware'));
}

/** An id the catalog does not have, with the closest ones it does (`did you mean ...?`). */
export function unknownHardwareIssue(catalog: Catalog, typed: string, path: string): Issue {
  const suggestions = closestIds(catalogId(catalog, typed), [
    ...catalog.systems.keys(),
    ...catalog.chips.keys(),
  ]);
  return {
    code: 'unknown_hardware',
    path,
    message: suggestions.length
      ? say('hardware.unknown-suggest', { id: typed, ids: suggestions.join(', ') })
      : say('hardware.unknown', { id: typed }),
  };
}

/**
 * What a performance model cannot do without: a bf16 (or fp16) peak and the HBM's capacity and bandwidth. A catalog
 * entry may lack them (a roadmap chip, a part whose vendor publishes no memory figures); training and serving refuse
 * such a chip with the same issues rather than print 0 tokens/s or an infinite TTFT.
 */
export function missingPerformanceFacts(hw: HardwareProfile, precision: 'bf16' | 'bf16-or-fp16'): Issue[] {
  const issues: Issue[] = [];
  const peak = hw.peakTflops.bf16 ?? (precision === 'bf16-or-fp16' ? hw.peakTflops.fp16 : null);
  if (!(peak !== null && peak > 0))
    issues.push({ code: 'no_peak', path: 'hardware', message: say('hardware.no-peak', { chip: hw.chipId }) });
  if (!(hw.hbmCapacityGB > 0) || !(hw.hbmBandwidthTBps > 0))
    issues.push({
      code: 'no_memory',
      path: 'hardware',
      message: say('hardware.no-memory', { chip: hw.chipId }),
    });
  return issues;
}

function profileOf(id: string, chip: Chip, system: System | null): HardwareProfile {
  const assumptions: string[] = [];
  const s = chip.specs;
  const bf16 = s.bf16DenseTflops?.value ?? s.fp16DenseTflops?.value ?? null;
  const scaleUpDomainSize = system?.specs.scaleUpDomainSize.value ?? 8;
  const scaleUpBidirGBps = system?.specs.scaleUpBandwidthGBps.value ?? s.scaleUpBandwidthGBps?.value ?? null;
  const scaleOutGbps = system?.specs.scaleOutBandwidthGbps.value ?? s.scaleOutBandwidthGbps?.value ?? null;
  if (!system) assumptions.push(say('hardware.no-system', { chip: chip.id }));
  // every rate scales with the peak: an unsourced one is said wherever the profile is used (train, serve, compare)
  const peakSpec = s.bf16DenseTflops ?? s.fp16DenseTflops;
  if (peakSpec?.confidence === 'rumour') assumptions.push(say('hardware.rumour-peak', { chip: chip.id }));
  if (scaleUpBidirGBps === null) assumptions.push(say('hardware.no-scale-up'));
  if (scaleOutGbps === null) assumptions.push(say('hardware.no-scale-out'));
  const scaleUpLatencyUs = system?.specs.scaleUpLatencyUs?.value ?? DEFAULT_SCALE_UP_LATENCY_US;
  const scaleOutLatencyUs = system?.specs.scaleOutLatencyUs?.value ?? DEFAULT_SCALE_OUT_LATENCY_US;
  const chipsPerSystem = system?.specs.chipsPerSystem.value ?? null;
  let powerWPerDevice: number | null = null;
  if (system?.specs.powerKW && chipsPerSystem)
    powerWPerDevice = (system.specs.powerKW.value * 1000) / chipsPerSystem;
  else if (s.tdpW) {
    powerWPerDevice = s.tdpW.value * SYSTEM_POWER_OVER_TDP;
    assumptions.push(say('hardware.no-power', { factor: SYSTEM_POWER_OVER_TDP }));
  }
  let priceUsdPerDevice: number | null = null;
  if (system?.specs.priceUsd && chipsPerSystem)
    priceUsdPerDevice = system.specs.priceUsd.value / chipsPerSystem;
  else if (s.priceUsd) priceUsdPerDevice = s.priceUsd.value;
  return {
    id,
    systemId: system?.id ?? null,
    chipId: chip.id,
    chipName: chip.name,
    vendor: chip.vendor,
    family: chip.family,
    softwareStack: chip.softwareStack[0]!,
    domestic: chip.domestic,
    achievedMatmulFraction:
      bf16 && s.bf16MatmulAchievedTflops ? Math.min(1, s.bf16MatmulAchievedTflops.value / bf16) : null,
    peakTflops: {
      bf16,
      fp16: s.fp16DenseTflops?.value ?? bf16,
      fp8: s.fp8DenseTflops?.value ?? null,
      fp4: s.fp4DenseTflops?.value ?? null,
      int8: s.int8DenseTops?.value ?? null,
      fp32: s.fp32DenseTflops?.value ?? null,
    },
    hbmCapacityGB: s.hbmCapacityGB?.value ?? 0,
    hbmBandwidthTBps: s.hbmBandwidthTBps?.value ?? 0,
    scaleUpDomainSize,
    scaleUpBandwidthGBps: (scaleUpBidirGBps ?? 128) / 2,
    scaleUpLatencyUs,
    scaleOutBandwidthGBps: (scaleOutGbps ?? 100) / 8,
    scaleOutLatencyUs,
    powerWPerDevice,
    priceUsdPerDevice,
    diesPerPackage: s.diesPerPackage?.value ?? 1,
    assumptions,
  };
}
