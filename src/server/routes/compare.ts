/** Comparisons: one best-layout search per compared system, as `chipmix compare`, in a worker thread. */
import { createRoute } from '@hono/zod-openapi';
import {
  type CompareResponse,
  compareRequestSchema,
  compareResponseSchema,
} from '../../core/compare/request';
import type { Result } from '../../core/result';
import { type ApiApp, errorResponse as err, jsonBody, jsonResponse, type ServerDeps } from '../context';
import { badRequest, fromCoreIssues } from '../errors';

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
        500: err('the comparison thread failed'),
      },
    }),
    async (c) => {
      const result = (await deps.engine.request({
        kind: 'compare',
        request: c.req.valid('json'),
      })) as Result<CompareResponse>;
      if (!result.ok && result.issues[0]?.code === 'internal') {
        console.error(`chipmix: ${result.issues[0].message}`);
        return c.json({ error: 'internal error' }, 500);
      }
      if (!result.ok) return badRequest(c, fromCoreIssues(result.issues));
      return c.json(result.value, 200);
    },
  );
}
