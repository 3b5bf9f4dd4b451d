/** Inventory (list, sites, import: editor) and compliance (status, trajectory, what-if), plus the change log. */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import {
  addYears,
  statusViewSchema,
  trajectoryRange,
  trajectoryViewSchema,
  whatIfViewSchema,
} from '../../core/compliance/contract';
import { apiIssues } from '../../core/contract';
import { changeEntrySchema, storedHardwareSchema, storedSiteSchema } from '../../core/inventory/records';
import { listChanges } from '../../store/changelog';
import { listHardware } from '../../store/hardware';
import { listSites } from '../../store/sites';
import { readBodyBytes } from '../body';
import { type ApiApp, jsonBody, jsonResponse, type ServerDeps } from '../context';
import { badRequest } from '../errors';
import { documentSchema, errorSchema } from '../schemas/common';
import {
  importSchema,
  reportQuerySchema,
  statusQuerySchema,
  trajectoryQuerySchema,
  undoSchema,
  whatIfSchema,
} from '../schemas/compliance';
import { BODY_LIMIT_BYTES } from '../security';
import type { Reply } from '../worker-spawn';
import type { WriterReply } from '../writer';

const err = (description: string) => ({
  content: { 'application/json': { schema: errorSchema } },
  description,
});
const ok = (description: string) => ({
  content: { 'application/json': { schema: documentSchema(description) } },
  description,
});

/** A worker's answer as the HTTP answer; an internal failure is logged, never shown. */
const relay = (c: Context, reply: WriterReply | Reply<unknown>) => {
  if ('internal' in reply && reply.internal)
    console.error(`chipmix serve: ${c.req.method} ${c.req.path}: ${reply.internal}`);
  return c.json(reply.body as object, reply.status);
};

