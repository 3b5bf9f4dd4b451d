/**
 * The HTTP side of the compliance reader (./compliance-reader.ts): status, trajectory and what-if
 * are computed in that thread, from a timeline it keeps per store revision.
 */
import type { Catalog } from '../core/catalog/catalog';
import type { Basis } from '../core/compliance/types';
import type { WhatIfAdd, WhatIfRemove } from '../core/compliance/what-if';
import type { StoreLocation } from '../store/open';
import { WorkerClient } from './worker-spawn';

export type ReaderRequest =
  | { readonly kind: 'status'; readonly asOf: string; readonly basis: Basis }
  | { readonly kind: 'trajectory'; readonly from: string; readonly to: string; readonly basis: Basis }
  | {
      readonly kind: 'what-if';
      readonly asOf: string;
      readonly basis: Basis;
      readonly add: WhatIfAdd[];
      readonly remove: WhatIfRemove[];
    };

export interface ReaderReply {
  readonly status: 200 | 400 | 500 | 503;
  readonly body: Record<string, unknown>;
  /** For the server log when status is 500. */
  readonly internal?: string;
}

export class ComplianceReader {
  private readonly client: WorkerClient<ReaderRequest, ReaderReply>;

  constructor(store: StoreLocation, catalog: Catalog) {
    this.client = new WorkerClient<ReaderRequest, ReaderReply>(
      'compliance-reader',
      { store, catalog },
      (why) => ({
        status: 500,
        body: { error: 'internal error' },
        internal: `the compliance thread ${why}`,
      }),
    );
  }

  request(request: ReaderRequest): Promise<ReaderReply> {
    return this.client.request(request);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
