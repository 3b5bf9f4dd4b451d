/**
 * Worker thread for layout searches: the search is synchronous CPU work, so it runs here, posts its
 * progress, and is cancelled by terminating the thread. The use case is the core's searchAndReport,
 * the same the CLI's `train search` runs; input and output are plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { searchAndReport } from '../core/train/search-report';
import type { TrainRequest } from '../core/train/types';

interface SearchJobInput {
  readonly request: TrainRequest;
  readonly top: number;
}

const { request, top } = workerData as SearchJobInput;
let last = 0;
const result = searchAndReport(request, {
  top,
  clockMs: () => performance.now(),
  onProgress: (fraction) => {
    // at most ~20 messages per search
    if (fraction - last >= 0.05 || fraction >= 1) {
      last = fraction;
      parentPort!.postMessage({ type: 'progress', fraction });
    }
  },
});
if (result.ok) parentPort!.postMessage({ type: 'done', result: result.value });
else parentPort!.postMessage({ type: 'failed', issues: result.issues });
