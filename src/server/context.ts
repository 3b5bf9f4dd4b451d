/** What routes share: the store, the catalog, the job runner, the clock, and the app's Env type. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Catalog } from '../core/catalog/catalog';
import { errorSchema } from '../core/contract';
import type { Store } from '../store/open';
import type { AuthConfig, Principal } from './auth';
import type { ComplianceReader } from './compliance';
import type { DocumentChecker } from './documents';
import type { Engine } from './engine';
import type { JobRunner } from './jobs';
import type { StoreWriter } from './writer';

export interface ServerDeps {
  readonly store: Store;
  readonly catalog: Catalog;
  readonly auth: AuthConfig;
  readonly jobs: JobRunner;
  /** Status, trajectory and what-if, computed in a worker thread from a cached timeline. */
  readonly compliance: ComplianceReader;
  /** Reads and checks scenario documents in a worker thread (off the event loop, with a time limit). */
  readonly documents: DocumentChecker;
  /**
   * Comparisons, training and serving estimates, in a worker thread behind a bounded queue (POST /api/compare,
   * /api/train/estimate, /api/infer/estimate).
   */
  readonly engine: Engine;
  /** The one writer (a worker thread): imports and undos go through it, in turn. */
  readonly writer: StoreWriter;
  /** Today (UTC) as YYYY-MM-DD; injectable for tests. */
  readonly today: () => string;
}

export type AppEnv = { Variables: { principal: Principal } };
export type ApiApp = OpenAPIHono<AppEnv>;

export const jsonBody = <T>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** A JSON answer described by a core response schema (the OpenAPI document is generated from it). */
export const jsonResponse = <T>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** An error answer: `{ error, issues? }`. */
export const errorResponse = (description: string) => jsonResponse(errorSchema, description);
