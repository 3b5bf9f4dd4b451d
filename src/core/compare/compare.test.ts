import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../catalog/load';
import { bandOf, compareSystems, instanceSizes, verdictOf } from './compare';
import { compareRequestSchema, compareResponseSchema } from './request';
import { budgetOf, countsToTry } from './sizing';

const catalog = loadBuiltinCatalog();
const llama = {
  kind: 'train',
  model: 'llama3-70b',
  hardware: 'nvidia-dgx-h100,huawei-ascend-910c',
  devices: 1024,
  seqLen: 8192,
  globalBatch: 1024,
  tokens: '15T',
} as const;

function run(body: Record<string, unknown>) {
  const r = compareSystems(catalog, compareRequestSchema.parse(body));
  if (!r.ok) throw new Error(r.issues[0]!.message);
  return r.value;
}

describe('verdicts', () => {
  it('is within-error exactly when the bands overlap', () => {
    const ref = { low: 80, high: 120 };
    expect(verdictOf(150, { low: 119, high: 200 }, 100, ref)).toBe('within-error');
    expect(verdictOf(150, { low: 121, high: 200 }, 100, ref)).toBe('faster');
    expect(verdictOf(50, { low: 30, high: 79 }, 100, ref)).toBe('slower');
    expect(verdictOf(50, { low: 30, high: 80 }, 100, ref)).toBe('within-error');
  });
  it('bands follow the engine: x/(1+r) .. x/(1-r), the top capped at 10x', () => {
    expect(bandOf(100, 0.25)).toEqual({ low: 80, high: 100 / 0.75 });
    expect(bandOf(100, 0.95).high).toBeCloseTo(1000);
  });
});

describe('ids', () => {
  it('takes ids in any case and keeps every system, the reference included (it dropped NVIDIA-DGX-H100 silently)', () => {
    const out = run({ ...llama, hardware: 'NVIDIA-DGX-H100,Huawei-Ascend-910C' });
    expect(out.rows.map((r) => r.hardware)).toEqual(['nvidia-dgx-h100', 'huawei-ascend-910c']);
    expect(out.rows).toEqual(run(llama).rows);
  });
  it('says one thing about a number past its bound (1e20 also failed the integer check, in a second line)', () => {
    const r = compareRequestSchema.safeParse({ ...llama, globalBatch: 1e20 });
    expect(r.error?.issues.map((i) => i.message)).toEqual([
      'expected a global batch in sequences of at most 100000000',
    ]);
  });
  it('refuses the same system twice whatever the case', () => {
    expect(compareRequestSchema.safeParse({ ...llama, hardware: 'nvidia-h20,NVIDIA-H20' }).success).toBe(
      false,
    );
  });
});

describe('serving instances', () => {
  it('tries the divisors of the count on the grid, and the whole count, largest first', () => {
    expect(instanceSizes(72)).toEqual([72, 24, 12, 8, 6, 4, 3, 2, 1]);
    expect(instanceSizes(384)).toEqual([384, 192, 128, 96, 64, 48, 32, 24, 16, 12, 8, 6, 4, 3, 2, 1]);
    for (const n of [7, 160, 1024]) for (const d of instanceSizes(n)) expect(n % d).toBe(0);
  });
});

describe('sizing', () => {
  const h100 = { unitDevices: 8, powerWPerDevice: 1275, priceUsdPerDevice: 33_625 };
  const cm = { unitDevices: 384, powerWPerDevice: 1455.7, priceUsdPerDevice: 20_833 };
  it('gives the first system its own count under its own budget', () => {
    const budget = budgetOf(h100, 1024);
    expect(countsToTry('power', budget, h100)[0]).toBe(1024);
    expect(countsToTry('capex', budget, h100)[0]).toBe(1024);
  });
  it('never exceeds the power or capex budget, and tries the largest count first', () => {
    const budget = budgetOf(h100, 1024);
    const counts = countsToTry('power', budget, cm);
    expect(counts.length).toBeGreaterThan(1);
    expect(counts[0]! * cm.powerWPerDevice).toBeLessThanOrEqual(budget.powerW!);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
  });
  it('whole systems: one CloudMatrix 384 against one NVL72', () => {
    const nvl = { unitDevices: 72, powerWPerDevice: 2014, priceUsdPerDevice: 43_056 };
    expect(countsToTry('systems', budgetOf(nvl, 72), cm)).toEqual([384]);
  });
  it('cannot size a system without the number the basis needs', () => {
    expect(countsToTry('capex', budgetOf(h100, 8), { ...cm, priceUsdPerDevice: null })).toEqual([]);
  });
});

