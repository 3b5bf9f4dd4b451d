import { describe, expect, it } from 'vitest';
import { countParameters } from '../model/params';
import { runLayout } from '../train/accuracy';
import { readCsvTable } from './csv';
import { frameworkOfRun } from './frameworks';
import {
  mapPrecision,
  mapRecompute,
  mapZero,
  parseMla,
  stagesFromNotes,
  statedFlashAttention,
  statedTraits,
} from './row-text';
import { trainingRunFromRow } from './training-runs';

// Rows in the shape of shared/validation/training_runs.csv (a subset of its columns, plus one extra column).
const CSV = `\uFEFFid,model,layers,hidden,ffn_hidden,heads,kv_heads,head_dim,vocab,seq_len,attention_type,moe_experts,moe_topk,moe_shared_experts,moe_expert_ffn,moe_dense_layers,precision,tp,pp,vpp,dp,cp,ep,sp,zero_fsdp,recompute,mbs,gbs_seqs,gbs_tokens,meas_tflops_per_device,meas_mfu_pct,meas_tokens_per_s_per_device,meas_step_time_s,accel_count,chip_id,scaleup_domain,framework,notes,extra
L3,LLAMA3_8B,32,4096,14336,32,8,128,128256,8192,GQA,,,,,,FP8-CS,1,1,,8,1,1,yes,"DDP (FSDP=0); distributed optimizer per recipe",,2,128,1048576,1622,,31508,,8,nvidia-h100-sxm5-80gb,8,Megatron-Bridge / NeMo 25.11 container,"Model TFLOP/s/GPU = model FLOPs, per recipe",ignored
DS,DeepSeekV3,61,7168,18432,128,,,129280,4096,"MLA (q_lora 1536, kv_lora 512, qk_nope 128, qk_rope 64, v 128)",256,8,1,2048,3,BF16,1,4,4,64,1,64,,,,1,,16777216,,,3139,,256,nvidia-gb200,72,Megatron-Bridge,,
G,GPT-39B,48,8192,,,,,,2048,MHA,,,,,,16-bit mixed precision,8,2,,32,,,no,,full activation recomputation (per paper),,1536,,138,,,,512,nvidia-a100-sxm4-80gb,8,Megatron-LM (2021),'uses the FLOP formula that counts the activation-recompute forward pass,
Q,Qwen1.5-MoE-A2.7B,24,2048,,16,16,128,151936,8192,MHA,60,4,1 shared expert of ffn 5632 (=4x1408),1408,0,bf16,1,2,,4,,,,,,1,512,,,32.95,,,8,nvidia-h100-sxm5-80gb,8,,,
F4,LLAMA3_8B,32,4096,14336,32,8,128,128256,8192,GQA,,,,,,NVFP4,1,1,,8,1,1,,,,1,128,,1000,,,,8,nvidia-b200,8,,,
NOCHIP,LLAMA3_8B,32,4096,14336,32,8,128,128256,8192,GQA,,,,,,bf16,1,1,,8,,,,,,1,128,,1000,,,,8,,8,,,
NOMEAS,LLAMA3_8B,32,4096,14336,32,8,128,128256,8192,GQA,,,,,,bf16,1,1,,8,,,,,,1,128,,,,,,8,nvidia-h100-sxm5-80gb,8,,,
NOARCH,GPT-style 175B,,,,,,,,,,,,,,,,,,,,,,,,,,,,,31.96,,,1024,amd-mi250x-gcd,8,,,
L405I,Llama 3.1 405B,126,16384,53248,128,8,128,128256,8192,GQA,,,,,,BF16,8,16,,64,1,,,,,,2048,16777216,430,,,,8192,nvidia-h100-sxm5-80gb,8,Meta internal (4D parallelism),"PP uses a tuned interleaved schedule with uneven first/last stages.",
M21,GPT-39B,48,8192,,64,,,51200,2048,MHA,,,,,,16-bit mixed precision,8,2,,32,,,no,,full activation recomputation (per paper),,1536,,138,,,,512,nvidia-a100-sxm4-80gb,8,Megatron-LM (2021),Interleaved schedule / microbatch not stated,
BADPROD,LLAMA3_8B,32,4096,14336,32,8,128,128256,8192,GQA,,,,,,bf16,2,1,,8,,,,,,1,128,,1000,,,,8,nvidia-h100-sxm5-80gb,8,,,
`;

