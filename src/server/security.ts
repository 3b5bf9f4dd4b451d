/**
 * Response headers every answer carries, and the request-origin checks that stand in for CORS and
 * CSRF protection: no Access-Control-* headers are ever sent (other origins cannot read answers), and a
 * write whose Origin is another site is refused, so a page elsewhere cannot post to a local server.
 */
import type { MiddlewareHandler } from 'hono';

/** ECharts' SVG renderer writes style attributes, hence 'unsafe-inline' for styles only. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
  c.header('Cross-Origin-Resource-Policy', 'same-origin');
  c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  if (c.req.path.startsWith('/api/') && !c.res.headers.has('Cache-Control'))
    c.header('Cache-Control', 'no-store');
};

/** Refuses a state-changing request sent from another origin (browsers always send Origin on them). */
export const sameOriginWrites: MiddlewareHandler = async (c, next) => {
  const method = c.req.method;
  const origin = c.req.header('origin');
  if (method !== 'GET' && method !== 'HEAD' && origin !== undefined && origin !== 'null') {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host === null || host !== c.req.header('host')) {
      return c.json({ error: `cross-origin request from ${origin} refused` }, 403);
    }
  }
  return next();
};

/** Request body limits in bytes: inventory files may be large, everything else is small. */
export const BODY_LIMIT_BYTES = { default: 256 * 1024, import: 8 * 1024 * 1024 } as const;
