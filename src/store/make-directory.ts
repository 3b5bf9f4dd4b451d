/**
 * Creates a directory and any missing parents, one level at a time: Node 20's `mkdirSync(dir, { recursive: true })`
 * never returns for a path under /proc (it retries ENOENT forever, at full CPU), where one plain mkdir fails at once.
 * Throws the failing mkdir's error (its `code`: EEXIST, EACCES, ENOENT...).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export function makeDirectories(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) {
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const path of missing.reverse()) mkdirSync(path);
}
