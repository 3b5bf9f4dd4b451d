/**
 * Parses on all cores: the file list is cut into batches that worker threads and the main thread
 * take in turn until none is left. Each worker builds its own parsers (web-tree-sitter instances
 * cannot be shared across threads). The main thread works too, so a scan never waits for workers to
 * start, and small trees (where starting workers costs more than it saves) stay on it alone.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createScanContext, type FileResult, type ReadBytes, scanFile } from './file-scan';
import type { RuleMatch } from './types';
import type { SourceFile } from './walk';

/** Below this many files, one thread is faster (a worker needs ~0.2 s to load its grammars). */
const MIN_FILES_FOR_WORKERS = 200;
const BATCH_FILES = 16;

export interface PoolOptions {
  /** Threads in all, the main thread included (default: every core). */
  readonly threads?: number;
  /** Read files through this function (tests); forces a single thread. */
  readonly readBytes?: ReadBytes;
  /** Leave every batch to the workers (tests of the workers themselves). */
  readonly workersOnly?: boolean;
}

/**
 * The worker: the bundled `port-worker.js` beside this chunk in dist/, else the TypeScript source
 * through tsx's loader (development and tests; tsx is a dev dependency).
 */
function spawnWorker(matches: readonly RuleMatch[]): Worker {
  const js = new URL('./port-worker.js', import.meta.url);
  const workerData = { matches };
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData });
  // bench/port-scan.ts points this at the built worker, so that timings measure what users run
  const built = process.env.CHIPMIX_PORT_WORKER;
  if (built && existsSync(built)) return new Worker(built, { workerData });
  const ts = new URL('./worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(ts)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

export interface PoolResult {
  readonly results: FileResult[];
  readonly threads: number;
}

export async function scanFiles(
  files: readonly SourceFile[],
  matches: readonly RuleMatch[],
  options: PoolOptions = {},
): Promise<PoolResult> {
  const wanted = options.readBytes ? 1 : Math.max(1, options.threads ?? availableParallelism());
  const context = await createScanContext(matches);
  if (wanted === 1 || files.length < MIN_FILES_FOR_WORKERS) {
    return { results: files.map((f) => scanFile(f, context, options.readBytes)), threads: 1 };
  }
  const results: FileResult[] = new Array(files.length);
  const batches: [number, number][] = [];
  for (let start = 0; start < files.length; start += BATCH_FILES)
    batches.push([start, Math.min(files.length, start + BATCH_FILES)]);
  let next = 0;
  let pending = 0;
  const workers: Worker[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const dispatch = (worker: Worker) => {
    if (next >= batches.length) return;
    const id = next++;
    const [start, end] = batches[id]!;
    pending += 1;
    worker.postMessage({ id, files: files.slice(start, end) });
  };
  for (let i = 0; i < wanted - 1; i += 1) {
    const worker = spawnWorker(matches);
    workers.push(worker);
    worker.on('message', (message: 'ready' | { id: number; results: FileResult[] }) => {
      if (message !== 'ready') {
        const [start] = batches[message.id]!;
        message.results.forEach((r, k) => {
          results[start + k] = r;
        });
        pending -= 1;
      }
      dispatch(worker);
      notify();
    });
    worker.on('error', (error) => {
      failure ??= error;
      notify();
    });
  }
  try {
    // the main thread takes batches too, yielding between them so worker replies are handled
    while (!options.workersOnly && next < batches.length && !failure) {
      const [start, end] = batches[next++]!;
      for (let k = start; k < end; k += 1) results[k] = scanFile(files[k]!, context);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    while ((pending > 0 || next < batches.length) && !failure)
      await new Promise<void>((resolve) => (wake = resolve));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (failure) {
    // a worker that died leaves its batches undone: finish them here rather than fail the scan
    for (let k = 0; k < files.length; k += 1) results[k] ??= scanFile(files[k]!, context);
  }
  return { results, threads: wanted };
}
