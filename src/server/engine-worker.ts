/**
 * The engine thread: POST /api/compare (one layout search per compared system, several per serving system: seconds
 * of CPU for a long list) and POST /api/train/estimate (a layout search when fields are missing: up to half a second
 * for a large MoE). Both must cost this thread, never the HTTP thread: fifty concurrent estimates held /api/health
 * for 8 s when they ran there. One request at a time, in arrival order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Catalog } from '../core/catalog/catalog';
import { compareSystems } from '../core/compare/compare';
import { estimateTraining } from '../core/train/estimate';
import type { EngineReply, EngineRequest } from './engine-jobs';
import { serveRequests } from './worker-spawn';

const { catalog } = workerData as { catalog: Catalog };

serveRequests<EngineRequest, EngineReply>(
  parentPort!,
  async (job) =>
    job.kind === 'compare' ? compareSystems(catalog, job.request) : estimateTraining(job.request),
  async () => {},
);
