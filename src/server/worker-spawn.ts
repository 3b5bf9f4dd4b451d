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
 */
export class WorkerClient<Request, Reply> {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();

  constructor(
    private readonly name: WorkerName,
    private readonly workerData: unknown,
    private readonly lost: (why: string) => Reply,
  ) {}

  request(request: Request, transfer: ArrayBuffer[] = []): Promise<Reply> {
    const worker = this.start();
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      try {
        worker.postMessage({ id, request }, transfer);
      } catch (error) {
        // a request the structured clone cannot copy: answered as lost, and not left pending
        this.pending.delete(id);
        resolve(this.lost(`could not send the request: ${(error as Error).message}`));
      }
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnWorker(this.name, this.workerData);
    worker.on('message', (message: { id: number; reply: Reply }) => {
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(message.reply);
    });
    const fail = (why: string) => {
      if (this.worker === worker) this.worker = null;
      for (const resolve of this.pending.values()) resolve(this.lost(why));
      this.pending.clear();
    };
    worker.on('error', (error) => fail(`failed: ${error.stack ?? error.message}`));
    worker.on('exit', (code) => fail(`exited (${code})`));
    // an idle thread must not keep the process alive
    worker.unref();
    this.worker = worker;
    return worker;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
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
