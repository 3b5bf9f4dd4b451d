/**
 * Layout rules (phase 0, normalise): a layout that breaks one is refused with one issue naming the
 * rule and the numbers, e.g. `tp=3 does not divide heads=32`.
 */

import { say } from '../messages/say';
import type { Issue } from '../result';
import type { EngineContext } from './context';
import type { PartialLayout, TrainLayout } from './types';

const issue = (path: string, message: string): Issue => ({ code: 'invalid_layout', path, message });

export function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x;
}

/** Tensor-parallel sizes the model allows: divisors of the heads (and KV heads for GQA). */
export function tpDivisor(ctx: EngineContext): number {
  const model = ctx.model;
  return model.attention.kind === 'mla' ? model.heads : gcd(model.heads, model.kvHeads);
}

/** Rules that fixed fields must meet on their own, before anything is searched. */
export function checkPartialLayout(ctx: EngineContext, layout: PartialLayout): Issue[] {
  const issues: Issue[] = [];
  const model = ctx.model;
  const n = ctx.devices;
  const positive = (name: keyof PartialLayout) => {
    const value = layout[name];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 1)) {
      issues.push(issue(name, say('layout.positive-int', { field: name, value: String(value) })));
    }
  };
  for (const name of ['tp', 'pp', 'vp', 'dp', 'cp', 'ep', 'etp', 'mbs'] as const) positive(name);
  for (const name of ['tp', 'cp', 'ep', 'etp', 'mbs'] as const) {
    const value = layout[name];
    if (value !== undefined && value >= 1024)
      issues.push(issue(name, say('layout.below', { field: name, value })));
  }
  const stages = layout.layersPerStage;
  if (stages !== undefined) {
    const bad = stages.find((n) => !Number.isInteger(n) || n < 1);
    if (bad !== undefined || stages.length === 0)
      issues.push(
        issue('layersPerStage', say('layout.positive-int', { field: 'layersPerStage', value: String(bad) })),
      );
  }
  // switches the framework (or the model) cannot have, whatever else the search may choose
  const framework = ctx.framework.id;
  if (layout.fullIterationCudaGraph && !ctx.framework.cudaGraphs)
    issues.push(issue('fullIterationCudaGraph', say('layout.cuda-graph', { framework })));
  if (layout.moeDispatcher === 'dedup' && !ctx.framework.dedupDispatcher)
    issues.push(issue('moeDispatcher', say('layout.dedup-dispatcher', { framework })));
  if (layout.overlapEpComm && (!ctx.framework.epCommOverlap || !model.moe))
    issues.push(issue('overlapEpComm', say('layout.ep-overlap-offered', { framework, model: model.name })));
  // a micro-batch must divide the global batch (dp x mbs does, for every dp)
  if (layout.mbs !== undefined && ctx.setup.globalBatchSeqs % layout.mbs !== 0)
    issues.push(issue('mbs', say('layout.mbs-batch', { mbs: layout.mbs, batch: ctx.setup.globalBatchSeqs })));
  // DualPipe asked for with a stated pp or vp it cannot run on: said now, not dropped for 1F1B by the search
  if (
    layout.schedule === 'dualpipe' &&
    ((layout.pp !== undefined && (layout.pp < 2 || layout.pp % 2 !== 0)) ||
      (layout.vp !== undefined && layout.vp > 1))
  )
    issues.push(issue('schedule', say('layout.dualpipe-pp', { pp: layout.pp ?? '?', vp: layout.vp ?? 1 })));
  if (issues.length) return issues;
  const { tp, pp, vp, dp, cp, ep, etp, mbs } = layout;
  if (stages !== undefined) {
    const sum = stages.reduce((a, b) => a + b, 0);
    if (pp !== undefined && stages.length !== pp)
      issues.push(issue('layersPerStage', say('layout.stages-pp', { count: stages.length, pp })));
    if (sum !== model.layers)
      issues.push(issue('layersPerStage', say('layout.stages-layers', { sum, layers: model.layers })));
    if ((vp !== undefined && vp > 1) || layout.schedule === 'dualpipe')
      issues.push(issue('layersPerStage', say('layout.stages-schedule')));
  }
  if (tp !== undefined) {
    if (model.heads % tp !== 0) issues.push(issue('tp', say('layout.tp-heads', { tp, heads: model.heads })));
    else if (
      model.attention.kind === 'gqa' &&
      model.kvHeads % tp !== 0 &&
      !(ctx.framework.tpReplicatesKvHeads && tp % model.kvHeads === 0)
    ) {
      issues.push(issue('tp', say('layout.tp-kv-heads', { tp, kvHeads: model.kvHeads })));
    }
  }
  if (pp !== undefined && pp > model.layers)
    issues.push(issue('pp', say('layout.pp-layers', { pp, layers: model.layers })));
  if (vp !== undefined && vp > 1 && ctx.framework.evenVirtualStages) {
    if (pp !== undefined && pp < 3) issues.push(issue('vp', say('layout.vp-needs-pp3', { vp, pp })));
    if (pp !== undefined && model.layers % (pp * vp) !== 0)
      issues.push(issue('vp', say('layout.vp-even', { vp, pp, layers: model.layers })));
  } else if (vp !== undefined && vp > 1) {
    if (pp !== undefined && pp < 2) issues.push(issue('vp', say('layout.vp-needs-pp', { vp, pp })));
    // Megatron can count the embedding and the loss as pipeline layers (account_for_embedding/loss_in_pipeline_split),
    // so pp x vp chunks may reach layers + 2 (Llama 3.1 405B: 126 layers, pp 16 x vp 8).
    if (pp !== undefined && vp * pp > model.layers + 2) {
      issues.push(issue('vp', say('layout.vp-layers', { vp, pp, chunks: vp * pp, limit: model.layers + 2 })));
    }
  }
  if (cp !== undefined && ctx.seqLen % cp !== 0)
    issues.push(issue('cp', say('layout.cp-seq', { cp, seqLen: ctx.seqLen })));
  const grid = (tp ?? 1) * (pp ?? 1) * (cp ?? 1);
  if (n % grid !== 0) {
    issues.push(
      issue(
        'devices',
        say('layout.devices-grid', { devices: n, tp: tp ?? 1, pp: pp ?? 1, cp: cp ?? 1, grid }),
      ),
    );
  } else if (
    dp !== undefined &&
    tp !== undefined &&
    pp !== undefined &&
    cp !== undefined &&
    dp * grid !== n
  ) {
    issues.push(issue('dp', say('layout.dp-grid', { dp, tp, pp, cp, product: dp * grid, devices: n })));
  } else if (dp !== undefined && n % (dp * grid) !== 0) {
    issues.push(issue('dp', say('layout.devices-dp-grid', { devices: n, product: dp * grid })));
  }
  if (ep !== undefined && ep > 1) {
    if (!model.moe) issues.push(issue('ep', say('layout.ep-dense', { ep, model: model.name })));
    else if (model.moe.experts % ep !== 0)
      issues.push(issue('ep', say('layout.ep-experts', { ep, experts: model.moe.experts })));
  }
  if (etp !== undefined && etp > 1 && !model.moe) issues.push(issue('etp', say('layout.etp-dense', { etp })));
  if (mbs !== undefined && dp !== undefined && ctx.setup.globalBatchSeqs % (dp * mbs) !== 0) {
    issues.push(
      issue(
        'global-batch',
        say('layout.batch-dp-mbs', { batch: ctx.setup.globalBatchSeqs, dp, mbs, product: dp * mbs }),
      ),
    );
  }
  return issues;
}

