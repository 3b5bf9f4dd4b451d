import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from './support/run-cli';

afterEach(() => vi.restoreAllMocks());

const serving = [
  '--model',
  'deepseek-v3',
  '--hardware',
  'huawei-cloudmatrix-384',
  '--devices',
  '160',
  '--input-len',
  '4096',
  '--output-len',
  '256',
  '--precision',
  'int8',
  '--mtp-accept',
  '0.7',
];

describe('chipmix infer', () => {
  it('estimate --json has the documented fields and says what a device is', async () => {
    const { code, out } = await run('infer', 'estimate', ...serving, '--tpot-ms', '50', '--json');
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    for (const key of [
      'prefillTokensPerSecondPerDevice',
      'decodeTokensPerSecondPerDevice',
      'outputTokensPerSecondPerDevice',
      'batchPerDevice',
      'ttftMs',
      'tpotMs',
      'memoryPerDeviceGB',
      'errorBand',
      'warnings',
    ]) {
      expect(doc, key).toHaveProperty(key);
    }
    expect(doc.tpotMs).toBeLessThanOrEqual(50);
    expect(doc.deviceUnit).toMatch(/package \(2 dies, each its own device to the software/);
    expect(doc.errorBand.calibrated).toBe(true);
    // Which engine profile and which band basis were used.
    expect(doc.engine).toEqual({ id: 'vllm-ascend', name: expect.any(String), source: 'family default' });
    expect(doc.errorBand.basis).toBe('leave-one-source-out');
    expect(doc.errorBand.low).toBeLessThan(doc.outputTokensPerSecondPerDevice);
    expect(doc.errorBand.high).toBeGreaterThan(doc.outputTokensPerSecondPerDevice);
  });

  it('--engine picks the profile: memory rule, schedule and the name in the output', async () => {
    const dense = ['--model', 'llama3-8b', '--hardware', 'nvidia-h100-sxm5-80gb', '--devices', '1'];
    const lens = ['--input-len', '1000', '--output-len', '1000', '--precision', 'fp8', '--kv-cache', 'fp8'];
    const trt = JSON.parse(
      (await run('infer', 'estimate', ...dense, ...lens, '--engine', 'trtllm', '--json')).out,
    );
    const sgl = JSON.parse(
      (await run('infer', 'estimate', ...dense, ...lens, '--engine', 'sglang', '--json')).out,
    );
    expect(trt.engine.id).toBe('trtllm');
    expect(trt.engine.source).toBe('asked');
    expect(trt.schedule).toBe('mixed');
    expect(sgl.schedule).toBe('alternating');
    expect(trt.memory.kvBudgetGB).not.toBeCloseTo(sgl.memory.kvBudgetGB, 1);
    // MindIE runs on Ascend parts only (an engine tied to another stack is refused: below)
    const onAscend = dense.map((a) => (a === 'nvidia-h100-sxm5-80gb' ? 'huawei-ascend-910b' : a));
    // Ascend has no FP8 type: W8A8 with an int8 cache
    const ascendLens = lens.map((a) => (a === 'fp8' ? 'int8' : a));
    const text = await run('infer', 'estimate', ...onAscend, ...ascendLens, '--engine', 'mindie');
    expect(text.out).toMatch(/engine MindIE/);
    expect(text.out).toMatch(/error band/);
    const bad = await run('infer', 'estimate', ...dense, ...lens, '--engine', 'tgi');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--engine: expected one of/);
  });

  it('validate reads extra model configs for a runs file', async () => {
    const { code, out } = await run(
      'infer',
      'validate',
      '--runs',
      'test/fixtures/infer-judge.csv',
      '--models',
      'test/fixtures/infer/models',
    );
    expect(code).toBe(0);
    expect(out).toMatch(/skipped 0 rows/);
    expect(out).toMatch(/GPUSTACK-QWEN3-8B-910B-MINDIE/);
  });

  it('estimate with a fixed layout and batch prints text', async () => {
    const { code, out } = await run(
      'infer',
      'estimate',
      ...serving,
      '--tp',
      '1',
      '--ep',
      '320',
      '--batch',
      '96',
    );
    expect(code).toBe(0);
    expect(out).toMatch(/output tokens\/s per device/);
    expect(out).toMatch(/TP1 x DP320, EP320 \(in dies\)/);
  });

  it('search ranks layouts', async () => {
    const { code, out } = await run('infer', 'search', ...serving, '--top', '3', '--json');
    expect(code).toBe(0);
    const ranked = JSON.parse(out);
    expect(ranked).toHaveLength(3);
    expect(ranked[0].outputTokensPerSecondPerDevice).toBeGreaterThanOrEqual(
      ranked[1].outputTokensPerSecondPerDevice,
    );
  });

  it('a chip the catalog gives no memory or peak figures is refused in one line, not served at 0 tokens/s', async () => {
    const args = ['--model', 'llama3-8b', '--devices', '1', '--input-len', '1024', '--output-len', '1024'];
    const noMemory = await run('infer', 'estimate', ...args, '--hardware', 'hygon-k100');
    expect(noMemory.code).toBe(2);
    expect(noMemory.err.trim()).toBe(
      'chipmix: --hardware: hygon-k100 lacks HBM capacity or bandwidth in the catalog',
    );
    const noPeak = await run('infer', 'estimate', ...args, '--hardware', 'kunlunxin-p800');
    expect(noPeak.code).toBe(2);
    expect(noPeak.err).toMatch(/kunlunxin-p800 has no bf16\/fp16 peak in the catalog/);
    // every engine splits the attention heads over TP
    const heads = await run(
      'infer',
      'estimate',
      ...args.slice(2),
      '--model',
      'llama3-70b',
      '--hardware',
      'nvidia-h100-sxm5-80gb',
      '--devices',
      '6',
      '--tp',
      '6',
    );
    expect(heads.code).toBe(2);
    expect(heads.err).toMatch(/--tp: TP 6 does not divide the 64 attention heads of llama3-70b/);
  });

  it('a prompt longer than the step budget is served at the rate its prompt gets in, not refused over a TPOT nobody set', async () => {
    const long = await run(
      'infer',
      'estimate',
      '--model',
      'llama3-8b',
      '--hardware',
      'nvidia-h100-sxm5-80gb',
      '--devices',
      '1',
      '--input-len',
      '200000',
      '--output-len',
      '10',
    );
    expect(long.code).toBe(0);
    expect(long.out).not.toMatch(/NOT USABLE|TPOT target/);
    expect(long.out).toMatch(/warning: batch 1 per device cannot be kept fed/);
  });

  it('--micro-batch-overlap is the overlap the calibration rows use: said in the output, and it hides communication', async () => {
    const fixed = [...serving, '--tp', '1', '--ep', '320', '--batch', '96', '--json'];
    const off = JSON.parse((await run('infer', 'estimate', ...fixed)).out);
    const on = JSON.parse((await run('infer', 'estimate', ...fixed, '--micro-batch-overlap')).out);
    expect(off.microBatchOverlap).toBe(false);
    expect(on.microBatchOverlap).toBe(true);
    expect(on.decode.seconds).toBeLessThan(off.decode.seconds);
  });

  it('warns where an option or a length cannot apply to the model', async () => {
    const { code, out } = await run(
      'infer',
      'estimate',
      ...['--model', 'llama2-7b', '--hardware', 'nvidia-h100-sxm5-80gb', '--devices', '1'],
      ...['--input-len', '32000', '--output-len', '1000', '--expert-precision', 'fp4', '--mtp-accept', '0.7'],
    );
    expect(code).toBe(0);
    expect(out).toContain("exceed the model's 4096-token context window");
    expect(out).toContain('llama2-7b is dense: the expert precision (fp4) applies to nothing');
    expect(out).toContain('llama2-7b has no MTP layers');
  });

  it('refuses an FP8 KV cache on Ascend, which has no FP8 type (it was accepted and labelled 8-bit)', async () => {
    const r = await run(
      'infer',
      'estimate',
      ...['--model', 'llama3-8b', '--hardware', 'huawei-ascend-910b', '--devices', '1'],
      ...['--input-len', '1000', '--output-len', '100', '--kv-cache', 'fp8'],
    );
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'chipmix: --kv-cache: huawei-ascend-910b has no FP8 type: Ascend engines (vLLM-Ascend, MindIE) keep an 8-bit KV cache as int8; use int8\n',
    );
  });

  it('bad input is one line and exit 2', async () => {
    const bad = await run('infer', 'estimate', ...serving, '--tp', '3');
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(/--tp: TP 3 does not divide 320 devices/);
    const precision = await run('infer', 'estimate', ...serving, '--precision', 'fp12');
    expect(precision.code).toBe(2);
    expect(precision.err).toMatch(/--precision: expected one of/);
    // draft tokens without an acceptance rate would count every draft as rejected
    const withoutAccept = serving.filter((a, i) => a !== '--mtp-accept' && serving[i - 1] !== '--mtp-accept');
    const mtp = await run('infer', 'estimate', ...withoutAccept, '--mtp-tokens', '3');
    expect(mtp.code).toBe(2);
    expect(mtp.err).toMatch(/^chipmix: --mtp-accept: mtpTokens needs mtpAccept/);
  });

  const onEightH20 = [
    '--hardware',
    'nvidia-h20',
    '--devices',
    '8',
    '--input-len',
    '2048',
    '--output-len',
    '512',
  ];

  it('an engine tied to another stack is refused', async () => {
    const r = await run('infer', 'estimate', '--model', 'llama3-70b', ...onEightH20, '--engine', 'mindie');
    expect(r.code).toBe(2);
    expect(r.err).toBe('chipmix: --engine: MindIE (Ascend) runs on CANN only; nvidia-h20 is a CUDA part\n');
  });

  it('when no layout serves the request, says so and shows the one nearest to fitting', async () => {
    const r = await run('infer', 'estimate', '--model', 'llama3.1-405b', ...onEightH20);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no searched layout serves this request/);
    expect(r.out).toMatch(/^NOT USABLE AS ASKED: /m);
    // TP 8 holds an eighth of the weights: the nearest to fitting, not TP 1 (the fastest of the impossible ones)
    expect(r.out).toMatch(/^layout TP8 x DP1/m);
  });
});