const rows = (() => {
  const r = readCsvTable(CSV);
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return new Map(r.value.map((row) => [row.values.id!, trainingRunFromRow(row.values, row.line)]));
})();
const okRun = (id: string) => {
  const r = rows.get(id);
  if (r?.status !== 'ok') throw new Error(`${id}: ${r?.status === 'skipped' ? r.reason : 'absent'}`);
  return r.run;
};
/** The raw cells of one test row, to vary before reading them. */
const csvValues = (id: string): Record<string, string> => {
  const r = readCsvTable(CSV);
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return r.value.find((row) => row.values.id === id)!.values;
};
/** Reads varied cells as a run, failing the test if the row is skipped. */
const read = (values: Record<string, string>) => {
  const r = trainingRunFromRow(values, 3);
  if (r.status !== 'ok') throw new Error(r.reason);
  return r.run;
};
const skipReason = (id: string) => {
  const r = rows.get(id);
  if (r?.status !== 'skipped') throw new Error(`${id} was not skipped`);
  return r.reason;
};

describe('trainingRunFromRow', () => {
  it('reads a Megatron-Bridge Llama 3 row', () => {
    const run = okRun('L3');
    expect(run).toMatchObject({
      chipId: 'nvidia-h100-sxm5-80gb',
      scaleUpDomain: 8,
      devices: 8,
      family: 'llama',
      flopsConvention: 'causal-attention',
    });
    expect(run.setup).toEqual({ seqLen: 8192, globalBatchSeqs: 128, precision: 'fp8' });
    expect(run.layout).toEqual({
      tp: 1,
      pp: 1,
      dp: 8,
      cp: 1,
      ep: 1,
      mbs: 2,
      sequenceParallel: true,
      zero: 1,
    });
    expect(run.layout.recompute).toBeUndefined();
    expect(run.measured).toEqual({ modelTflopsPerDevice: 1622, tokensPerSecondPerDevice: 31508 });
    expect(run.model).toMatchObject({ gatedMlp: true, kvHeads: 8, tiedEmbeddings: false });
    expect(countParameters(run.model).totalParams).toBe(8_030_261_248);
  });

  it('reads MLA ranks and MoE columns, and gbs from gbs_tokens / seq_len', () => {
    const run = okRun('DS');
    expect(run.model.attention).toEqual({
      kind: 'mla',
      qLoraRank: 1536,
      kvLoraRank: 512,
      qkNopeHeadDim: 128,
      qkRopeHeadDim: 64,
      vHeadDim: 128,
    });
    expect(run.model.moe).toEqual({
      experts: 256,
      topK: 8,
      sharedExperts: 1,
      expertFfnHidden: 2048,
      sharedExpertFfnHidden: 2048,
      denseLayers: 3,
    });
    expect(run.setup.globalBatchSeqs).toBe(4096);
    expect(run.layout).toMatchObject({ pp: 4, vp: 4, ep: 64 });
    expect(run.layout.sequenceParallel).toBeUndefined();
    const params = countParameters(run.model);
    expect(Math.abs(params.totalParams / 671e9 - 1)).toBeLessThan(0.01);
  });

  it('infers the GPT-3-style architecture with notes, and reads the 2021 FLOP convention', () => {
    const run = okRun('G');
    expect(run.model).toMatchObject({
      ffnHidden: 32768,
      gatedMlp: false,
      heads: 64,
      vocab: 50257,
      tiedEmbeddings: true,
      positionEmbeddings: 2048,
    });
    expect(run.layout).toMatchObject({ recompute: 'full', sequenceParallel: false });
    expect(run.setup.precision).toBe('bf16');
    expect(run.flopsConvention).toBe('includes-recompute');
    expect(run.notes.some((n) => n.includes('head_dim 128'))).toBe(true);
    expect(run.notes.some((n) => n.includes('50257'))).toBe(true);
    expect(Math.abs(countParameters(run.model).totalParams / 39.1e9 - 1)).toBeLessThan(0.01);
  });

  it('reads a shared expert with its own width and MFU as a fraction', () => {
    const run = okRun('Q');
    expect(run.model.moe).toMatchObject({
      sharedExperts: 1,
      sharedExpertFfnHidden: 5632,
      expertFfnHidden: 1408,
    });
    expect(run.model.ffnHidden).toBe(1408);
    expect(run.measured.mfu).toBeCloseTo(0.3295, 6);
  });

  it('skips rows it cannot model, with a reason', () => {
    expect(skipReason('F4')).toMatch(/NVFP4/);
    expect(skipReason('NOCHIP')).toBe('no chip_id');
    expect(skipReason('NOMEAS')).toMatch(/no measured throughput/);
    expect(skipReason('NOARCH')).toBe('architecture: layers is missing');
    expect(skipReason('BADPROD')).toMatch(/tp\*pp\*cp\*dp = 16 but accel_count = 8/);
  });
});

