import { describe, expect, it } from 'vitest';
import { megatronBridgeRecipe } from './megatron-bridge-recipes';

describe("the recipes behind Megatron-Bridge's performance tables", () => {
  const recipe = (release: string, model: string, accelerator: string) =>
    megatronBridgeRecipe(`Megatron-Bridge / NeMo ${release} container`, model, accelerator)?.stated;
  it('states the EP overlap and the dispatcher each release ran per model and system', () => {
    // 26.08: HybridEP with moe_a2a_overlap, the whole iteration as one CUDA graph (v0.6.0 perf_recipes)
    expect(recipe('26.08', 'Qwen3_30B_a3B', 'GB200 (NVL72)')).toEqual({
      overlapEpComm: true,
      moeDispatcher: 'dedup',
      fullIterationCudaGraph: true,
    });
    // 26.02 on B200: no backend named, so the alltoall dispatcher, and no overlap (Megatron-Core's default)
    expect(recipe('26.02', 'Qwen3_30B_a3B', 'B200')).toEqual({
      overlapEpComm: false,
      moeDispatcher: 'alltoall',
    });
    // 26.06 on H100: HybridEP, overlap off
    expect(recipe('26.06', 'Qwen3_30B_a3B', 'H100 SXM')).toEqual({
      overlapEpComm: false,
      moeDispatcher: 'dedup',
    });
    expect(recipe('25.09', 'DeepSeekV3 (dropless)', 'H100 SXM')).toEqual({
      overlapEpComm: true,
      moeDispatcher: 'dedup',
    });
  });
  it("reads GPT-OSS's recompute_modules (layernorm, moe_act) as Megatron-Core's activations recompute", () => {
    expect(recipe('26.02', 'GPT OSS 120B', 'B200')?.recompute).toBe('activations');
  });
  it('covers only the MoE rows of Megatron-Bridge tables', () => {
    expect(recipe('26.06', 'LLAMA3.1_405B', 'GB200 (NVL72)')).toBeUndefined();
    expect(megatronBridgeRecipe('NeMo 24.07', 'Qwen3_30B_a3B', 'B200')).toBeUndefined();
  });
});
