/**
 * Worker thread of `chipmix port scan`: builds the parsers and the rule interest once, then takes
 * files from the counter it shares with the main thread and the other workers until none is left
 * (see `pool.ts`). Bundled as dist/port-worker.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createScanContext, type FileResult, scanFile } from './file-scan';
import type { RuleMatch } from './types';
import type { SourceFile } from './walk';

export interface WorkerJob {
  readonly files: readonly SourceFile[];
  /** One Int32: the index of the next file nobody has taken. */
  readonly next: SharedArrayBuffer;
}

export interface WorkerReply {
  readonly indices: number[];
  readonly results: FileResult[];
  /** The last reply: no file is left. */
  readonly done: boolean;
}

/** Results go back in groups: fewer messages, and still a steady flow the main thread takes in. */
const FILES_PER_REPLY = 8;

const port = parentPort;
if (port) {
  const context = createScanContext((workerData as { matches: RuleMatch[] }).matches);
  port.once('message', async ({ files, next: shared }: WorkerJob) => {
    const ctx = await context;
    const next = new Int32Array(shared);
    let reply: WorkerReply = { indices: [], results: [], done: false };
    for (let i = Atomics.add(next, 0, 1); i < files.length; i = Atomics.add(next, 0, 1)) {
      reply.indices.push(i);
      reply.results.push(scanFile(files[i]!, ctx));
      if (reply.indices.length === FILES_PER_REPLY) {
        port.postMessage(reply);
        reply = { indices: [], results: [], done: false };
      }
    }
    port.postMessage({ ...reply, done: true });
    port.close(); // nothing left to do: the thread ends without waiting to be terminated
  });
}