describe('free-text mappings', () => {
  it('precision', () => {
    const v = (t: string) => {
      const m = mapPrecision(t);
      return 'unsupported' in m ? 'unsupported' : m.value;
    };
    expect(
      ['BF16', 'bf16 (amp)', 'fp16', '16-bit mixed precision', 'mixed precision', 'amp (bf16)', ''].map(v),
    ).toEqual(Array(7).fill('bf16'));
    expect(
      [
        'FP8-CS',
        'MXFP8',
        'FP8 hybrid',
        'bf16+fp8',
        'FP8-MX',
        'FP8 mixed precision (fine-grained block quantisation)',
      ].map(v),
    ).toEqual(Array(6).fill('fp8'));
    expect(['NVFP4', 'fp32', 'int4 magic'].map(v)).toEqual(Array(3).fill('unsupported'));
  });

  it('recompute', () => {
    const v = (t: string) => {
      const m = mapRecompute(t);
      return 'value' in m ? m.value : 'unsupported';
    };
    expect(v('')).toBeUndefined();
    expect(v('none in script')).toBe('none');
    expect(v('no')).toBe('none');
    expect(v('selective activation recomputation')).toBe('selective');
    // DeepSeek-V3's norms and MLA up-projections: the engine's activations mode, not the attention core
    expect(v('RMSNorm + MLA up-projection recompute (selective)')).toBe('activations');
    expect(v('full activation recomputation')).toBe('full');
    expect(v('full activation checkpointing (DeepSpeed)')).toBe('full');
    expect(v('full/block/70 layers')).toBe('full');
    expect(v('something odd')).toBeUndefined();
  });

  it('zero / fsdp', () => {
    const v = (t: string) => {
      const m = mapZero(t);
      return 'value' in m ? m.value : 'unsupported';
    };
    expect(v('ZeRO-1 data parallel')).toBe(1);
    expect(v('distributed optimizer (ZeRO-1-like)')).toBe(1);
    expect(v('DDP (FSDP=0); distributed optimizer per recipe (not stated in table)')).toBe(1);
    expect(v('FSDP (sharding group = GPUs/(TP*PP)); table FSDP=64')).toBe(3);
    expect(v('Fully Sharded Data Parallel')).toBe(3);
    expect(v('not set')).toBe(0);
    expect(v('')).toBeUndefined();
    expect(v('ZeRO (DP with ZeRO)')).toBeUndefined();
  });

  it('an MLP and embeddings the architecture text states beat the family heuristics', () => {
    // MaxText's default decoder: a 3.2x ReLU MLP that the ffn/hidden heuristic would take for SwiGLU
    expect(statedTraits('MHA (attention=flash), RoPE; ReLU MLP (2 matrices); tied embeddings')).toEqual({
      gatedMlp: false,
      tiedEmbeddings: true,
    });
    // PaLM: a 4x MLP that is SwiGLU
    expect(
      statedTraits('MQA (1 KV head), parallel attn+MLP block, SwiGLU (3 matrices), shared in/out embeddings'),
    ).toEqual({
      gatedMlp: true,
      tiedEmbeddings: true,
    });
    expect(statedTraits('MHA, squared-ReLU MLP')).toEqual({ gatedMlp: false });
    expect(statedTraits('GQA, untied embeddings')).toEqual({ tiedEmbeddings: false });
    expect(statedTraits('GQA')).toEqual({});
    const csv = `id,model,layers,hidden,ffn_hidden,heads,kv_heads,head_dim,vocab,seq_len,attention_type,precision,tp,pp,dp,mbs,gbs_seqs,meas_tokens_per_s_per_device,accel_count,chip_id
MT,MaxText default decoder,32,10240,32768,32,32,256,32768,2048,"MHA; ReLU MLP (2 matrices); tied embeddings",BF16,4,1,16,8,512,1652,64,google-tpu-v5p
UNK,Some model,32,10240,32768,32,32,256,32768,2048,MHA,BF16,4,1,16,8,512,1652,64,google-tpu-v5p`;
    const table = readCsvTable(csv);
    if (!table.ok) throw new Error('csv');
    const [stated, guessed] = table.value.map((row) => trainingRunFromRow(row.values, row.line));
    if (stated?.status !== 'ok' || guessed?.status !== 'ok') throw new Error('rows skipped');
    expect(stated.run.model).toMatchObject({ gatedMlp: false, tiedEmbeddings: true });
    expect(guessed.run.model).toMatchObject({ gatedMlp: true, tiedEmbeddings: false });
  });

  it('the attention kernel the architecture text states', () => {
    expect(statedFlashAttention('MHA; FlashAttention-2 (--use-flash-attn-v2 in the benchmark script)')).toBe(
      true,
    );
    expect(statedFlashAttention('MHA (enable_flash_attention=true), T5-style relative-position bias')).toBe(
      true,
    );
    expect(statedFlashAttention('GQA, FA3')).toBe(true);
    expect(statedFlashAttention('MHA, flash_attention=False')).toBe(false);
    expect(statedFlashAttention('MHA, unfused softmax attention')).toBe(false);
    expect(statedFlashAttention('GQA, alternating full / 128-token sliding window')).toBeUndefined();
  });

  it('MLA ranks, including a query without LoRA', () => {
    expect(parseMla('MLA (q_lora none, kv_lora 512, qk_nope 128, qk_rope 64, v 128)')?.qLoraRank).toBeNull();
    expect(parseMla('MLA (per model card)')).toBeUndefined();
  });
});

