/** Catalog: list with filters, one entry with sources, comparison; model presets. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { compareIds } from '../../core/catalog/compare';
import { listEntries, showEntry } from '../../core/catalog/view';
import { say } from '../../core/messages/say';
import { getPresetConfig, listPresets } from '../../core/model/presets';
import type { ApiApp, ServerDeps } from '../context';
import { badRequest } from '../errors';
import { catalogQuerySchema, compareQuerySchema, idParamSchema } from '../schemas/catalog';
import { documentSchema, errorSchema } from '../schemas/common';

const err = (description: string) => ({
  content: { 'application/json': { schema: errorSchema } },
  description,
});
const ok = (description: string) => ({
  content: { 'application/json': { schema: documentSchema(description) } },
  description,
});

export function catalogRoutes(app: ApiApp, deps: ServerDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/catalog',
      tags: ['catalog'],
      summary: 'Catalog rows (chips first), filtered by vendor, domestic, kind and status',
      request: { query: catalogQuerySchema },
      responses: { 200: ok('{ entries: ListRow[] }'), 400: err('bad query') },
    }),
    (c) => {
      const q = c.req.valid('query');
      const entries = listEntries(deps.catalog, {
        ...(q.vendor === undefined ? {} : { vendor: q.vendor }),
        ...(q.domestic === undefined ? {} : { domestic: q.domestic }),
        ...(q.kind === undefined ? {} : { kind: q.kind }),
      }).filter((row) => q.status === undefined || row.status === q.status);
      return c.json({ entries }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/catalog/compare',
      tags: ['catalog'],
      summary: 'Side-by-side metrics of 2 to 8 entries, with the weakest confidence behind each value',
      request: { query: compareQuerySchema },
      responses: { 200: ok('Comparison'), 400: err('unknown ids or bad query') },
    }),
    (c) => {
      const { ids } = c.req.valid('query');
      const result = compareIds(deps.catalog, ids);
      if (!result.ok)
        return badRequest(c, [
          ...result.unknown.map((id) => ({
            code: 'unknown_id',
            path: 'ids',
            message: `unknown catalog id "${id}"`,
          })),
          ...result.repeated.map((id) => ({
            code: 'repeated_id',
            path: 'ids',
            message: say('compare.hardware-twice', { id }),
          })),
        ]);
      return c.json(result.comparison as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/catalog/{id}',
      tags: ['catalog'],
      summary: 'One entry with every sourced value (value, unit, source, confidence)',
      request: { params: idParamSchema },
      responses: { 200: ok('EntryView'), 404: err('unknown id') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const entry = showEntry(deps.catalog, id);
      if (!entry) return c.json({ error: `no catalog entry "${id}"` }, 404);
      return c.json(entry as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/models',
      tags: ['models'],
      summary: 'Model presets with their Hugging Face configs',
      responses: {
        200: {
          content: {
            'application/json': {
              schema: z.object({
                presets: z.array(z.object({ name: z.string(), config: z.record(z.string(), z.unknown()) })),
              }),
            },
          },
          description: 'presets',
        },
      },
    }),
    (c) =>
      c.json({ presets: listPresets().map((name) => ({ name, config: getPresetConfig(name) ?? {} })) }, 200),
  );
}
