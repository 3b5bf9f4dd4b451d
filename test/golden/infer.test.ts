/** Golden: `chipmix infer estimate --json` for one dense model and one MoE. */
import { describe, expect, it } from 'vitest';
import { run } from '../support/run-cli';
import { expectGolden } from './golden';

const common = ['--input-len', '2048', '--output-len', '512', '--tpot-ms', '50', '--json'];

describe('golden: infer estimate --json', () => {
  it('dense: Llama 3 70B on 8 H20', async () => {
    const r = await run(
      'infer',
      'estimate',
      '--model',
      'llama3-70b',
      '--hardware',
      'nvidia-h20',
      '--devices',
      '8',
      ...common,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expectGolden('infer-llama3-70b-h20x8.json', r.out);
  });

  it('MoE: DeepSeek-V3 in FP8 on 16 H20', async () => {
    const r = await run(
      'infer',
      'estimate',
      '--model',
      'deepseek-v3',
      '--hardware',
      'nvidia-h20',
      '--devices',
      '16',
      '--precision',
      'fp8',
      ...common,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expectGolden('infer-deepseek-v3-fp8-h20x16.json', r.out);
  });
});
