/** `chipmix train` and `chipmix validate` end to end (in-process): JSON shapes, searched fields, bad input. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './support/run-cli';
import { VALIDATION_DIR } from './support/shared-dir';

const base = [
  '--hardware',
  'nvidia-dgx-h100',
  '--devices',
  '64',
  '--seq-len',
  '8192',
  '--global-batch',
  '128',
];

describe('chipmix train estimate', () => {
  it('prints one JSON document with the documented fields', async () => {
    const r = await run('train', 'estimate', '--model', 'llama3-70b', ...base, '--tokens', '1T', '--json');
    expect(r.code).toBe(0);
    const e = JSON.parse(r.out);
    for (const key of [
      'fits',
      'stepSeconds',
      'tokensPerSecondPerDevice',
      'modelTflopsPerDevice',
      'mfu',
      'memoryPerDeviceGB',
      'breakdown',
      'errorBand',
      'warnings',
    ]) {
      expect(e).toHaveProperty(key);
    }
    expect(e.fits).toBe(true);
    expect(e.daysToTrain).toBeGreaterThan(0);
    expect(e.layout.tp * e.layout.pp * e.layout.cp * e.layout.dp).toBe(64);
  });
  it('keeps the given fields and searches the rest', async () => {
    const r = await run(
      'train',
      'estimate',
      '--model',
      'llama3-70b',
      ...base,
      '--tp',
      '4',
      '--pp',
      '4',
      '--json',
    );
    const e = JSON.parse(r.out);
    expect([e.layout.tp, e.layout.pp]).toEqual([4, 4]);
  });
  it('accepts a Hugging Face config.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipmix-train-'));
    const path = join(dir, 'config.json');
    writeFileSync(
      path,
      JSON.stringify({
        architectures: ['LlamaForCausalLM'],
        model_type: 'llama',
        hidden_size: 4096,
        intermediate_size: 14336,
        num_hidden_layers: 32,
        num_attention_heads: 32,
        num_key_value_heads: 8,
        vocab_size: 128256,
        tie_word_embeddings: false,
      }),
    );
    const r = await run('train', 'estimate', '--model', path, ...base, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).tokensPerSecondPerDevice).toBeGreaterThan(1000);
  });
  it.each([
    [['--tp', '3'], 'tp=3 does not divide heads=64'],
    [['--pp', '100'], 'pp=100 is larger than layers=80'],
    [
      ['--global-batch', '100', '--dp', '64', '--tp', '1', '--pp', '1', '--mbs', '1'],
      'global batch=100 is not divisible',
    ],
  ])('bad layout %j is one line and exit code 2', async (extra, message) => {
    const r = await run('train', 'estimate', '--model', 'llama3-70b', ...base, ...extra);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toContain('    at ');
  });
  it('an unknown model or hardware suggests close names', async () => {
    const model = await run('train', 'estimate', '--model', 'llama3-7b', ...base);
    expect(model.code).toBe(2);
    expect(model.err).toContain('did you mean');
    const hw = await run(
      'train',
      'estimate',
      '--model',
      'llama3-8b',
      ...base.map((a) => (a === 'nvidia-dgx-h100' ? 'nvidia-h100' : a)),
    );
    expect(hw.code).toBe(2);
    expect(hw.err).toContain('nvidia-h100-sxm5-80gb');
  });
});

describe('chipmix train estimate: asked-for settings are kept or refused, never dropped', () => {
  it('DualPipe on a pipeline it cannot run is refused; without a pp it is searched on even ones', async () => {
    for (const stated of [
      ['--pp', '1'],
      ['--pp', '3'],
      ['--pp', '4', '--vp', '2'],
    ]) {
      const r = await run(
        'train',
        'estimate',
        '--model',
        'llama3-8b',
        ...base,
        '--schedule',
        'dualpipe',
        ...stated,
      );
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^chipmix: --schedule: dualpipe needs an even pp >= 2 and vp=1/);
    }
    const searched = await run(
      'train',
      'estimate',
      '--model',
      'llama3-8b',
      ...base,
      '--schedule',
      'dualpipe',
      '--json',
    );
    expect(searched.code).toBe(0);
    const layout = JSON.parse(searched.out).layout;
    expect(layout.schedule).toBe('dualpipe');
    expect(layout.pp % 2).toBe(0);
  });
  it('a micro-batch that cannot divide the global batch names --mbs and the rule', async () => {
    const r = await run('train', 'estimate', '--model', 'llama3-8b', ...base, '--mbs', '1000');
    expect(r.code).toBe(2);
    expect(r.err).toBe('chipmix: --mbs: mbs=1000 does not divide the global batch of 128 sequences\n');
  });
  it('a search where nothing fits says so instead of printing an empty table', async () => {
    const r = await run(
      'train',
      'search',
      '--model',
      'llama3.1-405b',
      ...base.map((a) => (a === '64' ? '8' : a)),
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^no layout fits: /);
    expect(r.out).toMatch(/layouts, 0 fit,/);
  });
  it('one message per flag, and a global batch in tokens takes a suffix as --tokens does', async () => {
    const huge = await run(
      'train',
      'estimate',
      '--model',
      'llama3-8b',
      ...base.map((a) => (a === '64' ? '1e30' : a)),
    );
    expect(huge.err).toBe('chipmix: --devices: expected at most 1,000,000, got "1e30"\n');
    // 1M tokens of 1,000-token sequences: a global batch of 1,000
    const thousand = ['--hardware', 'nvidia-dgx-h100', '--devices', '64', '--seq-len', '1000'];
    const tokens = await run(
      'train',
      'estimate',
      '--model',
      'llama3-8b',
      ...thousand,
      '--global-batch-tokens',
      '1M',
      '--json',
    );
    expect(tokens.code).toBe(0);
    expect(JSON.parse(tokens.out).microBatches).toBeGreaterThan(0);
  });
  it('a global batch given both in sequences and in tokens is refused', async () => {
    const r = await run(
      'train',
      'estimate',
      '--model',
      'llama3-8b',
      ...base,
      '--global-batch-tokens',
      '2097152',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      '--global-batch-tokens: give the global batch in sequences or in tokens, not both',
    );
  });
});

describe('chipmix validate', () => {
  it('a runs file with a header and no rows says so', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'chipmix-runs-')), 'header-only.csv');
    writeFileSync(file, 'id,chip_id,accel_count\n');
    const r = await run('validate', '--runs', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no runs: the file has a header and no rows/);
  });
});

describe('chipmix train search', () => {
  it('prints the top layouts with evaluated, feasible and elapsedSeconds', async () => {
    const r = await run('train', 'search', '--model', 'llama3-70b', ...base, '--top', '3', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.top).toHaveLength(3);
    expect(s.evaluated).toBeGreaterThan(s.feasible);
    expect(s.elapsedSeconds).toBeGreaterThanOrEqual(0);
    expect(s.top[0].stepSeconds).toBeLessThanOrEqual(s.top[2].stepSeconds);
  });
});

const VALIDATE = 'chipmix validate (skipped when ../shared/validation is absent)';
describe.skipIf(VALIDATION_DIR === '')(VALIDATE, () => {
  it('reports every row and the errors per hardware family', async () => {
    const r = await run('validate', '--runs', `${VALIDATION_DIR}/training_runs.csv`, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.rows).toHaveLength(138);
    const ok = report.rows.find((row: { status: string }) => row.status === 'ok');
    expect(ok.predicted).toHaveProperty('tokensPerSecondPerDevice');
    expect(ok.predicted).toHaveProperty('mfu');
    expect(report.byFamily['huawei-ascend-910'].rows).toBeGreaterThan(20);
    const skipped = report.rows.filter((row: { status: string }) => row.status === 'skipped');
    for (const row of skipped) expect(row.reason.length).toBeGreaterThan(5);
  });
  it('reads any file of the format: extra columns are ignored, bad cells make a row skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipmix-validate-'));
    const path = join(dir, 'runs.csv');
    writeFileSync(
      path,
      [
        'id,chip_id,scaleup_domain,accel_count,model,layers,hidden,ffn_hidden,heads,kv_heads,vocab,seq_len,precision,tp,pp,gbs_seqs,meas_tokens_per_s_per_device,extra',
        'A,nvidia-h100-sxm5-80gb,8,8,Llama-3-8B,32,4096,14336,32,8,128256,8192,BF16,1,1,128,9000,whatever',
        'B,nvidia-h100-sxm5-80gb,8,8,Llama-3-8B,thirty,4096,14336,32,8,128256,8192,FP8-CS,1,1,128,9000,',
      ].join('\n'),
    );
    const r = await run('validate', '--runs', path, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.rows.map((row: { status: string }) => row.status)).toEqual(['ok', 'skipped']);
    expect(report.rows[1].reason).toContain('layers');
  });
  it('refuses a file that repeats an id or has no row it can predict; notes a batch stated two ways that disagree', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipmix-validate-'));
    const header =
      'id,chip_id,scaleup_domain,accel_count,model,layers,hidden,ffn_hidden,heads,kv_heads,vocab,seq_len,precision,tp,pp,gbs_seqs,gbs_tokens,meas_tokens_per_s_per_device';
    const row = (id: string, devices: string, tokens = '') =>
      `${id},nvidia-h100-sxm5-80gb,8,${devices},Llama-3-8B,32,4096,14336,32,8,128256,8192,BF16,1,1,128,${tokens},9000`;
    const file = (name: string, ...rows: string[]) => {
      const path = join(dir, `${name}.csv`);
      writeFileSync(path, [header, ...rows].join('\n'));
      return path;
    };
    const dup = await run('validate', '--runs', file('dup', row('A', '8'), row('A', '8')));
    expect(dup.code).toBe(2);
    expect(dup.err.trim()).toBe('chipmix: dup: line 3: id A repeats line 2');
    const none = await run('validate', '--runs', file('none', row('A', '-256')));
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^chipmix: --runs: no row could be predicted \(A: accel_count: /);
    const mismatch = await run('validate', '--runs', file('mismatch', row('A', '8', '999')), '--json');
    expect(mismatch.code).toBe(0);
    expect(JSON.parse(mismatch.out).rows[0].notes).toContain(
      'gbs_tokens 999 is not gbs_seqs x seq_len = 1048576; gbs_seqs used',
    );
  });
});