export function complianceRoutes(app: ApiApp, deps: ServerDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/compliance/status',
      tags: ['compliance'],
      summary: 'Domestic share per site and organisation under every metric, and each rule verdict',
      request: { query: statusQuerySchema },
      responses: {
        200: jsonResponse(statusViewSchema, 'the status view, as `chipmix comply status --json` prints it'),
        400: err('bad query'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const reply = await deps.compliance.status(q.asOf ?? deps.today(), q.basis);
      return relay(c, reply) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/compliance/trajectory',
      tags: ['compliance'],
      summary: 'Compliance at every change between two dates (ordered and planned hardware included)',
      request: { query: trajectoryQuerySchema },
      responses: {
        200: jsonResponse(trajectoryViewSchema, '{ from, to, basis, points }'),
        400: err('bad query'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const range = trajectoryRange(q, deps.today());
      if (!range.ok) return badRequest(c, apiIssues(range.issues));
      const { from, to, basis } = range.value;
      const reply = await deps.compliance.trajectory(from, to, basis);
      return relay(c, reply) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/compliance/report',
      tags: ['compliance'],
      summary:
        'The compliance report as one self-contained HTML page (`chipmix comply report`), in English or Simplified Chinese',
      request: { query: reportQuerySchema },
      responses: {
        200: {
          content: { 'text/html': { schema: z.string() } },
          description: 'the report: inline CSS and SVG charts, no scripts',
        },
        400: err('bad query'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const asOf = q.asOf ?? deps.today();
      // clamped to the dates a query may name: asOf=0000-02-29 gave from -1-02-28, 9999-12-31 gave to 10001-12-31
      const from = q.from ?? addYears(asOf, -1);
      const to = q.to ?? addYears(asOf, 2);
      if (to < from)
        return badRequest(c, [
          { code: 'date_order', path: 'to', message: `to ${to} is before from ${from}` },
        ]);
      const reply = await deps.compliance.report({
        asOf,
        from,
        to,
        lang: q.lang === 'zh-CN' ? 'zh' : 'en',
        generatedAt: new Date().toISOString(),
      });
      if (reply.status !== 200 || !('html' in (reply.body as object))) return relay(c, reply) as never;
      return c.html((reply.body as { html: string }).html, 200, {
        'content-disposition': `attachment; filename="chipmix-compliance-${asOf}${q.lang === 'zh-CN' ? '-zh-CN' : ''}.html"`,
      }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/compliance/what-if',
      tags: ['compliance'],
      summary: 'Compliance before and after adding or removing hardware; nothing is written',
      request: { body: jsonBody(whatIfSchema) },
      responses: { 200: jsonResponse(whatIfViewSchema, '{ before, after }'), 400: err('invalid changes') },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const reply = await deps.compliance.whatIf(body, deps.today());
      return relay(c, reply) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/inventory',
      tags: ['inventory'],
      summary: 'Hardware records (with id and version)',
      request: { query: z.object({ site: z.string().max(200).optional() }) },
      responses: {
        200: jsonResponse(z.strictObject({ records: z.array(storedHardwareSchema) }), 'the records'),
      },
    }),
    async (c) => {
      const { site } = c.req.valid('query');
      return c.json({ records: await listHardware(deps.store.db, { site }) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/inventory/sites',
      tags: ['inventory'],
      summary: 'Sites and the facts rules select on',
      responses: { 200: jsonResponse(z.strictObject({ sites: z.array(storedSiteSchema) }), 'the sites') },
    }),
    async (c) => c.json({ sites: await listSites(deps.store.db) }, 200),
  );

  app.openAPIRegistry.registerPath(
    createRoute({
      method: 'post',
      path: '/api/inventory/import',
      tags: ['inventory'],
      summary:
        'Import a CSV, NetBox JSON or chipmix JSON file (editor): every row or none. `dryRun` previews; replace needs the preview confirmation',
      request: { body: jsonBody(importSchema) },
      responses: {
        200: ok('ImportSummary (or, with dryRun, ImportPreview), with format and warnings'),
        400: err('the file has problems, or replace without confirm; nothing was written'),
        403: err('the file changes compliance rules and the user is not an admin; nothing was written'),
        409: err('conflicts with the store, or it changed since the preview; nothing was written'),
        503: err('the store cannot be written (disk full, read-only, locked)'),
      },
    }),
  );
  app.post('/api/inventory/import', async (c) => {
    if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? ''))
      return c.json({ error: 'unsupported media type: send Content-Type: application/json' }, 415);
    const raw = await readBodyBytes(c, BODY_LIMIT_BYTES.import);
    if (raw === 'too-large')
      return c.json({ error: `request body larger than ${BODY_LIMIT_BYTES.import} bytes` }, 413);
    const principal = c.get('principal');
    const reply = await deps.writer.request({
      kind: 'import',
      actor: principal.name,
      role: principal.role,
      raw,
    });
    return relay(c, reply);
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/inventory/undo',
      tags: ['inventory'],
      summary: 'Revert an import (or an undo) from the change log, unless its records changed since (editor)',
      request: { body: jsonBody(undoSchema) },
      responses: {
        200: ok('UndoSummary'),
        403: err(
          'the batch changed compliance rules, or the facts they select sites by, and the user is not an admin',
        ),
        404: err('no such batch'),
        409: err('a record changed since, or the batch is not an inventory change; nothing was written'),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const reply = await deps.writer.request({
        kind: 'undo',
        actor: principal.name,
        role: principal.role,
        change: c.req.valid('json').change,
      });
      return relay(c, reply) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/changes',
      tags: ['inventory'],
      summary: 'The change log, newest first (admin)',
      request: {
        query: z.object({
          // decimal digits only: Number() would also read 0x10, 1e2 and ' 7 '
          limit: z
            .string()
            .regex(/^\d{1,4}$/, 'expected a whole number 1..1000')
            .transform(Number)
            .pipe(z.number().int().min(1).max(1000))
            .default(50),
        }),
      },
      responses: {
        200: jsonResponse(z.strictObject({ changes: z.array(changeEntrySchema) }), 'the change log'),
        400: err('bad query'),
      },
    }),
    async (c) =>
      c.json({ changes: await listChanges(deps.store.db, { limit: c.req.valid('query').limit }) }, 200),
  );
}
