/** Training estimate (synchronous), layout search (a cancellable job with progress), and jobs. */

import { createRoute } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { anyJobSchema, JOB_KINDS, JOB_STATES, searchJobSchema } from '../../core/job';
import { say } from '../../core/messages/say';
import type { TrainEstimate } from '../../core/train/estimate';
import {
  toTrainRequest,
  trainEstimateSchema,
  trainRequestSchema,
  trainSearchRequestSchema,
} from '../../core/train/request';
import { type ApiApp, errorResponse as err, jsonBody, jsonResponse, type ServerDeps } from '../context';
import { engineFailure } from '../engine';
import { badRequest, fromCoreIssues } from '../errors';
import { JOB_ID_PATTERN, JOB_RETRY_AFTER_SECONDS, type JobView, jobVisibleTo } from '../jobs';

const jobSummarySchema = z.strictObject({
  id: z.string(),
  kind: z.enum(JOB_KINDS),
  owner: z.string(),
  state: z.enum(JOB_STATES),
  progress: z.number().min(0).max(1),
  startedAt: z.string(),
});

const jobParam = z.object({ id: z.string().regex(JOB_ID_PATTERN, 'a job id') });

export function trainRoutes(app: ApiApp, deps: ServerDeps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/train/estimate',
      tags: ['train'],
      summary: 'Estimate one training run (missing layout fields are searched quickly for the best)',
      request: { body: jsonBody(trainRequestSchema) },
      responses: {
        200: jsonResponse(trainEstimateSchema, 'TrainEstimate'),
        400: err('invalid request or no valid layout'),
        429: err('too many comparisons or estimates waiting (per user or in all); see Retry-After'),
        500: err('the engine thread failed'),
        503: err('stopped at the engine time limit'),
      },
    }),
    async (c) => {
      const request = toTrainRequest(deps.catalog, c.req.valid('json'));
      if (!request.ok) return badRequest(c, fromCoreIssues(request.issues));
      // in the engine thread: a search for missing fields is CPU the HTTP thread must not spend
      const answer = await deps.engine.request(c.get('principal').name, {
        kind: 'train-estimate',
        request: request.value,
      });
      // a lost thread is a 500 `internal error` (its stack goes to the log), not a 400 showing it
      const failed = engineFailure(c, answer);
      if (failed) return failed as never;
      return c.json((answer as { value: TrainEstimate }).value, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/train/search',
      tags: ['train'],
      summary: 'Start a layout search job; follow it at /api/jobs/{id} or /api/jobs/{id}/events',
      request: { body: jsonBody(trainSearchRequestSchema) },
      responses: {
        202: jsonResponse(searchJobSchema, 'the job (state running)'),
        400: err('invalid request'),
        429: err('too many searches running'),
      },
    }),
    (c) => {
      const body = c.req.valid('json');
      const request = toTrainRequest(deps.catalog, body.request);
      if (!request.ok) return badRequest(c, fromCoreIssues(request.issues));
      const job = deps.jobs.startSearch(request.value, body.top, c.get('principal').name);
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
      path: '/api/jobs',
      tags: ['jobs'],
      summary: "Every user's jobs, running or finished in the last ten minutes (admin), to cancel one",
      responses: {
        200: jsonResponse(z.strictObject({ jobs: z.array(jobSummarySchema) }), 'the jobs, oldest first'),
        403: err('not an admin'),
      },
    }),
    (c) => c.json({ jobs: deps.jobs.list() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/jobs/{id}',
      tags: ['jobs'],
      summary: 'A job: state, progress 0..1, and its result when done',
      request: { params: jobParam },
      responses: { 200: jsonResponse(anyJobSchema, 'the job'), 404: err('unknown job') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const job = deps.jobs.get(id);
      // another user's job answers as if it did not exist
      if (!job || !jobVisibleTo(job, c.get('principal'))) return c.json({ error: `no job ${id}` }, 404);
      return c.json(job, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/jobs/{id}',
      tags: ['jobs'],
      summary: 'Cancel a running job',
      request: { params: jobParam },
      responses: {
        200: jsonResponse(anyJobSchema, 'the job (state cancelled unless it had finished)'),
        404: err('unknown job'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const found = deps.jobs.get(id);
      if (!found || !jobVisibleTo(found, c.get('principal'))) return c.json({ error: `no job ${id}` }, 404);
      const cancelled = await deps.jobs.cancel(id);
      if (!cancelled) return c.json({ error: `no job ${id}` }, 404);
      return c.json(cancelled, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/jobs/{id}/events',
      tags: ['jobs'],
      summary:
        'Server-sent events: `progress` {progress, step?} while running, then one `end` with the JobView',
      request: { params: jobParam },
      responses: {
        200: { content: { 'text/event-stream': { schema: z.string() } }, description: 'event stream' },
        404: err('unknown job'),
      },
    }),
    (c) => {
      const id = c.req.valid('param').id;
      const found = deps.jobs.get(id);
      if (!found || !jobVisibleTo(found, c.get('principal'))) return c.json({ error: `no job ${id}` }, 404);
      return streamSSE(c, async (stream) => {
        // writes are chained so the final `end` event is flushed before the stream closes
        let written: Promise<void> = Promise.resolve();
        await new Promise<void>((resolve) => {
          let unsubscribe = () => {};
          const send = (view: JobView) => {
            const finished = view.state !== 'running';
            written = written.then(() =>
              stream.writeSSE({
                event: finished ? 'end' : 'progress',
                data: JSON.stringify(
                  finished ? view : { progress: view.progress, ...(view.step ? { step: view.step } : {}) },
                ),
              }),
            );
            if (finished) {
              unsubscribe();
              resolve();
            }
          };
          unsubscribe = deps.jobs.subscribe(id, send);
          stream.onAbort(() => {
            unsubscribe();
            resolve();
          });
          send(deps.jobs.get(id)!);
        });
        await written;
      }) as never;
    },
  );
}
