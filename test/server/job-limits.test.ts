/**
 * A job's wall time is capped (DEFAULT_JOB_WALL_MS, a server option): a scenario asked for `solver.timeLimitSeconds:
 * 86400` and a 200-point sweep, and two viewers' jobs then held both slots for as long as they liked. The per-solve
 * limit is clamped to the cap, and past the cap the job fails with `time_limit` and its thread is stopped.
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Scenario } from '../../src/core/plan/scenario';
import { catalog } from './helpers';

const spawned: {
  name: string;
  data: { scenario?: Scenario };
  worker: EventEmitter & { terminate: () => Promise<number> };
}[] = [];
vi.mock('../../src/server/worker-spawn', () => ({
  spawnWorker: (name: string, data: { scenario?: Scenario }) => {
    const worker = Object.assign(new EventEmitter(), { terminate: vi.fn(async () => 0) });
    spawned.push({ name, data, worker });
    return worker;
  },
}));
const { DEFAULT_JOB_WALL_MS, JobRunner } = await import('../../src/server/jobs');

afterEach(() => {
  vi.useRealTimers();
  spawned.length = 0;
});

const scenario = (timeLimitSeconds: number) =>
  ({ name: 'x', solver: { timeLimitSeconds, mipRelGap: 1e-4 } }) as unknown as Scenario;

describe('job wall time', () => {
  it('defaults to ten minutes and clamps a plan’s per-solve limit to it', () => {
    expect(DEFAULT_JOB_WALL_MS).toBe(600_000);
    const jobs = new JobRunner();
    expect(
      jobs.startPlan({ scenario: scenario(86_400), asOf: '2026-01-15', catalog }, 'viewer'),
    ).not.toBeNull();
    expect(spawned[0]!.data.scenario!.solver.timeLimitSeconds).toBe(600);
    // a shorter limit is left as asked
    expect(jobs.startPlan({ scenario: scenario(30), asOf: '2026-01-15', catalog }, 'viewer2')).not.toBeNull();
    expect(spawned[1]!.data.scenario!.solver.timeLimitSeconds).toBe(30);
  });

  it('fails a job past the cap with time_limit, stops its thread and frees its slot', () => {
    vi.useFakeTimers();
    const jobs = new JobRunner(90_000);
    const job = jobs.startPlan({ scenario: scenario(86_400), asOf: '2026-01-15', catalog }, 'viewer')!;
    expect(spawned[0]!.data.scenario!.solver.timeLimitSeconds).toBe(90);
    vi.advanceTimersByTime(89_999);
    expect(jobs.get(job.id)!.state).toBe('running');
    vi.advanceTimersByTime(1);
    const view = jobs.get(job.id)!;
    expect(view.state).toBe('failed');
    expect(view.issues).toEqual([
      {
        code: 'time_limit',
        path: '',
        message: 'the job ran longer than the server allows (1.5 min) and was stopped',
      },
    ]);
    expect(spawned[0]!.worker.terminate).toHaveBeenCalled();
    expect(jobs.running()).toBe(0);
    expect(jobs.list()).toEqual([
      { id: job.id, kind: 'plan', owner: 'viewer', state: 'failed', progress: 0, startedAt: job.startedAt },
    ]);
  });
});
