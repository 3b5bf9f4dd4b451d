/**
 * The HTTP side of the document worker: checks a scenario off the event loop, one at a time, and
 * gives up on one that takes longer than `timeoutMs` (the thread is stopped and a fresh one serves
 * the next request), so `/api/health` and every other request keep answering.
 */
import type { Worker } from 'node:worker_threads';
import type { Catalog } from '../core/catalog/catalog';
import { say } from '../core/messages/say';
import type { Scenario } from '../core/plan/scenario';
import { fail, type Result } from '../core/result';
import { spawnWorker } from './worker-spawn';

type Checked = Result<{ scenario: Scenario; asOf: string }>;

interface Task {
  readonly id: number;
  readonly scenario: string | Record<string, unknown>;
  readonly today: string;
  readonly resolve: (result: Checked) => void;
}

export class DocumentChecker {
  private worker: Worker | null = null;
  private readonly queue: Task[] = [];
  private current: { task: Task; timer: NodeJS.Timeout } | null = null;
  private next = 1;

  constructor(
    private readonly catalog: Catalog,
    private readonly timeoutMs = 5000,
  ) {}

  check(scenario: string | Record<string, unknown>, today: string): Promise<Checked> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.next++, scenario, today, resolve });
      this.pump();
    });
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    const task = this.queue.shift()!;
    const worker = this.start();
    const timer = setTimeout(() => {
      this.stop();
      this.finish(
        task,
        fail({
          code: 'too_slow',
          path: 'scenario',
          message: say('scenario.too-slow', { seconds: this.timeoutMs / 1000 }),
        }),
      );
    }, this.timeoutMs);
    this.current = { task, timer };
    try {
      worker.postMessage({ id: task.id, scenario: task.scenario, today: task.today });
    } catch (error) {
      // the clone of a value it cannot copy throws here (a request schema bounds depth; this is the backstop): that
      // request fails, the queue goes on; thrown from the timer's `finish` it would have ended the process
      this.finish(task, fail({ code: 'unreadable', path: 'scenario', message: (error as Error).message }));
    }
  }

  private finish(task: Task, result: Checked): void {
    if (this.current?.task === task) {
      clearTimeout(this.current.timer);
      this.current = null;
    }
    task.resolve(result);
    this.pump();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnWorker('document-worker', { catalog: this.catalog });
    worker.on('message', (message: { id: number; result: Checked }) => {
      const current = this.current;
      if (current && current.task.id === message.id) this.finish(current.task, message.result);
    });
    const lost = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const current = this.current;
      if (current)
        this.finish(
          current.task,
          fail({ code: 'internal', path: 'scenario', message: `cannot read the scenario (${why})` }),
        );
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`the reader stopped (${code})`));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private stop(): void {
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}
