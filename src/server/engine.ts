/**
 * The engine thread (./engine-worker.ts) behind a bounded queue. One thread answers comparisons and estimates in
 * arrival order, so an unbounded queue let one user stall everyone (twenty 12-system comparisons made an admin's
 * simple estimate wait 24.5 s). Each user may have `perUser` requests waiting or running, all users `total`; past
 * either the request is answered 429 at once. A request the thread works on for longer than `timeLimitMs` is stopped
 * (the thread is replaced; what waited behind it runs on the new one) and answered 503.
 */
import type { Context } from 'hono';
import type { Catalog } from '../core/catalog/catalog';
import { say } from '../core/messages/say';
import { fail } from '../core/result';
import type { EngineReply, EngineRequest } from './engine-jobs';
import { badRequest, fromCoreIssues } from './errors';
import { WorkerClient } from './worker-spawn';

export interface EngineLimits {
  /** Requests one user may have waiting or running at once. */
  readonly perUser: number;
  /** Requests all users together may have waiting or running. */
  readonly total: number;
  /** The longest the thread works on one request before it is stopped. */
  readonly timeLimitMs: number;
}

export const DEFAULT_ENGINE_LIMITS: EngineLimits = { perUser: 2, total: 16, timeLimitMs: 60_000 };

/** Seconds a refused client is told to wait (Retry-After). */
export const ENGINE_RETRY_AFTER_S = 5;

export type EngineAnswer = EngineReply | { readonly busy: string };

export class Engine {
  private readonly client: WorkerClient<EngineRequest, EngineReply>;
  private readonly held = new Map<string, number>();
  private total = 0;
  readonly limits: EngineLimits;

  constructor(catalog: Catalog, limits: Partial<EngineLimits> = {}) {
    this.limits = { ...DEFAULT_ENGINE_LIMITS, ...limits };
    this.client = new WorkerClient<EngineRequest, EngineReply>(
      'engine-worker',
      { catalog },
      (why) => fail({ code: 'internal', path: '', message: `the engine thread ${why}` }),
      {
        ms: this.limits.timeLimitMs,
        reply: (ms) =>
          fail({
            code: 'engine_timeout',
            path: '',
            message: say('server.engine-timeout', { seconds: Math.round(ms / 100) / 10 }),
          }),
      },
    );
  }

  /** The engine's answer for `user`, or `{ busy }` when the user or the server has too many waiting. */
  async request(user: string, request: EngineRequest): Promise<EngineAnswer> {
    const mine = this.held.get(user) ?? 0;
    if (mine >= this.limits.perUser)
      return { busy: say('server.engine-busy-user', { max: this.limits.perUser }) };
    if (this.total >= this.limits.total)
      return { busy: say('server.engine-busy', { max: this.limits.total }) };
    this.held.set(user, mine + 1);
    this.total++;
    try {
      return await this.client.request(request);
    } finally {
      this.total--;
      const left = (this.held.get(user) ?? 1) - 1;
      if (left > 0) this.held.set(user, left);
      else this.held.delete(user);
    }
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/**
 * The HTTP answer to anything but success: 429 with Retry-After when busy, 503 when stopped at the time limit, 500
 * `internal error` when the thread failed (its stack goes to the log, never to the client), 400 with the issues for
 * bad input. Null on success.
 */
export function engineFailure(c: Context, answer: EngineAnswer): Response | null {
  if ('busy' in answer) {
    c.header('Retry-After', String(ENGINE_RETRY_AFTER_S));
    return c.json({ error: answer.busy }, 429);
  }
  if (answer.ok) return null;
  const first = answer.issues[0];
  if (first?.code === 'internal') {
    console.error(`chipmix serve: ${c.req.method} ${c.req.path}: ${first.message}`);
    return c.json({ error: 'internal error' }, 500);
  }
  if (first?.code === 'engine_timeout') return c.json({ error: first.message }, 503);
  return badRequest(c, fromCoreIssues(answer.issues));
}
