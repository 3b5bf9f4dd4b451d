/** Comparisons: one best-layout search per compared system, as `chipmix compare`, in a worker thread. */
import { createRoute } from '@hono/zod-openapi';
import {
  type CompareResponse,
  compareRequestSchema,
  compareResponseSchema,
} from '../../core/compare/request';
import { type ApiApp, errorResponse as err, jsonBody, jsonResponse, type ServerDeps } from '../context';
import { engineFailure } from '../engine';

export function compareRoutes(app: ApiApp, deps: ServerDeps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/compare',
      tags: ['compare'],
      summary:
        'One workload on several systems with verdicts against the first (what `chipmix compare train|infer --json` prints)',
      request: { body: jsonBody(compareRequestSchema) },
      responses: {
        200: jsonResponse(compareResponseSchema, 'the comparison'),
        400: err('invalid request, unknown hardware, or no estimate for the reference system'),
        429: err('too many comparisons or estimates waiting (per user or in all); see Retry-After'),
        500: err('the engine thread failed'),
        503: err('stopped at the engine time limit'),
      },
    }),
    async (c) => {
      const answer = await deps.engine.request(c.get('principal').name, {
        kind: 'compare',
        request: c.req.valid('json'),
      });
      const failed = engineFailure(c, answer);
      if (failed) return failed as never;
      return c.json((answer as { value: CompareResponse }).value, 200);
    },
  );
}
