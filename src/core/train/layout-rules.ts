/**
 * Layout rules (phase 0, normalise): a layout that breaks one is refused with one issue naming the
 * rule and the numbers, e.g. `tp=3 does not divide heads=32`.
 */
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
      issues.push(issue(name, `${name}=${String(value)} must be a positive integer`));
    }
  };
  for (const name of ['tp', 'pp', 'vp', 'dp', 'cp', 'ep', 'etp', 'mbs'] as const) positive(name);
  for (const name of ['tp', 'cp', 'ep', 'etp', 'mbs'] as const) {
    const value = layout[name];
    if (value !== undefined && value >= 1024) issues.push(issue(name, `${name}=${value} must be below 1024`));
  }
  if (issues.length) return issues;
  const { tp, pp, vp, dp, cp, ep, etp, mbs } = layout;
  if (tp !== undefined) {
    if (model.heads % tp !== 0) issues.push(issue('tp', `tp=${tp} does not divide heads=${model.heads}`));
    else if (model.attention.kind === 'gqa' && model.kvHeads % tp !== 0 && tp % model.kvHeads !== 0) {
      issues.push(issue('tp', `tp=${tp} does not divide kv heads=${model.kvHeads}`));
    }
  }
  if (pp !== undefined && pp > model.layers)
    issues.push(issue('pp', `pp=${pp} is larger than layers=${model.layers}`));
  if (vp !== undefined && vp > 1) {
    if (pp !== undefined && pp < 2) issues.push(issue('vp', `vp=${vp} needs pp >= 2 (pp=${pp})`));
    // Megatron can count the embedding and the loss as pipeline layers (account_for_embedding/loss_in_pipeline_split),
    // so pp x vp chunks may reach layers + 2 (Llama 3.1 405B: 126 layers, pp 16 x vp 8).
    if (pp !== undefined && vp * pp > model.layers + 2) {
      issues.push(
        issue('vp', `vp=${vp} x pp=${pp} = ${vp * pp} is larger than layers + 2 = ${model.layers + 2}`),
      );
    }
  }
  if (cp !== undefined && ctx.seqLen % cp !== 0)
    issues.push(issue('cp', `cp=${cp} does not divide seq-len=${ctx.seqLen}`));
  const grid = (tp ?? 1) * (pp ?? 1) * (cp ?? 1);
  if (n % grid !== 0) {
    issues.push(
      issue(
        'devices',
        `devices=${n} is not divisible by tp x pp x cp = ${tp ?? 1} x ${pp ?? 1} x ${cp ?? 1} = ${grid}`,
      ),
    );
  } else if (
    dp !== undefined &&
    tp !== undefined &&
    pp !== undefined &&
    cp !== undefined &&
    dp * grid !== n
  ) {
    issues.push(
      issue('dp', `dp=${dp} x tp=${tp} x pp=${pp} x cp=${cp} = ${dp * grid} differs from devices=${n}`),
    );
  } else if (dp !== undefined && n % (dp * grid) !== 0) {
    issues.push(issue('dp', `devices=${n} is not divisible by dp x tp x pp x cp = ${dp * grid}`));
  }
  if (ep !== undefined && ep > 1) {
    if (!model.moe)
      issues.push(issue('ep', `ep=${ep} needs a mixture-of-experts model; ${model.name} is dense`));
    else if (model.moe.experts % ep !== 0)
      issues.push(issue('ep', `ep=${ep} does not divide experts=${model.moe.experts}`));
  }
  if (etp !== undefined && etp > 1 && !model.moe)
    issues.push(issue('etp', `etp=${etp} needs a mixture-of-experts model`));
  if (mbs !== undefined && dp !== undefined && ctx.setup.globalBatchSeqs % (dp * mbs) !== 0) {
    issues.push(
      issue(
        'global-batch',
        `global batch=${ctx.setup.globalBatchSeqs} is not divisible by dp x mbs = ${dp} x ${mbs} = ${dp * mbs}`,
      ),
    );
  }
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
        `dp=${dp} x tp=${tp} x pp=${pp} x cp=${cp} = ${dp * tp * pp * cp} differs from devices=${ctx.devices}`,
      ),
    );
  }
  if (ep > 1 && (dp * cp * tp) % (ep * etp) !== 0) {
    issues.push(issue('ep', `ep=${ep} x etp=${etp} does not divide dp x cp x tp = ${dp * cp * tp}`));
  }
  if (ctx.setup.globalBatchSeqs % (dp * mbs) !== 0) {
    issues.push(
      issue(
        'global-batch',
        `global batch=${ctx.setup.globalBatchSeqs} is not divisible by dp x mbs = ${dp} x ${mbs} = ${dp * mbs}`,
      ),
    );
  } else if (layout.schedule === 'dualpipe' && (layout.pp < 2 || layout.pp % 2 !== 0 || layout.vp > 1)) {
    issues.push(
      issue('schedule', `dualpipe needs an even pp >= 2 and vp=1 (pp=${layout.pp}, vp=${layout.vp})`),
    );
  } else if (layout.schedule === 'dualpipe' && (ctx.setup.globalBatchSeqs / (dp * mbs)) % 2 !== 0) {
    const m = ctx.setup.globalBatchSeqs / (dp * mbs);
    issues.push(
      issue('schedule', `dualpipe needs an even number of micro-batches; global batch / (dp x mbs) = ${m}`),
    );
  } else if (layout.vp > 1 && ctx.setup.globalBatchSeqs / (dp * mbs) < layout.pp) {
    // The interleaved schedule fills the pipeline only with at least pp micro-batches (Megatron-Core).
    const m = ctx.setup.globalBatchSeqs / (dp * mbs);
    issues.push(
      issue(
        'vp',
        `vp=${layout.vp} needs at least pp=${layout.pp} micro-batches; global batch / (dp x mbs) = ${m}`,
      ),
    );
  }
  return issues;
}
