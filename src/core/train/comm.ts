/**
 * Collective times (alpha-beta model, NCCL "bus bandwidth" convention; see docs/ENGINE.md §Communication).
 * A group of `size` devices whose members are `stride` devices apart spans size x stride devices: when
 * that fits in the scale-up domain it runs on the scale-up fabric, otherwise on the scale-out network.
 */
import type { EngineContext } from './context';

export interface Tier {
  readonly bytesPerSecond: number;
  readonly latencySeconds: number;
  /** Fixed cost per collective call (kernel launch and synchronisation). */
  readonly launchSeconds: number;
}

export function tierFor(ctx: EngineContext, size: number, stride: number): Tier {
  const hw = ctx.hardware;
  const eff = ctx.efficiency;
  if (size * stride <= hw.scaleUpDomainSize) {
    return {
      bytesPerSecond: hw.scaleUpBandwidthGBps * 1e9 * eff.scaleUpEfficiency,
      latencySeconds: hw.scaleUpLatencyUs * 1e-6,
      launchSeconds: eff.collectiveLaunchUs * 1e-6,
    };
  }
  return {
    bytesPerSecond: hw.scaleOutBandwidthGBps * 1e9 * eff.scaleOutEfficiency,
    latencySeconds: hw.scaleOutLatencyUs * 1e-6,
    launchSeconds: eff.collectiveLaunchUs * 1e-6,
  };
}

/** Reduce-scatter or all-gather of `bytes` (the full, unsharded buffer) over a ring of `size`. */
export function ringSeconds(bytes: number, size: number, tier: Tier): number {
  if (size <= 1) return 0;
  return (
    ((size - 1) / size) * (bytes / tier.bytesPerSecond) +
    (size - 1) * tier.latencySeconds +
    tier.launchSeconds
  );
}

/**
 * Reduce-scatter or all-gather of `bytes` over a group of `size` ranks placed `stride` devices apart, allocation
 * free (the search's hot path). Members that share a scale-up domain reduce among themselves first over the
 * fabric, then each exchanges only its 1/inDomain share across domains over its own NIC (hierarchical rings, as
 * NCCL's multi-channel rings and trees achieve with one NIC per device: every NIC carries 1/inDomain of the data).
 */
export function groupCollectiveSeconds(
  ctx: EngineContext,
  bytes: number,
  size: number,
  stride: number,
): number {
  if (size <= 1) return 0;
  const hw = ctx.hardware;
  const eff = ctx.efficiency;
  const inDomain = membersInDomain(ctx, size, stride);
  const domains = Math.ceil(size / inDomain);
  let seconds = eff.collectiveLaunchUs * 1e-6;
  if (inDomain > 1) {
    seconds +=
      ((inDomain - 1) / inDomain) * (bytes / (hw.scaleUpBandwidthGBps * 1e9 * eff.scaleUpEfficiency)) +
      (inDomain - 1) * hw.scaleUpLatencyUs * 1e-6;
  }
  if (domains > 1) {
    seconds +=
      ((domains - 1) / domains) *
        (bytes / inDomain / (hw.scaleOutBandwidthGBps * 1e9 * eff.scaleOutEfficiency)) +
      (domains - 1) * hw.scaleOutLatencyUs * 1e-6;
  }
  return seconds;
}

/**
 * Probability that a token's `topK` experts, drawn without repeats from `experts` spread evenly over `domains`
 * scale-up domains, include at least one expert of a given domain: 1 − C(E − E/D, k) / C(E, k).
 */
export function domainHitProbability(experts: number, topK: number, domains: number): number {
  const outside = experts - experts / domains;
  let miss = 1;
  for (let i = 0; i < topK; i++) miss *= Math.max(0, outside - i) / (experts - i);
  return 1 - miss;
}

/**
 * MoE dispatch (or combine) through a deduplicating dispatcher (DeepEP normal kernels, HybridEP; Megatron-Core's
 * `flex` dispatcher): a token crosses the scale-out network once per remote scale-up domain that holds one of its
 * experts and is forwarded to the experts' ranks over scale-up there (DeepEP README, "asymmetric-domain bandwidth
 * forwarding"; DeepSeek-V3 report §3.2.2). `copyBytes` is one copy of this rank's tokens. Inside the domain every copy
 * travels once, the forwarded ones included; both networks run at once, as in `allToAllSeconds`.
 */
export function dedupDispatchSeconds(
  ctx: EngineContext,
  copyBytes: number,
  topK: number,
  experts: number,
  size: number,
  stride: number,
): number {
  const peers = membersInDomain(ctx, size, stride);
  if (peers >= size) return allToAllSeconds(ctx, copyBytes * topK, size, stride);
  const domains = size / peers;
  const remoteDomainsHit = (domains - 1) * domainHitProbability(experts, topK, domains);
  const intraSeconds = ((topK * (size - 1)) / size) * (copyBytes / scaleUpBytesPerSecond(ctx));
  const interSeconds = (remoteDomainsHit * copyBytes) / allToAllNicBytesPerSecond(ctx);
  return Math.max(intraSeconds, interSeconds) + allToAllFixedSeconds(ctx, size, peers);
}

/**
 * All-to-all where each device holds `bytes` and keeps 1/size of them. Peers inside the scale-up
 * domain are reached over scale-up, the rest over scale-out; the two run in parallel.
 */
export function allToAllSeconds(ctx: EngineContext, bytes: number, size: number, stride: number): number {
  if (size <= 1) return 0;
  const peers = membersInDomain(ctx, size, stride);
  const intraSeconds = ((peers - 1) / size) * (bytes / scaleUpBytesPerSecond(ctx));
  const interSeconds = ((size - peers) / size) * (bytes / allToAllNicBytesPerSecond(ctx));
  return Math.max(intraSeconds, interSeconds) + allToAllFixedSeconds(ctx, size, peers);
}

/** Members of a group of `size` ranks placed `stride` devices apart that share one scale-up domain. */
function membersInDomain(ctx: EngineContext, size: number, stride: number): number {
  return Math.max(1, Math.min(size, Math.floor(ctx.hardware.scaleUpDomainSize / stride)));
}

function scaleUpBytesPerSecond(ctx: EngineContext): number {
  return ctx.hardware.scaleUpBandwidthGBps * 1e9 * ctx.efficiency.scaleUpEfficiency;
}

/** Many small point-to-point messages over the NICs: a fitted efficiency of its own (DeepEP/NCCL all-to-all). */
function allToAllNicBytesPerSecond(ctx: EngineContext): number {
  return ctx.hardware.scaleOutBandwidthGBps * 1e9 * ctx.efficiency.allToAllScaleOutEfficiency;
}

/**
 * NCCL all-to-all posts one send and one receive per peer: the latency is paid per peer (the NICs' when the group
 * leaves its domain), not per ring step of a tree; plus one launch.
 */
function allToAllFixedSeconds(ctx: EngineContext, size: number, peersInDomain: number): number {
  const hw = ctx.hardware;
  const latencyUs = peersInDomain < size ? hw.scaleOutLatencyUs : hw.scaleUpLatencyUs;
  return latencyUs * 1e-6 * (size - 1) + ctx.efficiency.collectiveLaunchUs * 1e-6;
}
