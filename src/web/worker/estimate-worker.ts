/**
 * The training engine in the browser: the core's training contract (src/core/train/request.ts, the
 * same schema the CLI and the API run) reads the form, and the pure core estimates, so the page
 * updates as the user types without a round trip.
 */

import { loadBuiltinCatalog } from '../../core/catalog/load';
import type { ApiIssue } from '../../core/contract';
import { apiIssues } from '../../core/contract';
import { estimateTrainingRequest } from '../../core/train/estimate';
import type { TrainEstimate } from '../../core/train/request';

const catalog = loadBuiltinCatalog();

export interface EstimateMessage {
  readonly seq: number;
  readonly body: unknown;
}

export type EstimateReply =
  | { seq: number; ms: number; ok: true; value: TrainEstimate }
  | { seq: number; ms: number; ok: false; issues: ApiIssue[] };

/** The worker's answer to one request body: what POST /api/train/estimate answers, as a value. */
export function estimateReply(
  body: unknown,
): { ok: true; value: TrainEstimate } | { ok: false; issues: ApiIssue[] } {
  const result = estimateTrainingRequest(catalog, body);
  return result.ok ? result : { ok: false, issues: apiIssues(result.issues) };
}

if (typeof self !== 'undefined' && typeof self.postMessage === 'function' && typeof window === 'undefined')
  self.onmessage = (event: MessageEvent<EstimateMessage>) => {
    const { seq, body } = event.data;
    const started = performance.now();
    const reply = estimateReply(body);
    self.postMessage({ seq, ms: performance.now() - started, ...reply } as EstimateReply);
  };
