import { describe, expect, it } from 'vitest';
import { hardware, model } from '../../../test/fixtures/core/train';
import { allToAllSeconds, dedupDispatchSeconds, domainHitProbability, ringSeconds } from './comm';
import { buildContext } from './context';

describe('collectives (alpha-beta)', () => {
  const tier = { bytesPerSecond: 100e9, latencySeconds: 0, launchSeconds: 0 };
  it('reduce-scatter / all-gather move (n-1)/n of the buffer', () => {
    expect(ringSeconds(1e9, 8, tier)).toBeCloseTo((7 / 8) * 0.01, 12);
  });
  it('adds (n-1) latency steps', () => {
    expect(ringSeconds(0, 4, { bytesPerSecond: 1e9, latencySeconds: 5e-6, launchSeconds: 0 })).toBeCloseTo(
      15e-6,
      12,
    );
  });
  it('costs nothing for a group of one', () => {
    expect(ringSeconds(1e9, 1, tier)).toBe(0);
  });
});

describe('MoE dispatch through a deduplicating dispatcher (DeepEP, HybridEP)', () => {
  const ctx = buildContext(
    model('qwen3-30b-a3b'),
    hardware('nvidia-dgx-h100'),
    { seqLen: 4096, globalBatchSeqs: 64, precision: 'bf16' },
    16,
  );
  it('a token reaches a given domain with probability 1 − C(E − E/D, k) / C(E, k)', () => {
    // 128 experts on 2 domains, top-8: C(64, 8) / C(128, 8)
    let miss = 1;
    for (let i = 0; i < 8; i++) miss *= (64 - i) / (128 - i);
    expect(domainHitProbability(128, 8, 2)).toBeCloseTo(1 - miss, 12);
    expect(domainHitProbability(8, 2, 1)).toBe(1);
  });
  it('sends one copy per remote domain instead of one per remote expert: less across nodes, same inside one', () => {
    const copyBytes = 4096 * 2048 * 2;
    // EP 16 over two 8-GPU nodes: ~1 remote node hit per token against 4 remote expert copies
    const dedup = dedupDispatchSeconds(ctx, copyBytes, 8, 128, 16, 1);
    const alltoall = allToAllSeconds(ctx, copyBytes * 8, 16, 1);
    expect(dedup).toBeLessThan(alltoall * 0.5);
    expect(dedupDispatchSeconds(ctx, copyBytes, 8, 128, 8, 1)).toBe(
      allToAllSeconds(ctx, copyBytes * 8, 8, 1),
    );
  });
});
