/**
 * The HTTP side of the server's writer (./writer-worker.ts): sends it import and undo requests and
 * awaits the answer without blocking the event loop. The thread starts on the first write and is
 * started again if it dies.
 */
import type { Catalog } from '../core/catalog/catalog';
import type { StoreLocation } from '../store/open';
import type { Role } from '../store/users';
import { WorkerClient } from './worker-spawn';

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
  private readonly client: WorkerClient<WriterRequest, WriterReply>;

  constructor(store: StoreLocation, catalog: Catalog) {
    this.client = new WorkerClient<WriterRequest, WriterReply>(
      'writer-worker',
      { store, catalog },
      (why) => ({
        status: 500,
        body: { error: 'internal error' },
        internal: `the writer thread ${why}`,
      }),
    );
  }

  /** An import's body bytes move to the writer thread instead of being copied. */
  request(request: WriterRequest): Promise<WriterReply> {
    return this.client.request(request, request.kind === 'import' ? [request.raw] : []);
  }

  /** Lets queued writes finish and closes the writer's store. */
  close(): Promise<void> {
    return this.client.close();
  }
}
