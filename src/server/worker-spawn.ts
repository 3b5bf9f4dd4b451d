/**
 * Starting the server's worker threads: the bundled `<name>.js` next to dist/cli.js, else the
 * TypeScript source loaded through tsx's loader (development and tests; tsx is a dev dependency).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export type WorkerName = 'search-worker' | 'plan-worker' | 'writer-worker' | 'document-worker';

export function spawnWorker(name: WorkerName, workerData: unknown): Worker {
  const js = new URL(`./${name}.js`, import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData });
  const ts = new URL(`./${name}.ts`, import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(ts)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
