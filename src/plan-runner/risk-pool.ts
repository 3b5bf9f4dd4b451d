/**
 * The risk sampler over worker threads: one contiguous chunk of draws per thread (default one thread per
 * core), concatenated in draw order. Draw i depends only on (seed, i) (src/core/plan/rng.ts), so the result
 * is the same for any thread count. Few draws run in this thread: starting a thread costs more than they do.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  concatOutcomes,
  type DrawRunner,
  evaluateDraws,
  type Outcomes,
  sampleDraws,
} from '../core/plan/risk';

/** Below this many draws per thread, one thread. */
const MIN_DRAWS_PER_THREAD = 250;

/** The bundled `risk-worker.js` beside this chunk in dist/, else the TypeScript source through tsx's loader. */
function spawn(workerData: unknown): Worker {
  const js = new URL('./risk-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData });
  const ts = new URL('./risk-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(ts)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

function runChunk(workerData: unknown): Promise<Outcomes> {
  return new Promise((resolve, reject) => {
    const worker = spawn(workerData);
    worker.once('message', (m: Outcomes) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`risk worker exited with code ${code}`));
    });
  });
}

/** A DrawRunner on `threads` threads (default: one per core). */
export function threadedDrawRunner(threads = availableParallelism()): DrawRunner {
  return async (model, plan, seed, samples) => {
    const n = Math.max(1, Math.min(threads, Math.floor(samples / MIN_DRAWS_PER_THREAD)));
    if (n === 1) return evaluateDraws(plan, sampleDraws(model, seed, 0, samples));
    const chunks: Array<Promise<Outcomes>> = [];
    for (let t = 0; t < n; t++) {
      const from = Math.floor((samples * t) / n);
      const to = Math.floor((samples * (t + 1)) / n);
      chunks.push(runChunk({ model, plan, seed, from, count: to - from }));
    }
    return concatOutcomes(await Promise.all(chunks));
  };
}
