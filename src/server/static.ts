/** The built web app: hashed assets cached for a year, index.html never (it names the current hashes). */
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

export function staticWeb(root: string): MiddlewareHandler {
  const files = serveStatic({ root });
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    // a found file comes back as a Response; otherwise serveStatic has already called next()
    const found = await files(c, next);
    if (!found) return undefined;
    if (found.status === 200)
      found.headers.set(
        'Cache-Control',
        c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    return found;
  };
}
