/** Errors as JSON: 400 with issues for bad input, 404 / 405 for unknown routes, 413, 415, 500. */
import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import { type ApiIssue, apiIssues, zodIssues } from '../core/contract';
import { describeStoreFailure } from '../store/errors';

export type { ApiIssue } from '../core/contract';

export const badRequest = (c: Context, issues: ApiIssue[], error?: string) =>
  c.json(
    {
      error:
        error ?? issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))[0] ?? 'invalid request',
      issues,
    },
    400,
  );

/** Core issues (code, path, message) as API issues. */
export const fromCoreIssues = apiIssues;

/** The validation hook of every route: a failed zod parse is a 400 with every issue. */
export function validationHook(
  result: { success: true; data: unknown } | { success: false; error: z.ZodError },
  c: Context,
): Response | undefined {
  if (!result.success) return badRequest(c, zodIssues(result.error));
  return undefined;
}

/** Route patterns of the app, to tell "no such path" (404) from "wrong method" (405). */
function allowedMethods(app: Hono<never>, path: string): string[] {
  const methods = new Set<string>();
  for (const route of app.routes) {
    if (route.method === 'ALL' || !route.path.startsWith('/api') || route.path.includes('*')) continue;
    const pattern = new RegExp(`^${route.path.replace(/\{[^}]+\}|:[^/]+/g, '[^/]+')}$`);
    if (pattern.test(path)) methods.add(route.method);
  }
  return [...methods].sort();
}

/** `storeLocation` names the store in the 503 answer to a failure of the store itself. */
export function installErrorHandlers<A extends Hono<never>>(app: A, storeLocation = 'the store'): void {
  app.notFound((c) => {
    const allowed = allowedMethods(app, c.req.path);
    if (allowed.length > 0) {
      c.header('Allow', allowed.join(', '));
      return c.json(
        { error: `method ${c.req.method} not allowed on ${c.req.path}; use ${allowed.join(', ')}` },
        405,
      );
    }
    return c.json({ error: `no such endpoint: ${c.req.method} ${c.req.path}` }, 404);
  });
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      const status = error.status;
      const message =
        status === 400 && /JSON/i.test(error.message)
          ? 'the body is not valid JSON'
          : status === 415
            ? 'unsupported media type: send Content-Type: application/json'
            : error.message || 'request refused';
      return c.json(
        { error: message, ...(status === 400 ? { issues: [{ code: 'bad_body', path: '', message }] } : {}) },
        status,
      );
    }
    // disk full, read-only, locked, unreachable: the client is told what happened, not "internal error"
    const failure = describeStoreFailure(error, storeLocation);
    if (failure) return c.json({ error: failure.message }, 503);
    console.error(
      `chipmix serve: ${c.req.method} ${c.req.path}: ${error instanceof Error ? error.stack : String(error)}`,
    );
    return c.json({ error: 'internal error' }, 500);
  });
}
