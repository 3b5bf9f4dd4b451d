/**
 * Package versus die. The catalog counts a device as the vendor sells it: an Ascend 910C package holds
 * two 910B-class dies, and Huawei's "per NPU" figures are per package, while vLLM-Ascend counts each
 * die as an NPU ("A3 64G x 16" = 16 dies = 8 packages). These helpers convert counts and rates.
 */
import type { HardwareProfile } from '../hardware/profile';

export type CountUnit = 'device' | 'die';

/** Devices (catalog units) that `count` items of `unit` make. Dies round up to whole packages. */
export function toDevices(count: number, unit: CountUnit, diesPerPackage: number): number {
  return unit === 'die' ? Math.ceil(count / diesPerPackage) : count;
}

/** A per-die rate (tokens/s per die) as a per-device rate (per package). */
export function perDieToPerDevice(ratePerDie: number, diesPerPackage: number): number {
  return ratePerDie * diesPerPackage;
}

/** A per-device rate as a per-die rate. */
export function perDeviceToPerDie(ratePerDevice: number, diesPerPackage: number): number {
  return ratePerDevice / diesPerPackage;
}

/**
 * One die as a device of its own: compute, HBM capacity and bandwidth split evenly between the dies
 * (the 910C's two dies each own half the HBM stacks); the package's links are shared, so each die
 * gets half of them too.
 */
export function dieProfile(hw: HardwareProfile): HardwareProfile {
  const n = hw.diesPerPackage;
  if (n <= 1) return hw;
  const split = (v: number | null) => (v === null ? null : v / n);
  return {
    ...hw,
    id: `${hw.id} (one die)`,
    peakTflops: {
      bf16: split(hw.peakTflops.bf16),
      fp16: split(hw.peakTflops.fp16),
      fp8: split(hw.peakTflops.fp8),
      fp4: split(hw.peakTflops.fp4),
      int8: split(hw.peakTflops.int8),
      fp32: split(hw.peakTflops.fp32),
    },
    hbmCapacityGB: hw.hbmCapacityGB / n,
    hbmBandwidthTBps: hw.hbmBandwidthTBps / n,
    scaleUpBandwidthGBps: hw.scaleUpBandwidthGBps / n,
    scaleOutBandwidthGBps: hw.scaleOutBandwidthGBps / n,
    scaleUpDomainSize: hw.scaleUpDomainSize * n,
    diesPerPackage: 1,
    powerWPerDevice: hw.powerWPerDevice === null ? null : hw.powerWPerDevice / n,
    priceUsdPerDevice: hw.priceUsdPerDevice === null ? null : hw.priceUsdPerDevice / n,
  };
}

/** The sentence the output carries so nobody compares a package with a GPU unknowingly. */
export function deviceUnitNote(hw: HardwareProfile): string {
  const dies = logicalDevicesPerDevice(hw);
  if (dies > 1) {
    return `a device is one ${hw.chipName} package (${dies} dies, each its own device to the software: TP/DP/EP count dies); per-die figures are 1/${dies} of per-device ones`;
  }
  // a B200 or an MLU370-X8 shows up as one device with one memory: its dies are not counted anywhere
  if (hw.diesPerPackage > 1)
    return `a device is one ${hw.chipName} (${hw.diesPerPackage} dies, one device to the software)`;
  return `a device is one ${hw.chipName}`;
}

/**
 * Families whose packages show up to the software as one logical device per die: CANN lists each
 * 910C die as its own NPU (the catalog's diesPerPackage note: "2 logical NPUs, dies joined by SIO"),
 * each with its own HBM, so DP-attention replicas and KV caches live per die. A B200's two dies show
 * up as one GPU with one memory (NV-HBI), so NVIDIA parts stay one logical device per package.
 */
const DIE_VISIBLE_FAMILIES: ReadonlySet<string> = new Set(['huawei-ascend-910']);

/** Logical devices (what TP/DP/EP count) in one catalog device. */
export function logicalDevicesPerDevice(hw: HardwareProfile): number {
  return DIE_VISIBLE_FAMILIES.has(hw.family) ? Math.max(1, hw.diesPerPackage) : 1;
}

/** The profile of one logical device. */
export function logicalProfile(hw: HardwareProfile): HardwareProfile {
  return logicalDevicesPerDevice(hw) > 1 ? dieProfile(hw) : hw;
}
