/**
 * The layout search as a use case: search the fields the request leaves open and report the best
 * layouts as estimates. The CLI's `train search` and the server's search thread both run this; the
 * adapter supplies the clock (the core reads none) and, if it wants, a progress callback.
 */
import { fail, ok, type Result } from '../result';
import { normaliseRequest, report } from './estimate';
import type { TrainSearchResult } from './request';
import { searchLayouts } from './search';
import type { TrainRequest } from './types';

export interface SearchAndReportOptions {
  readonly top: number;
  /** Milliseconds from any fixed origin (performance.now): only differences are used. */
  readonly clockMs: () => number;
  /** 0..1, as the search proceeds. */
  readonly onProgress?: (fraction: number) => void;
}

export function searchAndReport(
  request: TrainRequest,
  options: SearchAndReportOptions,
): Result<TrainSearchResult> {
  const normalised = normaliseRequest(request);
  if (!normalised.ok) return fail(...normalised.issues);
  const ctx = normalised.value;
  const started = options.clockMs();
  const result = searchLayouts(ctx, request.layout ?? {}, {
    top: options.top,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const elapsedSeconds = (options.clockMs() - started) / 1000;
  return ok({
    evaluated: result.evaluated,
    feasible: result.feasible,
    elapsedSeconds,
    top: result.top.map((r) => report(ctx, r.layout, r.evaluation, request)),
  });
}
