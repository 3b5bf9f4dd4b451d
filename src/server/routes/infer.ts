/** Serving estimates (synchronous: a serving layout search is a few hundred estimates). */
import { createRoute } from '@hono/zod-openapi';
import {
  inferRequestSchema,
  rankServingLayouts,
  servingEstimateView,
  servingEstimateViewSchema,
  toServingSearch,
} from '../../core/infer/request';
import { type ApiApp, errorResponse as err, jsonBody, jsonResponse, type ServerDeps } from '../context';
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
      },
    }),
    (c) => {
      const search = toServingSearch(deps.catalog, c.req.valid('json'));
      if (!search.ok) return badRequest(c, fromCoreIssues(search.issues));
      const ranked = rankServingLayouts(search.value);
      const best = ranked[0];
      if (!best)
        return badRequest(c, [{ code: 'no_fit', path: 'devices', message: 'no layout fits these devices' }]);
      return c.json(servingEstimateView(best, ranked.length > 1), 200);
    },
  );
}
