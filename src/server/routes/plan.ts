/**
 * Fleet plans: validate a scenario as the user types (fast, no solve), solve it as a cancellable job
 * (candidates and MILP in a worker thread), and the example scenarios shipped in examples/.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { planJobSchema } from '../../core/job';
import { say } from '../../core/messages/say';
import { planCheckSchema, planRequestSchema } from '../../core/plan/request';
import { type ApiApp, errorResponse as err, jsonBody, jsonResponse, type ServerDeps } from '../context';
import { badRequest, fromCoreIssues } from '../errors';
import { JOB_RETRY_AFTER_SECONDS } from '../jobs';

/** examples/ beside dist/ (bundled CLI) or three levels up (src/server/routes). */
function examplesDir(): string | null {
  for (const relative of ['../examples', '../../../examples']) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  return null;
}

export function planRoutes(app: ApiApp, deps: ServerDeps): void {
  // read and checked in the document worker: a hostile YAML document never stalls this thread
  const check = (body: z.output<typeof planRequestSchema>) =>
    deps.documents.check(body.scenario, deps.today());

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/plan/validate',
      tags: ['plan'],
      summary: 'Check a scenario without solving: { ok, issues }',
      request: { body: jsonBody(planRequestSchema) },
      responses: { 200: jsonResponse(planCheckSchema, 'the problems, if any'), 400: err('invalid request') },
    }),
    async (c) => {
      const result = await check(c.req.valid('json'));
      return c.json({ ok: result.ok, issues: result.ok ? [] : fromCoreIssues(result.issues) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/plan',
      tags: ['plan'],
      summary: 'Start a fleet-plan job (with an optional domestic-share sweep); follow it at /api/jobs/{id}',
      request: { body: jsonBody(planRequestSchema) },
      responses: {
        202: jsonResponse(
          planJobSchema,
          'the job (state running); its result is what `chipmix plan --json` prints',
        ),
        400: err('invalid scenario'),
        429: err('too many jobs running'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const result = await check(body);
      if (!result.ok) return badRequest(c, fromCoreIssues(result.issues));
      const job = deps.jobs.startPlan(
        { ...result.value, catalog: deps.catalog, ...(body.sweep ? { sweep: body.sweep } : {}) },
        c.get('principal').name,
      );
      if (!job)
        return c.json({ error: say('server.jobs-busy') }, 429, {
          'Retry-After': String(JOB_RETRY_AFTER_SECONDS),
        });
      c.header('Location', `/api/jobs/${job.id}`);
      return c.json(job, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/plan/examples',
      tags: ['plan'],
      summary: 'The example scenarios (YAML text) shipped with chipmix',
      responses: {
        200: {
          content: {
            'application/json': {
              schema: z.object({ examples: z.array(z.object({ name: z.string(), yaml: z.string() })) }),
            },
          },
          description: 'examples',
        },
      },
    }),
    (c) => {
      const dir = examplesDir();
      const files = dir
        ? readdirSync(dir)
            .filter((f) => /^plan-.*\.ya?ml$/.test(f))
            .sort()
        : [];
      return c.json(
        {
          examples: files.map((f) => ({
            name: f.replace(/\.ya?ml$/, ''),
            yaml: readFileSync(`${dir}/${f}`, 'utf8'),
          })),
        },
        200,
      );
    },
  );
}
