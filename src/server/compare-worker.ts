/**
 * Worker thread for POST /api/compare: a comparison runs one layout search per system (several per
 * serving system, one per instance size), seconds of CPU for a long list, which must cost this
 * thread, never the HTTP thread. One comparison at a time, in arrival order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Catalog } from '../core/catalog/catalog';
import { compareSystems } from '../core/compare/compare';
import type { CompareRequest, CompareResponse } from '../core/compare/request';
import type { Result } from '../core/result';
import { serveRequests } from './worker-spawn';

const { catalog } = workerData as { catalog: Catalog };

serveRequests<CompareRequest, Result<CompareResponse>>(
  parentPort!,
  async (request) => compareSystems(catalog, request),
  async () => {},
);
