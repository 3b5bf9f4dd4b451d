/**
 * An object given inline where a file could be (a model config, a scenario, a sweep), bounded in depth.
 * JSON.parse reads a 10 kB document nested 5,000 deep, but everything after it recurses: zod, the worker
 * threads' structured clone (which threw "Maximum call stack size exceeded" and once took the server down),
 * the scenario reader. The deepest real document (a scenario) is under 10 levels.
 */
import { z } from 'zod';
import { say } from './messages/say';

export const MAX_DOCUMENT_DEPTH = 64;

/** Whether a parsed JSON value nests objects/arrays deeper than `max` (iterative: no recursion to overflow). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** A JSON object of any shape, at most `MAX_DOCUMENT_DEPTH` levels deep. */
export const jsonDocumentSchema = z
  .record(z.string(), z.unknown())
  .refine((value) => !nestedDeeperThan(value, MAX_DOCUMENT_DEPTH), {
    error: () => say('request.nested-too-deep', { max: MAX_DOCUMENT_DEPTH }),
  });
