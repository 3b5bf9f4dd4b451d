/**
 * The HTTP side of the compliance reader (./compliance-reader.ts): status, trajectory and what-if
 * are computed in that thread, from a timeline it keeps per store revision.
 */
import type { Catalog } from '../core/catalog/catalog';
import type { Basis } from '../core/compliance/types';
import type { StatusView, TrajectoryView, WhatIfRequest, WhatIfView } from '../core/compliance/view';
import type { ReportLang } from '../report/text';
import type { StoreLocation } from '../store/open';
import { lostReply, type Reply, WorkerClient } from './worker-spawn';

export type ReaderRequest =
  | { readonly kind: 'status'; readonly asOf: string; readonly basis: Basis }
  | { readonly kind: 'trajectory'; readonly from: string; readonly to: string; readonly basis: Basis }
  | ({ readonly kind: 'what-if'; readonly asOf: string } & Omit<WhatIfRequest, 'asOf'>)
  | ReportRequest;

/** The HTML compliance report (`chipmix comply report`), in English or Simplified Chinese. */
export interface ReportRequest {
  readonly kind: 'report';
  readonly asOf: string;
  readonly from: string;
  readonly to: string;
  readonly lang: ReportLang;
  readonly generatedAt: string;
}

export type ReaderReply = Reply<StatusView | TrajectoryView | WhatIfView | { html: string }>;

export class ComplianceReader {
  private readonly client: WorkerClient<ReaderRequest, ReaderReply>;

  constructor(store: StoreLocation, catalog: Catalog) {
    this.client = new WorkerClient<ReaderRequest, ReaderReply>(
      'compliance-reader',
      { store, catalog },
      lostReply('compliance'),
    );
  }

  status(asOf: string, basis: Basis): Promise<Reply<StatusView>> {
    return this.client.request({ kind: 'status', asOf, basis }) as Promise<Reply<StatusView>>;
  }

  trajectory(from: string, to: string, basis: Basis): Promise<Reply<TrajectoryView>> {
    return this.client.request({ kind: 'trajectory', from, to, basis }) as Promise<Reply<TrajectoryView>>;
  }

  whatIf(request: WhatIfRequest, today: string): Promise<Reply<WhatIfView>> {
    return this.client.request({
      ...request,
      kind: 'what-if',
      asOf: request.asOf ?? today,
    }) as Promise<Reply<WhatIfView>>;
  }

  report(request: Omit<ReportRequest, 'kind'>): Promise<Reply<{ html: string }>> {
    return this.client.request({ ...request, kind: 'report' }) as Promise<Reply<{ html: string }>>;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
