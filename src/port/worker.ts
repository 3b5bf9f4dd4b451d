/**
 * Worker thread of `chipmix port scan`: builds the parsers and the rule interest once, then scans the
 * batches of files the main thread sends (see `pool.ts`). Bundled as dist/port-worker.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createScanContext, scanFile } from './file-scan';
import type { RuleMatch } from './types';
import type { SourceFile } from './walk';

export interface WorkerRequest {
  readonly id: number;
  readonly files: readonly SourceFile[];
}

const port = parentPort;
if (port) {
  const context = await createScanContext((workerData as { matches: RuleMatch[] }).matches);
  port.on('message', (request: WorkerRequest) => {
    port.postMessage({ id: request.id, results: request.files.map((file) => scanFile(file, context)) });
  });
  port.postMessage('ready');
}
