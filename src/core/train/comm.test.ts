import { describe, expect, it } from 'vitest';
import { ringSeconds } from './comm';

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
