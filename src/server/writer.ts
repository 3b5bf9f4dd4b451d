/**
 * The HTTP side of the server's writer (./writer-worker.ts): sends it import and undo requests and
 * awaits the answer without blocking the event loop. The thread starts on the first write and is
 * started again if it dies.
 */
import type { Worker } from 'node:worker_threads';
import type { Catalog } from '../core/catalog/catalog';
import type { StoreLocation } from '../store/open';
import type { Role } from '../store/users';
import { spawnWorker } from './worker-spawn';

export type WriterRequest =
  /** `raw`: the request body's bytes (JSON, checked by the writer against the import schema). */
  | { readonly kind: 'import'; readonly actor: string; readonly role: Role; readonly raw: ArrayBuffer }
  | { readonly kind: 'undo'; readonly actor: string; readonly role: Role; readonly change: string };

export interface WriterReply {
  readonly status: 200 | 400 | 403 | 404 | 409 | 500 | 503;
  readonly body: Record<string, unknown>;
  /** For the server log when status is 500. */
  readonly internal?: string;
}

export class StoreWriter {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<number, (reply: WriterReply) => void>();

  constructor(
    private readonly store: StoreLocation,
    private readonly catalog: Catalog,
  ) {}

  request(request: WriterRequest): Promise<WriterReply> {
    const worker = this.start();
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      // the body's bytes move to the writer thread instead of being copied
      worker.postMessage({ id, request }, request.kind === 'import' ? [request.raw] : []);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnWorker('writer-worker', { store: this.store, catalog: this.catalog });
    worker.on('message', (message: { id: number; reply: WriterReply }) => {
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(message.reply);
    });
    const fail = (why: string) => {
      if (this.worker === worker) this.worker = null;
      for (const resolve of this.pending.values())
        resolve({ status: 500, body: { error: 'internal error' }, internal: `the writer thread ${why}` });
      this.pending.clear();
    };
    worker.on('error', (error) => fail(`failed: ${error.stack ?? error.message}`));
    worker.on('exit', (code) => fail(`exited (${code})`));
    // an idle writer must not keep the process alive
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Lets queued writes finish and closes the writer's store (terminated after 10 s). */
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
