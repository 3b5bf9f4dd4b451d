/**
 * The engine thread: POST /api/compare (one layout search per compared system, several per serving system: seconds
 * of CPU for a long list), POST /api/train/estimate (a layout search when fields are missing: up to half a second
 * for a large MoE) and POST /api/infer/estimate (a serving layout search). They must cost this thread, never the HTTP
 * thread: fifty concurrent training estimates held /api/health for 8 s when they ran there, 200 serving estimates
 * 1.15 s. One request at a time, in arrival order (the queue's bounds: ./engine.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Catalog } from '../core/catalog/catalog';
import { compareSystems } from '../core/compare/compare';
import { rankServingLayouts, type ServingSearch, servingEstimateView } from '../core/infer/request';
import { fail, ok } from '../core/result';
import { estimateTraining } from '../core/train/estimate';
import type { EngineReply, EngineRequest } from './engine-jobs';
import { serveRequests } from './worker-spawn';

const { catalog } = workerData as { catalog: Catalog };

serveRequests<EngineRequest, EngineReply>(
  parentPort!,
  async (job) =>
    job.kind === 'compare'
      ? compareSystems(catalog, job.request)
      : job.kind === 'train-estimate'
        ? estimateTraining(job.request)
        : bestServingLayout(job.request),
  async () => {},
);

/** The best serving layout of the search (what POST /api/infer/estimate answers), or no_fit. */
function bestServingLayout(search: ServingSearch): EngineReply {
  const ranked = rankServingLayouts(search);
  const best = ranked[0];
  if (!best) return fail({ code: 'no_fit', path: 'devices', message: 'no layout fits these devices' });
  return ok(servingEstimateView(best, ranked.length > 1));
}
