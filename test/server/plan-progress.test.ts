/**
 * A plan job's progress is real: the worker reports each candidate set, the solve and each sweep point
 * as the core's planner finishes them, and GET /api/jobs/{id}/events streams them as `progress` events
 * with their step before the one `end` event.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from './helpers';

const yaml = readFileSync(join(process.cwd(), 'test/fixtures/web/plan-infeasible.yaml'), 'utf8');

interface Step {
  done: number;
  total: number;
  label: string;
}

describe('plan job progress over server-sent events', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer('none');
  });
  afterAll(async () => {
    await s.close();
  });

  it('streams one progress step per candidate set, the solve and each sweep point, then the end', async () => {
    const start = await s.call('POST', '/api/plan', { scenario: yaml, sweep: '0:100:10' });
    expect(start.status).toBe(202);
    const job = (await start.json()) as { id: string };
    const res = await s.call('GET', `/api/jobs/${job.id}/events`);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    const events = text
      .split('\n\n')
      .filter((b) => b.includes('data:'))
      .map((b) => ({
        event: /^event: ?(.*)$/m.exec(b)?.[1],
        data: JSON.parse(/^data: ?(.*)$/m.exec(b)![1]!) as { progress?: number; step?: Step; state?: string },
      }));
    const end = events.at(-1)!;
    expect(end.event).toBe('end');
    expect(end.data.state).toBe('done');
    const steps = events.filter((e) => e.event === 'progress' && e.data.step).map((e) => e.data.step!);
    // 2 hardware options for the one workload, 1 solve (with its explanation), 11 sweep points
    const total = 2 + 1 + 11;
    expect(steps.map((x) => x.total)).toEqual(steps.map(() => total));
    // steps that finished before the stream was opened are not replayed: the stream holds the rest,
    // one by one, to the last
    const first = steps[0]!.done;
    expect(steps.map((x) => x.done)).toEqual(steps.map((_, k) => first + k));
    expect(steps.at(-1)!.done).toBe(total);
    expect(steps.length).toBeGreaterThanOrEqual(12);
    const labels = [
      'candidates: chat on huawei-atlas-800t-a2',
      'candidates: chat on nvidia-hgx-h20',
      'solve: infeasible',
      ...[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((p) => `sweep: ${p.toFixed(1)}%`),
    ];
    expect(steps.map((x) => x.label)).toEqual(labels.slice(first - 1));
    // the fraction is done / total and never goes back
    const fractions = events.filter((e) => e.event === 'progress').map((e) => e.data.progress!);
    for (let i = 1; i < fractions.length; i++)
      expect(fractions[i]!).toBeGreaterThanOrEqual(fractions[i - 1]!);
    expect(fractions.at(-1)).toBeCloseTo(1, 6);
  }, 60_000);
});
