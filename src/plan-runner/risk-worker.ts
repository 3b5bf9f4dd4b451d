/**
 * One thread of the risk sampler: samples and evaluates draws [from, from + count) and posts the
 * outcome arrays back (transferred, not copied). All the work is the core's (src/core/plan/risk.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { evaluateDraws, type RiskPlan, sampleDraws, type UncertaintyModel } from '../core/plan/risk';

interface Job {
  readonly model: UncertaintyModel;
  readonly plan: RiskPlan;
  readonly seed: number;
  readonly from: number;
  readonly count: number;
}

const job = workerData as Job;
const out = evaluateDraws(job.plan, sampleDraws(job.model, job.seed, job.from, job.count));
parentPort!.postMessage(
  out,
  [out.completionDays, out.met, out.totalUsd].map((a) => a.buffer as ArrayBuffer),
);
