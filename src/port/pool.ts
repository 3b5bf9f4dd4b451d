/**
 * Parses on all cores: worker threads and the main thread take files one at a time from a shared
 * counter (a SharedArrayBuffer) until none is left. No thread waits for another to hand it work
 * (a worker that finished a batch used to wait for the busy main thread to send the next), and the
 * last thread to finish is one file behind, not one batch. Each worker builds its own parsers
 * (web-tree-sitter instances cannot be shared across threads) and posts its results in small
 * groups, which the main thread takes in between its own files.
 *
 * Workers start as soon as the walk has found enough files to need them, so their start-up
 * (~80 ms of CPU: a thread, the module, the grammars the main thread compiled) overlaps the rest
 * of the walk; until they are ready the main thread has the files to itself. Small trees stay on
 * the main thread alone.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createScanContext, type FileResult, type ReadBytes, type ScanContext, scanFile } from './file-scan';
import { grammarModules } from './parsers';
import type { RuleMatch } from './types';
import type { SourceFile } from './walk';
import type { WorkerJob, WorkerReply } from './worker';

/** Below this many files, one thread is faster (a worker costs ~0.1 s to start, plus its cold JIT). */
export const MIN_FILES_FOR_WORKERS = 200;
/** The main thread lets worker replies in at least this often (ms). */
const YIELD_MS = 5;

export interface PoolOptions {
  /** Threads in all, the main thread included (default: every core). */
  readonly threads?: number;
  /** Read files through this function (tests); forces a single thread. */
  readonly readBytes?: ReadBytes;
  /** Leave every file to the workers (tests of the workers themselves). */
  readonly workersOnly?: boolean;
}

export interface PoolResult {
  readonly results: FileResult[];
  readonly threads: number;
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

/**
 * C, C++ and CUDA files last. The C grammar's lexer is one huge wasm function (99 kB), and V8 hands it to its
 * optimising compiler after the first kilobytes of C: ~0.25 s of one core (trace-wasm-compilation-times). Taken
 * first, as they were, a Python tree's few C files started that compile at once, where it took a core from the
 * parsers for most of a quarter second; taken last, it starts near the end and overlaps the report, which runs on
 * the main thread alone while the other core is idle. A tree of C files is parsed the same either way. (The worker
 * that meets a C file instantiates the C grammar then: ~5 ms.)
 */
function takingOrder(files: readonly SourceFile[]): Int32Array {
  const order = new Int32Array(files.length);
  let at = 0;
  const isC = (f: SourceFile) => f.kind === 'c-family' || f.kind === 'cuda';
  files.forEach((f, i) => {
    if (!isC(f)) order[at++] = i;
  });
  files.forEach((f, i) => {
    if (isC(f)) order[at++] = i;
  });
  return order;
}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One scan's threads: create it before the walk, pass `onFileFound` to the walk, then `scan`. */
export class ScanPool {
  private readonly threads: number;
  private readonly workers: Worker[] = [];
  /** The main thread's parsers, loading (off the main thread, in wasm compiles) during the walk. */
  private readonly context: Promise<ScanContext>;

  constructor(
    private readonly matches: readonly RuleMatch[],
    private readonly options: PoolOptions = {},
  ) {
    this.threads = options.readBytes ? 1 : Math.max(1, options.threads ?? availableParallelism());
    this.context = createScanContext(matches);
    // a rejection is reported by `scan`; until then it must not count as unhandled
    this.context.catch(() => undefined);
  }

  /** For the walk: starts the workers once the tree has enough files to need them. */
  readonly onFileFound = (count: number): void => {
    if (count !== MIN_FILES_FOR_WORKERS || this.threads === 1) return;
    for (let i = 1; i < this.threads; i += 1) {
      const worker = spawnWorker(this.matches);
      // until `scan` takes them, the workers must not keep the process alive (if the walk threw)
      worker.unref();
      this.workers.push(worker);
    }
  };

  async scan(files: readonly SourceFile[]): Promise<PoolResult> {
    try {
      return await this.run(files);
    } finally {
      this.close();
    }
  }

  /**
   * Stops the workers without waiting for them: a worker tearing down its heap and grammars took
   * 50-250 ms, on its own core, that the scan need not wait for. `scan` calls it; call it yourself
   * only when the walk failed and `scan` will not run.
   */
  close(): void {
    for (const worker of this.workers.splice(0)) {
      worker.removeAllListeners('message'); // a late reply must not touch the results handed back
      worker.unref();
      void worker.terminate();
    }
  }

  private async run(files: readonly SourceFile[]): Promise<PoolResult> {
    const context = await this.context;
    if (this.workers.length === 0 || files.length < MIN_FILES_FOR_WORKERS) {
      const results = files.map((f) => scanFile(f, context, this.options.readBytes));
      return { results, threads: 1 };
    }
    const results: FileResult[] = new Array(files.length);
    const order = takingOrder(files);
    const next = new Int32Array(new SharedArrayBuffer(4));
    const modules = await grammarModules(); // compiled already: the main thread's parsers use them
    let running = this.workers.length;
    let failure: unknown;
    let wake: (() => void) | undefined;
    const notify = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    for (const worker of this.workers) {
      worker.ref();
      let done = false;
      worker.on('message', (reply: WorkerReply) => {
        reply.indices.forEach((index, k) => {
          results[index] = reply.results[k]!;
        });
        if (reply.done) {
          done = true;
          running -= 1;
          notify();
        }
      });
      worker.on('error', (error) => {
        failure ??= error;
        notify();
      });
      worker.on('exit', () => {
        if (!done) failure ??= new Error('a port worker exited before its last file');
        notify();
      });
      worker.postMessage({ files, order, next: next.buffer, modules } satisfies WorkerJob);
    }
    if (!this.options.workersOnly) {
      let yielded = performance.now();
      for (let i = Atomics.add(next, 0, 1); i < files.length && !failure; i = Atomics.add(next, 0, 1)) {
        const index = order[i]!;
        results[index] = scanFile(files[index]!, context);
        if (performance.now() - yielded >= YIELD_MS) {
          await yieldToEvents();
          yielded = performance.now();
        }
      }
    }
    while (running > 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
    this.close();
    // a worker that died leaves the files it took undone: finish them here rather than fail the scan
    if (failure) for (let k = 0; k < files.length; k += 1) results[k] ??= scanFile(files[k]!, context);
    return { results, threads: this.threads };
  }
}