/**
 * Megatron-Core's conditions for overlapping the expert-parallel all-to-all (TransformerConfig.__post_init__ for
 * `overlap_moe_expert_parallel_comm`): expert parallelism, virtual pipeline stages when there is a pipeline, and no
 * full recompute: neither `recompute_granularity = full` nor a `recompute_method` (`block`). Only frameworks that
 * offer the overlap (framework.ts `epCommOverlap`) may turn it on.
 */
export function epOverlapAllowed(
  offered: boolean,
  layout: Pick<TrainLayout, 'ep' | 'pp' | 'vp' | 'recompute'>,
): boolean {
  return (
    offered &&
    layout.ep > 1 &&
    (layout.pp === 1 || layout.vp > 1) &&
    layout.recompute !== 'full' &&
    layout.recompute !== 'block'
  );
}

/**
 * MoE-only switches a request states for a dense model, refused as a stated ep or etp is. Only what the user gave:
 * a completed layout carries the framework's defaults for them (grouped GEMM, its dispatcher) whatever the model.
 */
export function checkGivenMoeSwitches(ctx: EngineContext, given: PartialLayout): Issue[] {
  if (ctx.model.moe) return [];
  const model = ctx.model.name;
  const issues: Issue[] = [];
  if (given.groupedExperts)
    issues.push(
      issue('groupedExperts', say('layout.moe-switch-dense', { field: 'experts', value: 'grouped', model })),
    );
  if (given.moeDispatcher === 'dedup')
    issues.push(
      issue('moeDispatcher', say('layout.moe-switch-dense', { field: 'dispatcher', value: 'dedup', model })),
    );
  return issues;
}