describe('layout fields a source leaves out', () => {
  it("JAX/XLA runs take MaxText's documented defaults (full remat, FSDP over the slice), and so does a TPU by default", () => {
    expect(frameworkOfRun('MaxText (JAX/XLA) @ 76bd53b0').framework).toBe('maxtext');
    expect(frameworkOfRun('Pathways + JAX/T5X (GSPMD)').framework).toBe('maxtext');
    expect(frameworkOfRun(undefined).framework).toBeUndefined();
    const { framework: _named, ...unnamed } = okRun('L3');
    const run = { ...unnamed, layout: { tp: 1, pp: 1, dp: 8 } };
    const { framework, layout, assumed } = runLayout(run, 'Google');
    expect(framework).toBe('maxtext');
    expect(layout).toMatchObject({
      recompute: 'full',
      zero: 3,
      sequenceParallel: false,
      flashAttention: true,
    });
    expect(assumed).toMatchObject({ recompute: 'full', zero: 3 });
    expect(runLayout(run, 'NVIDIA').framework).toBe('megatron-core');
  });
  it("Intel's Gaudi fork of Megatron-DeepSpeed: fused SDPA and sequence parallelism, its script defaults", () => {
    const read = frameworkOfRun('Megatron-DeepSpeed (HabanaAI fork) on Intel Gaudi software 1.19.0');
    expect(read.framework).toBe('megatron-deepspeed');
    expect(read.stated).toEqual({ flashAttention: true, sequenceParallel: true });
    expect(frameworkOfRun('Megatron-DeepSpeed').stated).toEqual({});
  });
  it('a ZeRO stage named in the framework cell is stated (FlagPerf: "DeepSpeed ZeRO-3" with zero_fsdp empty)', () => {
    expect(frameworkOfRun('DeepSpeed ZeRO-3')).toMatchObject({ framework: 'deepspeed', stated: { zero: 3 } });
    expect(frameworkOfRun('DeepSpeed').stated).toEqual({});
  });
  it('an interleaved schedule stated without its virtual stages takes the framework default (torchtitan: 2), listed as assumed', () => {
    const { framework, layout, assumed } = runLayout(okRun('L405I'), 'NVIDIA');
    expect(framework).toBe('fsdp');
    expect(layout.vp).toBe(2);
    expect(assumed.vp).toBe(2);
  });
  it("the Llama 3 paper's text states one layer per model chunk: vp = (layers + 2) / pp, stated, not assumed", () => {
    const llama = { ...csvValues('L405I'), source_url: 'https://arxiv.org/abs/2407.21783' };
    const run = read(llama);
    expect(run.layout.vp).toBe(8);
    expect(run.notes.some((n) => n.includes('Llama 3 §3.3.2'))).toBe(true);
    const { layout, assumed } = runLayout(run, 'NVIDIA');
    expect(layout.vp).toBe(8);
    expect(assumed.vp).toBeUndefined();
    // no reading where the slots do not divide into the stages, or for another source
    expect(read({ ...llama, pp: '12', dp: '64', accel_count: '6144' }).layout.vp).toBeUndefined();
    expect(read({ ...llama, source_url: 'https://example.org/paper' }).layout.vp).toBeUndefined();
    // a column the row states wins
    expect(read({ ...llama, vpp: '4' }).layout.vp).toBe(4);
  });
  it('"interleaved ... not stated" is not a statement, and Megatron has no default count: vp stays 1', () => {
    expect(
      frameworkOfRun('Meta internal (4D parallelism)', 'Interleaved schedule / microbatch not stated')
        .interleaved,
    ).toBe(false);
    expect(frameworkOfRun('Megatron-LM (2021)', 'PP uses an interleaved schedule').interleaved).toBe(true);
    const { layout, assumed } = runLayout(okRun('M21'), 'NVIDIA');
    expect(layout.vp).toBe(1);
    expect(assumed.vp).toBe(1);
  });
  it("NVIDIA's SC21 reproduction script states the micro-batch and virtual stages of the paper's Table 1 runs", () => {
    const gpt39 = {
      ...csvValues('M21'),
      source_url: 'https://arxiv.org/abs/2104.04473 ; https://github.com/x',
    };
    const run = read(gpt39);
    // the script runs Megatron's local DDP above 18B (no overlap) and PyTorch DDP (overlapped) up to it
    expect(run.layout).toMatchObject({ mbs: 4, vp: 1, overlapDpGrad: false });
    expect(run.notes.some((n) => n.includes('run_table_1.sh') && n.includes('MODEL_SIZE=39B'))).toBe(true);
    const { assumed } = runLayout(run, 'NVIDIA');
    // Megatron-LM 2021 offers no context parallelism and no ZeRO: one value each, determined, not assumed
    expect(assumed).toEqual({});
    // 530B: 105 layers over 35 stages, one layer per virtual stage: 3 virtual stages per rank
    const gpt530 = {
      ...gpt39,
      layers: '105',
      hidden: '20480',
      heads: '128',
      pp: '35',
      dp: '9',
      gbs_seqs: '2520',
    };
    expect(read({ ...gpt530, accel_count: '2520' }).layout).toMatchObject({ mbs: 1, vp: 3 });
    const gpt18 = {
      ...gpt39,
      layers: '40',
      hidden: '6144',
      pp: '1',
      gbs_seqs: '1024',
      dp: '32',
      accel_count: '256',
    };
    expect(read(gpt18).layout).toMatchObject({ mbs: 8, vp: 1, overlapDpGrad: true });
    // only the script's own case: another batch, or another source, states nothing
    expect(read({ ...gpt39, gbs_seqs: '1024' }).layout.mbs).toBeUndefined();
    expect(read({ ...gpt39, source_url: 'https://example.org/paper' }).layout.mbs).toBeUndefined();
    // a column the row states wins
    expect(read({ ...gpt39, mbs: '2' }).layout.mbs).toBe(2);
  });
  it("a row whose script sets no optimizer sharding ran Megatron's default, no distributed optimizer", () => {
    const row = { ...csvValues('L405I'), notes: 'Optimizer sharding: not set in script.' };
    expect(read(row).layout.zero).toBe(0);
    expect(read({ ...row, notes: '' }).layout.zero).toBeUndefined();
    // a stated column wins
    expect(read({ ...row, zero_fsdp: 'distributed optimizer' }).layout.zero).toBe(1);
  });
  it("a FlagPerf case's launch script states its layout, and its model where the row inferred one", () => {
    const url =
      'https://github.com/FlagOpen/FlagPerf/blob/1b5a030398ab719e406f77877eb34c9599b17fd2/training/nvidia/qwen1.5_MoE-megatron/README.md';
    const qwen = {
      ...csvValues('Q'),
      source_url: url,
      inferred_fields: 'architecture fields (case README names the model only)',
    };
    const run = read(qwen);
    // the script trains 8 experts of FFN 5504, top-2, no shared expert: not the A2.7B config the row inferred
    expect(run.model.moe).toMatchObject({ experts: 8, topK: 2, sharedExperts: 0, expertFfnHidden: 5504 });
    expect(run.model.vocab).toBe(151936 + 293);
    expect(run.layout).toMatchObject({ zero: 1, recompute: 'selective', ep: 1, vp: 1, cp: 1 });
    expect(run.notes.some((n) => n.includes('megatron_pai_main.sh'))).toBe(true);
    expect(runLayout(run, 'NVIDIA').assumed).toEqual({});
    // an architecture the row states (not listed as inferred) stays
    expect(read({ ...qwen, inferred_fields: '' }).model.moe?.experts).toBe(60);
    // another case, or another commit of the same case, reads nothing
    expect(read({ ...qwen, source_url: url.replace('1b5a0303', '0000000') }).layout.zero).toBeUndefined();
    const llama = { ...csvValues('L3'), source_url: url.replace('qwen1.5_MoE', 'llama3_8B') };
    expect(read(llama).layout).toMatchObject({ sequenceParallel: true, zero: 1, recompute: 'none' });
  });
});

