/**
 * Worker thread for fleet plans: candidate generation and the MILP solves are synchronous CPU work,
 * so they run here; cancelling terminates the thread. The scenario was parsed and checked already.
 * The planner's progress (per candidate set, the solve, per sweep point) is posted as it happens.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Catalog } from '../core/catalog/catalog';
import { planScenario } from '../core/plan/plan';
import type { Scenario } from '../core/plan/scenario';
import type { SweepRange } from '../core/plan/sweep';
import { HighsSolver } from '../solver/highs';

interface PlanJobInput {
  readonly scenario: Scenario;
  readonly asOf: string;
  readonly catalog: Catalog;
  readonly sweep?: SweepRange;
}

const input = workerData as PlanJobInput;
planScenario(input.scenario, input.asOf, input.catalog, {
  solver: new HighsSolver(),
  ...(input.sweep ? { sweep: input.sweep } : {}),
  onProgress: (done, total, label) =>
    parentPort!.postMessage({
      type: 'progress',
      fraction: total > 0 ? Math.min(1, done / total) : 0,
      done,
      total,
      label,
    }),
}).then(
  (result) => parentPort!.postMessage({ type: 'done', result }),
  (error: unknown) =>
    parentPort!.postMessage({
      type: 'failed',
      issues: [
        { code: 'internal', path: '', message: error instanceof Error ? error.message : String(error) },
      ],
    }),
);
