import { describe, expect, it } from 'vitest';
import { catalog, hardware, model } from '../../../test/fixtures/core/train';
import type { TrainingRunCase } from '../validation/types';
import { runHardware, validateRun } from './accuracy';

const run = (extra: Partial<TrainingRunCase>): TrainingRunCase => ({
  id: 'r',
  chipId: 'nvidia-a100-sxm4-80gb',
  scaleUpDomain: 8,
  devices: 64,
  framework: 'Megatron-DeepSpeed',
  model: model('llama3-8b'),
  setup: { seqLen: 4096, globalBatchSeqs: 64, precision: 'bf16' },
  layout: { tp: 8, pp: 1, dp: 8, cp: 1, mbs: 1, recompute: 'full' },
  measured: { stepSeconds: 10 },
  notes: [],
  ...extra,
});

describe('runHardware', () => {
  it("takes the source's own cluster over the catalog system where the source states it", () => {
    const dgx = hardware('nvidia-dgx-a100');
    expect(runHardware(dgx, run({}))).toMatchObject({
      scaleUpDomainSize: 8,
      scaleOutBandwidthGBps: dgx.scaleOutBandwidthGBps,
    });
    expect(runHardware(dgx, run({ scaleOutBandwidthGBps: 12.5, scaleUpDomain: 4 }))).toMatchObject({
      scaleUpDomainSize: 4,
      scaleOutBandwidthGBps: 12.5,
    });
  });
  it('a slower stated network makes a cross-node TP run slower in validate', () => {
    const tokens = (r: TrainingRunCase) => {
      const row = validateRun(catalog, r);
      if (row.status !== 'ok') throw new Error(row.reason);
      return row.predicted!.tokensPerSecondPerDevice;
    };
    // TP 8 over nodes of 4: half of each TP group's traffic crosses the stated network
    expect(tokens(run({ scaleUpDomain: 4, scaleOutBandwidthGBps: 12.5 }))).toBeLessThan(
      0.95 * tokens(run({ scaleUpDomain: 4 })),
    );
  });
});