describe('uneven pipeline splits a MindSpeed row states', () => {
  it('reads num-layer-list when it gives one count per stage adding up to the layers', () => {
    expect(
      stagesFromNotes('uneven PP layer split num-layer-list=7,8,9,10,11,11,12,12. Optimizer', 8, 80),
    ).toEqual({
      stages: [7, 8, 9, 10, 11, 11, 12, 12],
    });
  });
  it('keeps an even split, with the reason, when the list is cut short or does not add up', () => {
    // Qwen2.5-32B's script writes "--num-layer-list 11, 13, 19, 21": the row keeps only "11,"
    expect(
      stagesFromNotes('uneven PP layer split num-layer-list=11,. Optimizer', 4, 64).stages,
    ).toBeUndefined();
    expect(stagesFromNotes('num-layer-list=20,26', 2, 47).note).toContain('even split');
    expect(stagesFromNotes('no split stated', 2, 46)).toEqual({});
  });
});

describe('a split the note cut short, read from the MindSpeed script the row names', () => {
  const qwen = csvValues('L3');
  const row = {
    ...qwen,
    layers: '64',
    pp: '4',
    dp: '2',
    framework: 'ModelLink/MindSpeed-LLM (Mcore)',
    notes: 'uneven PP layer split num-layer-list=11,. Optimizer sharding: distributed optimizer.',
    source_locator:
      'README table row Qwen2.5 32B 32K 4x8 (commit 1ea39226, 2024-10-24); parallel/batch/arch from example script examples/mcore/qwen25/pretrain_qwen25_32b_32K_ptd.sh at same commit',
  };
  it('takes "--num-layer-list 11, 13, 19, 21" from the script at the cited commit, and says so', () => {
    const run = read(row);
    expect(run.layout.layersPerStage).toEqual([11, 13, 19, 21]);
    expect(run.notes.some((n) => n.includes('pretrain_qwen25_32b_32K_ptd.sh @1ea39226'))).toBe(true);
  });
  it('never where the script or commit differs, or the note contradicts the script', () => {
    expect(
      read({ ...row, source_locator: 'examples/mcore/qwen25/other.sh at 1ea39226' }).layout.layersPerStage,
    ).toBeUndefined();
    expect(
      read({ ...row, source_locator: row.source_locator.replace('1ea39226', 'deadbeef') }).layout
        .layersPerStage,
    ).toBeUndefined();
    expect(read({ ...row, notes: 'num-layer-list=12,.' }).layout.layersPerStage).toBeUndefined();
    expect(read({ ...row, layers: '60' }).layout.layersPerStage).toBeUndefined();
  });
});

describe('MindSpeed memory features a row states', () => {
  it('reads reuse-fp32-param from the notes', () => {
    const notes = 'Optimizer sharding: distributed optimizer; reuse-fp32-param.';
    expect(frameworkOfRun('ModelLink/MindSpeed-LLM (Mcore) on MindSpeed + torch_npu', notes).stated).toEqual({
      reuseFp32Params: true,
    });
    expect(
      frameworkOfRun('ModelLink/MindSpeed-LLM (Mcore)', 'Optimizer sharding: distributed optimizer.').stated,
    ).toEqual({});
  });
});

describe("a Megatron-Bridge row's recipe", () => {
  const ds = csvValues('DS');
  const row = { ...ds, framework: 'Megatron-Bridge / NeMo 26.08 container', accelerator: 'GB200 (NVL72)' };
  it('states what the table does not print, with where it was read', () => {
    const run = read(row);
    expect(run.layout).toMatchObject({ overlapEpComm: true, moeDispatcher: 'dedup' });
    expect(run.notes.some((n) => n.startsWith('recipe: v0.6.0'))).toBe(true);
  });
  it('never overrides a column the table states', () => {
    expect(read({ ...row, recompute: 'full' }).layout.recompute).toBe('full');
  });
});
