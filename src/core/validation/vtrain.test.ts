import { describe, expect, it } from 'vitest';
import { countParameters } from '../model/params';
import { readCsvTable } from './csv';
import { vtrainRunFromRow } from './vtrain';

const MULTI = `\uFEFFParameters (billion),# GPUs,global batch,micro batch,hidden size,attention heads,# layers,sequence length,tensor parallelism,data parallelism,pipeline parallelism,iteration time (ms)\r
175,512,1536,4,12288,96,96,2048,8,2,32,59147.5\r
3.6,64,512,8,3072,32,30,2048,1,64,1,3566.5\r
3.6,64,512,8,3072,32,30,2048,1,32,1,3566.5\r
3.6,64,512,,3072,32,30,2048,1,64,1,3566.5\r
`;

const results = (() => {
  const r = readCsvTable(MULTI);
  if (!r.ok) throw new Error('fixture');
  return r.value.map((row) => vtrainRunFromRow(row.values, row.line, 'multi'));
})();

describe('vtrainRunFromRow', () => {
  it('reads a multi-node GPT-3 175B row', () => {
    const r = results[0]!;
    if (r.status !== 'ok') throw new Error(r.reason);
    expect(r.run).toMatchObject({
      id: 'vtrain-multi-2',
      chipId: 'nvidia-a100-sxm4-80gb',
      scaleUpDomain: 8,
      // vTrain's validation configs: 800 Gb/s per 8-GPU node
      scaleOutBandwidthGBps: 12.5,
      devices: 512,
      family: 'gpt',
    });
    expect(r.run.setup).toEqual({ seqLen: 2048, globalBatchSeqs: 1536, precision: 'bf16' });
    expect(r.run.layout).toMatchObject({ tp: 8, pp: 32, dp: 2, mbs: 4, recompute: 'full', vp: 1 });
    expect(r.run.measured.stepSeconds).toBeCloseTo(59.1475, 6);
    expect(r.run.model).toMatchObject({
      vocab: 50257,
      ffnHidden: 49152,
      gatedMlp: false,
      heads: 96,
      kvHeads: 96,
      headDim: 128,
      name: 'GPT-175B',
    });
    expect(Math.abs(countParameters(r.run.model).totalParams / 175e9 - 1)).toBeLessThan(0.01);
  });

  it('reads the 3.6B model to within the rounding of its stated size', () => {
    const r = results[1]!;
    if (r.status !== 'ok') throw new Error(r.reason);
    // "3.6" has two digits: anything in [3.55, 3.65) billion rounds to it (ours: 3.64B).
    const billions = countParameters(r.run.model).totalParams / 1e9;
    expect(billions).toBeGreaterThanOrEqual(3.55);
    expect(billions).toBeLessThan(3.65);
  });

  it('skips inconsistent or incomplete rows', () => {
    expect(results[2]).toMatchObject({ status: 'skipped', reason: 'tp*pp*dp = 32 but # GPUs = 64' });
    expect(results[3]).toMatchObject({ status: 'skipped', reason: 'micro batch is missing' });
  });

  it('accepts single-node rows without a parameter column, keys with a stray BOM', () => {
    const r = vtrainRunFromRow(
      {
        '\uFEFF# GPUs': '8',
        'global batch': '32',
        'micro batch': '4',
        'hidden size': '1024',
        'attention heads': '16',
        '# layers': '24',
        'sequence length': '1024',
        'tensor parallelism': '2',
        'data parallelism': '2',
        'pipeline parallelism': '2',
        'iteration time (ms)': '219.732754',
      },
      3,
      'single',
    );
    expect(r.status === 'ok' && r.run.model.name).toBe('GPT-h1024-l24');
    expect(r.status === 'ok' && r.run.measured.stepSeconds).toBeCloseTo(0.219732754, 9);
  });
});
