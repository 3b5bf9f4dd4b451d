/**
 * The training engine in the browser: the same zod schema as the API validates the form, and the pure
 * core estimates, so the page updates as the user types without a round trip.
 */
import { loadBuiltinCatalog } from '../../core/catalog/load';
import { estimateTraining } from '../../core/train/estimate';
import { toTrainRequest, trainRequestSchema, zodIssues } from '../../server/schemas/train';

const catalog = loadBuiltinCatalog();

export interface EstimateMessage {
  readonly seq: number;
  readonly body: unknown;
}

export type EstimateReply =
  | { seq: number; ms: number; ok: true; value: unknown }
  | { seq: number; ms: number; ok: false; issues: { path: string; message: string }[] };

self.onmessage = (event: MessageEvent<EstimateMessage>) => {
  const { seq, body } = event.data;
  const started = performance.now();
  const reply = (
    r: { ok: true; value: unknown } | { ok: false; issues: { path: string; message: string }[] },
  ) => self.postMessage({ seq, ms: performance.now() - started, ...r } as EstimateReply);
  const parsed = trainRequestSchema.safeParse(body);
  if (!parsed.success) return reply({ ok: false, issues: zodIssues(parsed.error) });
  const request = toTrainRequest(catalog, parsed.data);
  if (!request.ok) return reply({ ok: false, issues: request.issues });
  const result = estimateTraining(request.value);
  if (!result.ok) return reply({ ok: false, issues: result.issues });
  return reply({ ok: true, value: result.value });
};
