/**
 * Long computations as jobs: started by a POST (202 + id), followed by polling GET /api/jobs/:id or
 * server-sent events, cancelled by DELETE. Each job runs in its own worker thread (terminated on
 * cancel); finished jobs are kept for a while so a client can fetch the result.
 */
import { randomBytes } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { Catalog } from '../core/catalog/catalog';
import type { JobKind, JobView, PlanJob, SearchJob } from '../core/job';
import { say } from '../core/messages/say';
import type { Scenario } from '../core/plan/scenario';
import type { SweepRange } from '../core/plan/sweep';
import type { Issue } from '../core/result';
import type { TrainRequest } from '../core/train/types';
import { LOCAL_PRINCIPAL, type Principal } from './auth';
import { spawnWorker } from './worker-spawn';

export type { JobKind, JobState, JobView } from '../core/job';

interface Job {
  view: JobView;
  worker: Worker | null;
  listeners: Set<(view: JobView) => void>;
  finishedMs?: number;
  deadline?: ReturnType<typeof setTimeout>;
}

/** A job as an admin's list shows it (GET /api/jobs): no result. */
export type JobSummary = Pick<JobView, 'id' | 'kind' | 'owner' | 'state' | 'progress' | 'startedAt'>;

/**
 * The longest a job may run, all its solves and sweep points together; a plan's per-solve limit
 * (`solver.timeLimitSeconds`, up to a day in a scenario) is clamped to it. Past it the job fails
 * with `time_limit` and its thread is stopped, so its slot comes back.
 */
export const DEFAULT_JOB_WALL_MS = 10 * 60_000;
/** Retry-After of a 429 when both job slots are taken: a search or a plan usually ends within half a minute. */
export const JOB_RETRY_AFTER_SECONDS = 30;

/** `job_` + 128 random bits in hex: ids cannot be guessed or enumerated. */
export const JOB_ID_PATTERN = /^job_[0-9a-f]{32}$/;

/** A job is its creator's; an admin may see and cancel any. */
export const jobVisibleTo = (view: JobView, principal: Principal): boolean =>
  view.owner === principal.name || principal.role === 'admin';

const MAX_RUNNING = 2;
/**
 * With tokens, one user runs one job at a time, so the other slot stays free for someone else (a viewer's two
 * slow searches held both and every other user got 429). Without auth there is one user, `local`, with both.
 */
const MAX_RUNNING_PER_USER = 1;

/** A job just started: no result yet, whatever its kind. */
function running(view: JobView | null): Omit<JobView, 'result'> | null {
  if (!view) return null;
  const { result: _none, ...rest } = view;
  return rest;
}
const KEEP_FINISHED_MS = 10 * 60_000;