/** Rules for a complete layout (after defaults and search). */
export function checkLayout(ctx: EngineContext, layout: TrainLayout): Issue[] {
  const issues = checkPartialLayout(ctx, layout);
  if (issues.length) return issues;
  const { tp, pp, cp, dp, ep, etp, mbs } = layout;
  if (tp * pp * cp * dp !== ctx.devices) {
    issues.push(
      issue(
        'dp',
        say('layout.dp-grid', { dp, tp, pp, cp, product: dp * tp * pp * cp, devices: ctx.devices }),
      ),
    );
  }
  if (ep > 1 && (dp * cp * tp) % (ep * etp) !== 0) {
    issues.push(issue('ep', say('layout.ep-etp-grid', { ep, etp, product: dp * cp * tp })));
  }
  // the framework and the model were checked with the partial layout; here what the full layout decides
  if (layout.overlapEpComm && !epOverlapAllowed(true, layout)) {
    const { vp, recompute } = layout;
    issues.push(issue('overlapEpComm', say('layout.ep-overlap', { ep, pp, vp, recompute })));
  }
  if (ctx.setup.globalBatchSeqs % (dp * mbs) !== 0) {
    issues.push(
      issue(
        'global-batch',
        say('layout.batch-dp-mbs', { batch: ctx.setup.globalBatchSeqs, dp, mbs, product: dp * mbs }),
      ),
    );
  } else if (layout.schedule === 'dualpipe' && (layout.pp < 2 || layout.pp % 2 !== 0 || layout.vp > 1)) {
    issues.push(issue('schedule', say('layout.dualpipe-pp', { pp: layout.pp, vp: layout.vp })));
  } else if (layout.schedule === 'dualpipe' && (ctx.setup.globalBatchSeqs / (dp * mbs)) % 2 !== 0) {
    const m = ctx.setup.globalBatchSeqs / (dp * mbs);
    issues.push(issue('schedule', say('layout.dualpipe-micro-batches', { microBatches: m })));
  } else if (layout.vp > 1 && ctx.setup.globalBatchSeqs / (dp * mbs) < layout.pp) {
    // The interleaved schedule fills the pipeline only with at least pp micro-batches (Megatron-Core).
    const m = ctx.setup.globalBatchSeqs / (dp * mbs);
    issues.push(
      issue('vp', say('layout.vp-micro-batches', { vp: layout.vp, pp: layout.pp, microBatches: m })),
    );
  }
  return issues;
}
