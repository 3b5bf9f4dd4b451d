/**
 * Worker thread of `chipmix port scan`: boots while the main thread walks the tree, then, given the
 * job (the files, the shared counter, the grammars the main thread compiled), takes files from the
 * counter until none is left (see `pool.ts`). Bundled as dist/port-worker.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createScanContext, type FileResult, scanFile } from './file-scan';
import type { GrammarModules } from './parsers';
import type { RuleMatch } from './types';
import type { SourceFile } from './walk';

export interface WorkerJob {
  readonly files: readonly SourceFile[];
  /** The order files are taken in: `files[order[i]]` is the i-th file taken. */
  readonly order: Int32Array;
  /** One Int32: how many files have been taken. */
  readonly next: SharedArrayBuffer;
  readonly modules: GrammarModules;
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
  const matches = (workerData as { matches: RuleMatch[] }).matches;
  port.once('message', async ({ files, order, next: shared, modules }: WorkerJob) => {
    const context = await createScanContext(matches, modules);
    const next = new Int32Array(shared);
    let reply: WorkerReply = { indices: [], results: [], done: false };
    for (let i = Atomics.add(next, 0, 1); i < files.length; i = Atomics.add(next, 0, 1)) {
      const index = order[i]!;
      reply.indices.push(index);
      reply.results.push(scanFile(files[index]!, context));
      if (reply.indices.length === FILES_PER_REPLY) {
        port.postMessage(reply);
        reply = { indices: [], results: [], done: false };
      }
    }
    port.postMessage({ ...reply, done: true });
    port.close(); // nothing left to do: the thread ends without waiting to be terminated
  });
}