export class JobRunner {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly maxWallMs: number = DEFAULT_JOB_WALL_MS) {}

  /** Every job kept (running, or finished in the last ten minutes), oldest first. */
  list(): JobSummary[] {
    this.prune();
    return [...this.jobs.values()].map(({ view }) => ({
      id: view.id,
      kind: view.kind,
      owner: view.owner,
      state: view.state,
      progress: view.progress,
      startedAt: view.startedAt,
    }));
  }

  running(): number {
    return [...this.jobs.values()].filter((j) => j.view.state === 'running').length;
  }

  private runningFor(owner: string): number {
    return [...this.jobs.values()].filter((j) => j.view.state === 'running' && j.view.owner === owner).length;
  }

  /** Starts a search, or returns null when too many are running. */
  startSearch(request: TrainRequest, top: number, owner: string): SearchJob | null {
    return running(this.start('train-search', { request, top }, owner));
  }

  /** Starts a fleet plan (a checked scenario), or returns null when too many jobs are running. */
  startPlan(
    input: { scenario: Scenario; asOf: string; catalog: Catalog; sweep?: SweepRange },
    owner: string,
  ): PlanJob | null {
    const seconds = Math.max(1, Math.floor(this.maxWallMs / 1000));
    const { solver } = input.scenario;
    const scenario =
      solver.timeLimitSeconds > seconds
        ? { ...input.scenario, solver: { ...solver, timeLimitSeconds: seconds } }
        : input.scenario;
    return running(this.start('plan', { ...input, scenario }, owner));
  }

  private start(kind: JobKind, workerData: unknown, owner: string): JobView | null {
    this.prune();
    if (this.running() >= MAX_RUNNING) return null;
    if (owner !== LOCAL_PRINCIPAL.name && this.runningFor(owner) >= MAX_RUNNING_PER_USER) return null;
    const id = `job_${randomBytes(16).toString('hex')}`;
    const worker = spawnWorker(kind === 'train-search' ? 'search-worker' : 'plan-worker', workerData);
    const job: Job = {
      view: {
        id,
        kind,
        state: 'running',
        progress: 0,
        owner,
        startedAt: new Date().toISOString(),
      },
      worker,
      listeners: new Set(),
    };
    this.jobs.set(id, job);
    job.deadline = setTimeout(() => {
      const minutes = Math.round(this.maxWallMs / 6_000) / 10;
      this.finish(job, {
        state: 'failed',
        issues: [{ code: 'time_limit', path: '', message: say('server.job-time-limit', { minutes }) }],
      });
    }, this.maxWallMs);
    job.deadline.unref?.();
    worker.on(
      'message',
      (message: {
        type: string;
        fraction?: number;
        done?: number;
        total?: number;
        label?: string;
        result?: JobView['result'];
        issues?: Issue[];
      }) => {
        if (message.type === 'progress')
          this.update(job, {
            progress: message.fraction ?? 0,
            ...(message.label !== undefined
              ? { step: { done: message.done ?? 0, total: message.total ?? 0, label: message.label } }
              : {}),
          });
        else if (message.type === 'done')
          this.finish(job, {
            state: 'done',
            progress: 1,
            ...(message.result ? { result: message.result } : {}),
          });
        else if (message.type === 'failed')
          this.finish(job, { state: 'failed', issues: message.issues ?? [] });
      },
    );
    worker.on('error', (error) =>
      this.finish(job, { state: 'failed', issues: [{ code: 'internal', path: '', message: error.message }] }),
    );
    worker.on('exit', () => {
      if (job.view.state === 'running')
        this.finish(job, {
          state: 'failed',
          issues: [{ code: 'internal', path: '', message: 'the search stopped' }],
        });
    });
    return job.view;
  }

  get(id: string): JobView | null {
    return this.jobs.get(id)?.view ?? null;
  }

  /** Cancels a running job; a finished one is left as it is. */
  async cancel(id: string): Promise<JobView | null> {
    const job = this.jobs.get(id);
    if (!job) return null;
    if (job.view.state === 'running') {
      const worker = job.worker;
      this.finish(job, { state: 'cancelled' });
      await worker?.terminate();
    }
    return job.view;
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(id: string, listener: (view: JobView) => void): () => void {
    const job = this.jobs.get(id);
    if (!job) return () => {};
    job.listeners.add(listener);
    return () => job.listeners.delete(listener);
  }

  async close(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((j) => this.cancel(j.view.id)));
  }

  private update(job: Job, patch: Partial<JobView>): void {
    job.view = { ...job.view, ...patch };
    for (const listener of job.listeners) listener(job.view);
  }

  private finish(job: Job, patch: Partial<JobView>): void {
    if (job.view.state !== 'running') return;
    const worker = job.worker;
    job.worker = null;
    if (job.deadline) clearTimeout(job.deadline);
    job.finishedMs = Date.now();
    this.update(job, patch);
    if (patch.state === 'done' || patch.state === 'failed') void worker?.terminate();
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) {
      const finished = job.finishedMs;
      if (finished !== undefined && now - finished > KEEP_FINISHED_MS) this.jobs.delete(id);
    }
  }
}
