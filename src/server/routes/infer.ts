/** Serving estimates: the layout search runs in the engine thread (../engine.ts), as training estimates do. */
import { createRoute } from '@hono/zod-openapi';
import {
  inferRequestSchema,
  type ServingEstimateView,
  servingEstimateViewSchema,
  toServingSearch,
} from '../../core/infer/request';
import { type ApiApp, errorResponse as err, jsonBody, jsonResponse, type ServerDeps } from '../context';
import { engineFailure } from '../engine';
import { badRequest, fromCoreIssues } from '../errors';

export function inferRoutes(app: ApiApp, deps: ServerDeps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/infer/estimate',
      tags: ['infer'],
      summary:
        'Serving estimate: the best layout for the fields not given (what `chipmix infer estimate --json` prints)',
      request: { body: jsonBody(inferRequestSchema) },
      responses: {
        200: jsonResponse(servingEstimateViewSchema, 'the serving estimate'),
        400: err('invalid request or no layout fits'),
        429: err('too many comparisons or estimates waiting (per user or in all); see Retry-After'),
        500: err('the engine thread failed'),
        503: err('stopped at the engine time limit'),
      },
    }),
    async (c) => {
      const search = toServingSearch(deps.catalog, c.req.valid('json'));
      if (!search.ok) return badRequest(c, fromCoreIssues(search.issues));
      // a search of a few hundred layouts: CPU the HTTP thread must not spend (200 at once held health 1.15 s)
      const answer = await deps.engine.request(c.get('principal').name, {
        kind: 'infer-estimate',
        request: search.value,
      });
      const failed = engineFailure(c, answer);
      if (failed) return failed as never;
      return c.json((answer as { value: ServingEstimateView }).value, 200);
    },
  );
}