describe('compareSystems', () => {
  it('answers with the response contract, the first row as reference', () => {
    const out = run(llama);
    expect(compareResponseSchema.parse(out)).toBeTruthy();
    expect(out.rows.map((r) => r.hardware)).toEqual(['nvidia-dgx-h100', 'huawei-ascend-910c']);
    expect(out.rows[0]!.relativeToFirst).toBeNull();
    const [ref, other] = out.rows as [(typeof out.rows)[0], (typeof out.rows)[0]];
    const rel = other.relativeToFirst!;
    expect(rel.ratio).toBeCloseTo(other.tokensPerSecond / ref.tokensPerSecond, 10);
    expect(rel.low).toBeLessThan(rel.ratio);
    expect(rel.high).toBeGreaterThan(rel.ratio);
    // The verdict is the band test on totals, not a threshold on the ratio.
    const overlap = rel.low <= 1 && rel.high >= 1;
    expect(rel.verdict === 'within-error').toBe(overlap);
  });

  it('grades a power figure estimated from the chip TDP as derived, not as the TDP is graded', () => {
    // the Atlas 800T A2 has no system power in the catalog: its power is its chips' TDP x 1.5
    const rows = run({ ...llama, hardware: 'nvidia-dgx-h100,huawei-atlas-800t-a2' }).rows;
    expect(rows[1]!.confidence.power).toBe('derived');
    expect(rows[0]!.confidence.power).toBe('official'); // the DGX H100's own system power
    // arithmetic does not launder a rumour: an estimate on a rumoured TDP stays a rumour
    const rumoured = run({ ...llama, hardware: 'nvidia-dgx-h100,cambricon-mlu590' }).rows[1]!;
    expect(rumoured.confidence.power).toBe('rumour');
  });
  it('refuses an engine that one of the systems cannot run', () => {
    const r = compareSystems(
      catalog,
      compareRequestSchema.parse({
        kind: 'infer',
        model: 'llama3-70b',
        hardware: 'nvidia-h20,huawei-atlas-800t-a2',
        devices: 8,
        inputLen: 2048,
        outputLen: 512,
        engine: 'vllm-ascend',
      }),
    );
    expect(r.ok).toBe(false);
    expect(r.issues?.[0]).toMatchObject({
      path: 'engine',
      message: expect.stringContaining('nvidia-h20 is a CUDA part'),
    });
  });
  it('normalises consistently: per kW, per $M, per system, per rack, days', () => {
    const out = run(llama);
    for (const r of out.rows) {
      expect(r.tokensPerSecond).toBeCloseTo(r.tokensPerSecondPerDevice * r.devices, 6);
      if (r.powerKW !== null) expect(r.tokensPerSecondPerKW! * r.powerKW).toBeCloseTo(r.tokensPerSecond, 3);
      if (r.capexUsd !== null)
        expect((r.tokensPerSecondPerMillionUsd! * r.capexUsd) / 1e6).toBeCloseTo(r.tokensPerSecond, 3);
      expect(r.daysToTrain).toBeCloseTo(15e12 / r.tokensPerSecond / 86400, 6);
      expect(r.band.low).toBeLessThan(r.tokensPerSecondPerDevice);
    }
    const cm = out.rows.find((r) => r.hardware === 'huawei-ascend-910c')!;
    // A CloudMatrix 384 fills 16 racks (catalog); an HGX/DGX rack count is not in the catalog.
    expect(cm.racks).toBeCloseTo((1024 / 384) * 16, 6);
    expect(out.rows[0]!.tokensPerSecondPerRack).toBeNull();
  });

  it('at equal power the others stay within the first system all-in power', () => {
    const out = run({ ...llama, equal: 'power' });
    const budget = out.budget.powerKW!;
    expect(out.rows[0]!.powerKW).toBeCloseTo(budget, 6);
    for (const r of out.rows) expect(r.powerKW!).toBeLessThanOrEqual(budget + 1e-6);
    expect(out.rows[1]!.devices).not.toBe(1024);
  });

  it('compares whole systems for serving, with latencies and the p90 band', () => {
    const out = run({
      kind: 'infer',
      model: 'deepseek-v3',
      hardware: ['nvidia-gb200-nvl72', 'huawei-cloudmatrix-384'],
      devices: 72,
      equal: 'systems',
      inputLen: 2048,
      outputLen: 512,
      tpotMs: 50,
      precision: 'int8',
      engine: 'sglang',
    });
    expect(out.rows.map((r) => r.devices)).toEqual([72, 384]);
    // With SGLang's DP-attention, instances of 256 dies hold one of DeepSeek-V3's 256 routed experts per die (EP 256):
    // one instance over all 768 dies would only replicate experts (a die cannot hold a third of one)
    expect(out.rows[1]!.layout).toMatch(/^3 x \(tp\d+ dp256 ep256\) on 128 devices/);
    for (const r of out.rows) {
      expect(r.systems).toBe(1);
      expect(r.tpotMs!).toBeLessThanOrEqual(50);
      expect(r.racks).not.toBeNull();
    }
  });

  it('serves as replicas of a smaller instance where that is faster per device (vLLM, TPOT 50 ms)', () => {
    const out = run({
      kind: 'infer',
      model: 'deepseek-v3',
      hardware: ['huawei-cloudmatrix-384'],
      devices: 384,
      inputLen: 4096,
      outputLen: 1024,
      tpotMs: 50,
      precision: 'int8',
    });
    const row = out.rows[0]!;
    const m = /^(\d+) x \(tp\d+ dp\d+ ep\d+\) on (\d+) devices/.exec(row.layout);
    expect(m).not.toBeNull();
    expect(Number(m![1]) * Number(m![2])).toBe(384);
    expect(row.tpotMs!).toBeLessThanOrEqual(50);
  });

  it('names the field of a bad request', () => {
    expect(compareRequestSchema.safeParse({ ...llama, hardware: 'a,a' }).success).toBe(false);
    const r = compareSystems(
      catalog,
      compareRequestSchema.parse({ ...llama, hardware: 'nvidia-dgx-h100,nope' }),
    );
    expect(r.ok).toBe(false);
    expect(r.issues![0]!.path).toBe('hardware[1]');
  });

  it('lists a system the engine cannot lay out instead of failing the comparison', () => {
    const out = run({
      ...llama,
      devices: 16,
      hardware: 'nvidia-hgx-h200,huawei-ascend-910b4',
      tokens: undefined,
    });
    expect(out.rows.map((r) => r.hardware)).toEqual(['nvidia-hgx-h200']);
    expect(out.failed.map((f) => f.hardware)).toEqual(['huawei-ascend-910b4']);
    expect(out.failed[0]!.reason).toMatch(/fits/);
  });

  it('fails with one line when the reference itself has no estimate', () => {
    const r = compareSystems(
      catalog,
      compareRequestSchema.parse({ ...llama, devices: 8, hardware: 'huawei-ascend-910b4,nvidia-hgx-h200' }),
    );
    expect(r.ok).toBe(false);
    expect(r.issues![0]!.message).toMatch(/reference huawei-ascend-910b4/);
  });
});

describe('chips the catalog cannot cost', () => {
  // hygon-k100: no HBM bandwidth published; kunlunxin-p800: no bf16/fp16 peak
  it('are listed as failed with the missing fact, never a 0 tokens/s row or a thrown error', () => {
    const r = run({
      kind: 'infer',
      model: 'llama3-8b',
      hardware: 'nvidia-hgx-h20,hygon-k100,kunlunxin-p800',
      devices: 8,
      inputLen: 1024,
      outputLen: 256,
    });
    expect(r.rows.map((row) => row.hardware)).toEqual(['nvidia-hgx-h20']);
    expect(r.failed.map((f) => f.reason)).toEqual([
      'hygon-k100 lacks HBM capacity or bandwidth in the catalog',
      'kunlunxin-p800 has no bf16/fp16 peak in the catalog',
    ]);
  });
});
