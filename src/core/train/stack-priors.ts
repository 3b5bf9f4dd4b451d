/**
 * Sourced priors per software stack, for chips of a family without published training runs when the stack has no
 * calibrated family either (or, in leave-one-family-out validation, when the left-out family is the stack's only
 * one). Each value says where it comes from; none is fitted to ../shared/validation.
 *
 * Fields: large-GEMM efficiency (fraction of the dense bf16 peak), fp8/bf16 efficiency ratio, host overhead per layer
 * and micro-batch (us), GEMM half-saturation dimension per FLOP/byte of ridge point, scale-up collective efficiency,
 * MoE-layer efficiency relative to dense layers.
 */
import type { SoftwareStack } from '../catalog/schema';
import type { StackPrior } from './calibration-fitted';

const prior = (stack: SoftwareStack, values: Omit<StackPrior, 'stack' | 'lofoP90AbsError'>): StackPrior => ({
  stack,
  lofoP90AbsError: 0,
  ...values,
});

export const SOURCED_STACK_PRIORS: Readonly<Record<SoftwareStack, StackPrior>> = {
  CUDA: prior('CUDA', {
    // cuBLAS large bf16 GEMMs: ~75% of peak on A100 (~235 of 312 TFLOP/s) and ~70-75% on H100 SXM (~700-750 of
    // 989), SemiAnalysis "MI300X vs H100 vs H200 Benchmark Part 1: Training" (Dec 2024) GEMM sweeps; fp8 ~1,300-1,450
    // of 1,979 (ratio ~0.95 of the bf16 share).
    gemmEfficiencyBf16: 0.74,
    fp8EfficiencyRatio: 0.95,
    layerOverheadUs: 300,
    halfSaturationPerRidge: 0.6,
    scaleUpEfficiency: 0.8,
    moeLayerRelativeEfficiency: 0.8,
    basis: 'sourced CUDA prior (cuBLAS GEMM sweeps, nccl-tests)',
  }),
  CANN: prior('CANN', {
    // Ascend 910B: FlagPerf's matmul case measures 313.2 TFLOP/s fp16 on an Atlas 800T A2 card (its dense fp16 peak
    // is quoted at ~320-376 depending on the bin), i.e. large GEMMs near 80-85% of the card's peak; HCCL over HCCS
    // reaches ~75% of the 56 GB/s links in hccl_test all-reduce busbw. Framework overheads are higher than CUDA's
    // (operator dispatch through torch_npu): MindSpeed reports aclgraph/task-queue optimisations for this reason.
    gemmEfficiencyBf16: 0.7,
    fp8EfficiencyRatio: 0.9,
    layerOverheadUs: 600,
    halfSaturationPerRidge: 0.6,
    scaleUpEfficiency: 0.75,
    moeLayerRelativeEfficiency: 0.5,
    basis: 'sourced CANN prior (FlagPerf 910B matmul, hccl_test)',
  }),
  ROCm: prior('ROCm', {
    // hipBLASLt bf16 GEMMs on MI300X: ~550-650 of 1,307 TFLOP/s dense peak (45-50%) in SemiAnalysis's Dec 2024 sweeps;
    // RCCL all-reduce over xGMI reaches ~60% of link peak in the same article.
    gemmEfficiencyBf16: 0.48,
    fp8EfficiencyRatio: 0.85,
    layerOverheadUs: 500,
    halfSaturationPerRidge: 0.6,
    scaleUpEfficiency: 0.6,
    moeLayerRelativeEfficiency: 0.6,
    basis: 'sourced ROCm prior (SemiAnalysis MI300X GEMM and RCCL benchmarks, Dec 2024)',
  }),
  DTK: prior('DTK', {
    // Hygon's DTK is a HIP/ROCm derivative: the ROCm prior, with no independent measurement published.
    gemmEfficiencyBf16: 0.48,
    fp8EfficiencyRatio: 0.85,
    layerOverheadUs: 600,
    halfSaturationPerRidge: 0.6,
    scaleUpEfficiency: 0.55,
    moeLayerRelativeEfficiency: 0.5,
    basis: 'sourced DTK prior (ROCm-derived stack; ROCm benchmarks)',
  }),
  XLA: prior('XLA', {
    // TPU v4/v5p: PaLM 540B trained at 46.2% MFU on 6,144 TPU v4 (Chowdhery et al. 2022); MaxText reports 55-65%
    // MFU for dense models on v5p: XLA compiles whole steps, so per-layer host overhead is small.
    gemmEfficiencyBf16: 0.75,
    fp8EfficiencyRatio: 0.9,
    layerOverheadUs: 50,
    halfSaturationPerRidge: 0.5,
    scaleUpEfficiency: 0.8,
    moeLayerRelativeEfficiency: 0.7,
    basis: 'sourced XLA prior (PaLM MFU, MaxText MFU tables)',
  }),
  SynapseAI: prior('SynapseAI', {
    // Gaudi 2: Intel/Habana report ~70% of bf16 MME peak on large GEMMs and LLM training MFU around 40-50% (Optimum
    // Habana, MLPerf Training GPT-3 submissions).
    gemmEfficiencyBf16: 0.65,
    fp8EfficiencyRatio: 0.9,
    layerOverheadUs: 400,
    halfSaturationPerRidge: 0.6,
    scaleUpEfficiency: 0.7,
    moeLayerRelativeEfficiency: 0.6,
    basis: 'sourced SynapseAI prior (Habana GEMM and MLPerf reports)',
  }),
  Neuware: prior('Neuware', {
    // No public kernel benchmarks for MLU590: a young stack is given the ROCm-like GEMM share and a high overhead.
    gemmEfficiencyBf16: 0.5,
    fp8EfficiencyRatio: 0.85,
    layerOverheadUs: 700,
    halfSaturationPerRidge: 0.7,
    scaleUpEfficiency: 0.6,
    moeLayerRelativeEfficiency: 0.5,
    basis: 'generic young-stack prior (no public Neuware kernel benchmarks)',
  }),
  XPU: prior('XPU', {
    gemmEfficiencyBf16: 0.5,
    fp8EfficiencyRatio: 0.85,
    layerOverheadUs: 700,
    halfSaturationPerRidge: 0.7,
    scaleUpEfficiency: 0.6,
    moeLayerRelativeEfficiency: 0.5,
    basis: 'generic young-stack prior (no public Kunlunxin XPU kernel benchmarks)',
  }),
  MUSA: prior('MUSA', {
    gemmEfficiencyBf16: 0.5,
    fp8EfficiencyRatio: 0.85,
    layerOverheadUs: 700,
    halfSaturationPerRidge: 0.7,
    scaleUpEfficiency: 0.6,
    moeLayerRelativeEfficiency: 0.5,
    basis: 'generic young-stack prior (no public MUSA kernel benchmarks)',
  }),
  MACA: prior('MACA', {
    gemmEfficiencyBf16: 0.5,
    fp8EfficiencyRatio: 0.85,
    layerOverheadUs: 700,
    halfSaturationPerRidge: 0.7,
    scaleUpEfficiency: 0.6,
    moeLayerRelativeEfficiency: 0.5,
    basis: 'generic young-stack prior (no public MACA kernel benchmarks)',
  }),
  other: prior('other', {
    gemmEfficiencyBf16: 0.5,
    fp8EfficiencyRatio: 0.85,
    layerOverheadUs: 700,
    halfSaturationPerRidge: 0.7,
    scaleUpEfficiency: 0.6,
    moeLayerRelativeEfficiency: 0.5,
    basis: 'generic young-stack prior',
  }),
};
