/**
 * Worker thread for layout searches: the search is synchronous CPU work, so it runs here, posts its
 * progress, and is cancelled by terminating the thread. Input and output are plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildContext } from '../core/train/context';
import { normaliseRequest, report, type TrainRequest } from '../core/train/estimate';
import { searchLayouts } from '../core/train/search';

interface SearchJobInput {
  readonly request: TrainRequest;
  readonly top: number;
}

const { request, top } = workerData as SearchJobInput;
const normalised = normaliseRequest(request);
if (!normalised.ok) {
  parentPort!.postMessage({ type: 'failed', issues: normalised.issues });
} else {
  const ctx = normalised.value;
  const started = performance.now();
  let last = 0;
  const result = searchLayouts(ctx, request.layout ?? {}, {
    top,
    onProgress: (fraction) => {
      // at most ~20 messages per search
      if (fraction - last >= 0.05 || fraction >= 1) {
        last = fraction;
        parentPort!.postMessage({ type: 'progress', fraction });
      }
    },
  });
  const fresh = buildContext(ctx.model, ctx.hardware, ctx.setup, ctx.devices);
  parentPort!.postMessage({
    type: 'done',
    result: {
      evaluated: result.evaluated,
      feasible: result.feasible,
      elapsedSeconds: (performance.now() - started) / 1000,
      top: result.top.map((r) => report(fresh, r.layout, r.evaluation, request)),
    },
  });
}
