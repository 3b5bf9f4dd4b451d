import { describe, expect, it } from 'vitest';
import { defaultEngineFor, ENGINE_IDS, ENGINE_PROFILES, engineFromText, withSettings } from './engines';

describe('engine profiles', () => {
  it('every profile is complete and names its sources', () => {
    for (const id of ENGINE_IDS) {
      const e = ENGINE_PROFILES[id];
      expect(e.id).toBe(id);
      expect(e.kvMemory.fraction).toBeGreaterThan(0);
      expect(e.kvMemory.fraction).toBeLessThanOrEqual(1);
      expect(e.kvMemory.source.length).toBeGreaterThan(20);
      expect(e.sources.length).toBeGreaterThan(0);
      expect(e.maxSequencesPerRank).toBeGreaterThan(0);
      expect(e.maxTokensPerStep).toBeGreaterThan(0);
      expect(e.overlapScheduler ? e.hostShare : 1).toBe(e.overlapScheduler ? 0 : 1);
    }
  });

  it('documented defaults: vLLM 0.9 of total memory, TRT-LLM 0.9 of free memory, MindIE 0.8', () => {
    expect(ENGINE_PROFILES.vllm.kvMemory).toMatchObject({ basis: 'total', fraction: 0.9 });
    expect(ENGINE_PROFILES.trtllm.kvMemory).toMatchObject({ basis: 'free', fraction: 0.9 });
    expect(ENGINE_PROFILES.sglang.kvMemory).toMatchObject({ basis: 'total', fraction: 0.9 });
    expect(ENGINE_PROFILES.mindie.kvMemory).toMatchObject({ basis: 'total', fraction: 0.8 });
    expect(ENGINE_PROFILES['vllm-ascend'].graph).toBe('acl-graph');
  });

  it('a default engine per family', () => {
    expect(defaultEngineFor('nvidia-hopper')).toBe('vllm');
    expect(defaultEngineFor('huawei-ascend-910')).toBe('vllm-ascend');
    expect(defaultEngineFor('something-new')).toBe('vllm');
  });

  it('reads engine names from free text', () => {
    expect(engineFromText('SGLang (DeepEP, DeepGEMM)')).toBe('sglang');
    expect(engineFromText('TensorRT-LLM (PyTorch backend)')).toBe('trtllm');
    expect(engineFromText('MindIE 2.1RC1')).toBe('mindie');
    expect(engineFromText('DeepSeek in-house')).toBeNull();
  });

  it('a run overrides what it states and keeps the rest', () => {
    const e = withSettings(ENGINE_PROFILES.trtllm, { kvFraction: 0.85, maxTokensPerStep: 1536 });
    expect(e.kvMemory).toMatchObject({ basis: 'free', fraction: 0.85 });
    expect(e.maxTokensPerStep).toBe(1536);
    expect(e.maxSequencesPerRank).toBe(ENGINE_PROFILES.trtllm.maxSequencesPerRank);
  });
});
