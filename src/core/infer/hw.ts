/**
 * What the serving model needs from a hardware profile: the peak at a precision (with the fallback a
 * chip without that format uses) and the time of the two collectives serving uses.
 */
import type { HardwareProfile } from '../hardware/profile';

export type PeakKey = 'bf16' | 'fp8' | 'int8' | 'fp4';

/**
 * A chip without a format runs it on the next format it has: FP4 weights on Hopper run FP8 GEMMs
 * (TensorRT-LLM W4A8), FP8 or INT8 on a chip lacking them dequantise to BF16.
 */
const FALLBACK: Readonly<Record<PeakKey, readonly PeakKey[]>> = {
  fp4: ['fp4', 'fp8', 'bf16'],
  fp8: ['fp8', 'bf16'],
  int8: ['int8', 'bf16'],
  bf16: ['bf16'],
};

export interface Peak {
  readonly tflops: number;
  /** The format actually used (differs from the asked one after a fallback). */
  readonly used: PeakKey;
}

export function peakOf(hw: HardwareProfile, key: PeakKey): Peak {
  for (const k of FALLBACK[key]) {
    const v = hw.peakTflops[k];
    if (v !== null && v > 0) return { tflops: v, used: k };
  }
  // Unreachable from a request: a chip without a bf16/fp16 peak is refused first (missingPerformanceFacts).
  throw new Error(`hardware ${hw.id} has no usable peak for ${key}`);
}

/**
 * Share of link bandwidth expert-parallel kernels reach (DeepEP README, H800 + CX7 400 Gb/s): NVLink
 * 153-158 GB/s of ~160 intranode (0.95); RDMA 39-46 GB/s of ~50 for the low-latency decode kernels
 * at EP 64-256 and 43-58 GB/s "bottleneck" for the normal prefill kernels (0.85 taken for both).
 * NCCL-style ring all-reduces use the same scale-up share.
 */
export const SCALE_UP_EFFICIENCY = 0.95;
export const SCALE_OUT_EFFICIENCY = 0.85;

/**
 * Seconds of one all-to-all in which every device sends `bytesPerDevice` spread evenly over the `group`
 * devices (its own share stays local). Peers inside the scale-up domain are reached over scale-up
 * links, the rest over scale-out NICs; both run at once, so the slower side sets the time (the
 * NCCL/DeepEP all-to-all model, docs/INFERENCE.md section 5). Latency: one fabric latency.
 */
export function allToAllSeconds(hw: HardwareProfile, group: number, bytesPerDevice: number): number {
  if (group <= 1 || bytesPerDevice <= 0) return 0;
  const intraPeers = Math.min(group, hw.scaleUpDomainSize) - 1;
  const interPeers = group - 1 - intraPeers;
  const intraBytes = (bytesPerDevice * intraPeers) / group;
  const interBytes = (bytesPerDevice * interPeers) / group;
  const intraSeconds = intraBytes / (hw.scaleUpBandwidthGBps * 1e9 * SCALE_UP_EFFICIENCY);
  const interSeconds =
    interPeers > 0 ? interBytes / (hw.scaleOutBandwidthGBps * 1e9 * SCALE_OUT_EFFICIENCY) : 0;
  const latencyUs = interPeers > 0 ? hw.scaleOutLatencyUs : hw.scaleUpLatencyUs;
  return Math.max(intraSeconds, interSeconds) + latencyUs * 1e-6;
}

/**
 * Seconds of a ring all-reduce of `bytes` over `group` devices: 2(N-1)/N x bytes / bandwidth plus one
 * fabric latency per step of the two phases (NCCL busbw convention; GenZ collective_times.py).
 * TP groups stay inside the scale-up domain when they fit; otherwise scale-out sets the pace.
 */
export function allReduceSeconds(hw: HardwareProfile, group: number, bytes: number): number {
  if (group <= 1 || bytes <= 0) return 0;
  const inside = group <= hw.scaleUpDomainSize;
  const bandwidth =
    (inside
      ? hw.scaleUpBandwidthGBps * SCALE_UP_EFFICIENCY
      : hw.scaleOutBandwidthGBps * SCALE_OUT_EFFICIENCY) * 1e9;
  const latency = (inside ? hw.scaleUpLatencyUs : hw.scaleOutLatencyUs) * 1e-6;
  return ((2 * (group - 1)) / group) * (bytes / bandwidth) + 2 * (group - 1) * latency;
}

/**
 * Seconds of a hierarchical MoE dispatch (or combine) as DeepEP's normal (prefill) kernels run it:
 * a token bound for several experts in one remote scale-up domain crosses the scale-out network once
 * and is forwarded over scale-up links there. With `topK` experts spread uniformly over G domains, a
 * token reaches (G - 1) x (1 - (1 - 1/G)^topK) remote domains on average. Inside the domain every
 * expert copy travels over scale-up links as in allToAllSeconds.
 */
export function hierarchicalDispatchSeconds(
  hw: HardwareProfile,
  group: number,
  tokens: number,
  topK: number,
  bytesPerCopy: number,
): number {
  if (group <= 1 || tokens <= 0) return 0;
  const domain = Math.min(group, hw.scaleUpDomainSize);
  const domains = group / domain;
  if (domains <= 1) return allToAllSeconds(hw, group, tokens * topK * bytesPerCopy);
  const remoteDomains = (domains - 1) * (1 - (1 - 1 / domains) ** topK);
  const interSeconds =
    (tokens * remoteDomains * bytesPerCopy) / (hw.scaleOutBandwidthGBps * 1e9 * SCALE_OUT_EFFICIENCY);
  // Copies for peers in the local domain plus those forwarded after arriving from remote domains.
  const intraCopies = topK * ((domain - 1) / group) * domains;
  const intraSeconds =
    (tokens * intraCopies * bytesPerCopy) / (hw.scaleUpBandwidthGBps * 1e9 * SCALE_UP_EFFICIENCY);
  return Math.max(interSeconds, intraSeconds) + hw.scaleOutLatencyUs * 1e-6;
}
