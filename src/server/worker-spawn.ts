/**
 * Starting the server's worker threads: the bundled `<name>.js` next to dist/cli.js, else the
 * TypeScript source loaded through tsx's loader (development and tests; tsx is a dev dependency).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { z } from 'zod';
import type { errorSchema } from '../core/contract';

/**
 * A worker thread's answer to one request: the use case's response (status 200), or an error body
 * with its HTTP status. `internal` is for the server's log, never shown.
 */
export type Reply<T> =
  | { readonly status: 200; readonly body: T }
  | {
      readonly status: 400 | 403 | 404 | 409 | 500 | 503;
      readonly body: z.output<typeof errorSchema>;
      readonly internal?: string;
    };

/** The answer to a request lost with its thread. */
export const lostReply = (thread: string) => (why: string) =>
  ({ status: 500, body: { error: 'internal error' }, internal: `the ${thread} thread ${why}` }) as const;

export type WorkerName =
  | 'search-worker'
  | 'plan-worker'
  | 'writer-worker'
  | 'document-worker'
  | 'compliance-reader'
  | 'engine-worker';

export function spawnWorker(name: WorkerName, workerData: unknown): Worker {
  const js = new URL(`./${name}.js`, import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData });
  const ts = new URL(`./${name}.ts`, import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(ts)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

/**
 * Request and answer with a long-lived worker thread: started on the first request and again after
 * it dies; a request lost with a dead thread is answered by `lost(why)`. `close` asks the thread to
 * finish what it has (message `{ close: true }`) and stops it after 10 s at the latest.
 *
 * With `timeLimit`, a request the thread has worked on for longer than `timeLimit.ms` is answered by
 * `timeLimit.reply(ms)`: the thread is stopped, and the requests queued behind it go to a fresh one.
 * The thread answers in arrival order, so the oldest unanswered request is the one it is working on; the clock
 * starts once the thread has loaded its code (it posts `{ ready: true }`).
 */
export class WorkerClient<Request, Reply> {
  private worker: Worker | null = null;
  private next = 1;
  /** The current thread's unanswered requests, oldest first. */
  private pending = new Map<number, { request: Request; resolve: (reply: Reply) => void }>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timedHead = 0;
  /** Whether the current thread has loaded its code (`{ ready: true }`): its start-up is not timed. */
  private ready = false;

  constructor(
    private readonly name: WorkerName,
    private readonly workerData: unknown,
    private readonly lost: (why: string) => Reply,
    private readonly timeLimit?: { readonly ms: number; readonly reply: (ms: number) => Reply },
  ) {}

  request(request: Request, transfer: ArrayBuffer[] = []): Promise<Reply> {
    return new Promise((resolve) => this.post(this.next++, request, resolve, transfer));
  }

  private post(id: number, request: Request, resolve: (reply: Reply) => void, transfer: ArrayBuffer[] = []) {
    const worker = this.start();
    this.pending.set(id, { request, resolve });
    try {
      worker.postMessage({ id, request }, transfer);
    } catch (error) {
      // a request the structured clone cannot copy: answered as lost, and not left pending
      this.pending.delete(id);
      resolve(this.lost(`could not send the request: ${(error as Error).message}`));
    }
    this.watch();
  }

  /** Times the oldest unanswered request (the one the thread works on), if it is not timed yet. */
  private watch(): void {
    if (!this.timeLimit || !this.ready) return;
    const head = this.pending.keys().next().value;
    if (head === this.timedHead) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timedHead = head ?? 0;
    if (head === undefined) return;
    const limit = this.timeLimit;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timedHead = 0;
      const worker = this.worker;
      const entries = [...this.pending.entries()];
      // emptied, so the stopped thread's exit answers none of them as lost
      this.pending.clear();
      const [first, ...rest] = entries;
      // the stuck thread goes; what was queued behind its request starts again on a fresh thread
      this.worker = null;
      this.ready = false;
      this.pending = new Map();
      void worker?.terminate();
      first?.[1].resolve(limit.reply(limit.ms));
      for (const [id, { request, resolve }] of rest) this.post(id, request, resolve);
    }, limit.ms);
    this.timer.unref?.();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnWorker(this.name, this.workerData);
    const pending = this.pending;
    this.ready = false;
    worker.on('message', (message: { id: number; reply: Reply } | { ready: true }) => {
      if ('ready' in message) {
        if (this.worker === worker) {
          this.ready = true;
          this.watch();
        }
        return;
      }
      const entry = pending.get(message.id);
      pending.delete(message.id);
      entry?.resolve(message.reply);
      if (pending === this.pending) this.watch();
    });
    const fail = (why: string) => {
      if (this.worker === worker) {
        this.worker = null;
        this.ready = false;
      }
      const lost = [...pending.values()];
      pending.clear();
      if (pending === this.pending) {
        this.pending = new Map();
        this.watch();
      }
      for (const { resolve } of lost) resolve(this.lost(why));
    };
    worker.on('error', (error) => fail(`failed: ${error.stack ?? error.message}`));
    worker.on('exit', (code) => fail(`exited (${code})`));
    // an idle thread must not keep the process alive
    worker.unref();
    this.worker = worker;
    return worker;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const worker = this.worker;
    this.worker = null;
    this.ready = false;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ close: true });
    const timer = setTimeout(() => void worker.terminate(), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * The worker side of WorkerClient: answers each request with `handle`, one at a time in arrival
 * order, and on `{ close: true }` runs `onClose` after what is queued, then ends the thread.
 */
export function serveRequests<Request, Reply>(
  port: import('node:worker_threads').MessagePort,
  handle: (request: Request) => Promise<Reply>,
  onClose: () => Promise<void>,
): void {
  let queue: Promise<void> = Promise.resolve();
  // the client times requests from here on, not the thread's start-up
  port.postMessage({ ready: true });
  port.on('message', (message: { id: number; request: Request } | { close: true }) => {
    if ('close' in message) {
      void queue.then(async () => {
        await onClose().catch(() => {});
        process.exit(0);
      });
      return;
    }
    queue = queue.then(async () => {
      port.postMessage({ id: message.id, reply: await handle(message.request) });
    });
  });
}
