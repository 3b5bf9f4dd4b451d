/**
 * Response headers every answer carries, and the request checks that stand in for CORS, CSRF and
 * DNS-rebinding protection: no Access-Control-* headers are ever sent (other origins cannot read
 * answers), a request for a host name that is not this server's is refused, and an API request whose
 * Origin is not this server's own origin is refused, so a page elsewhere cannot read or post.
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

/**
 * The names and origins the server answers to. A page on another site can point its own host name at
 * 127.0.0.1 (DNS rebinding) and then talk to a loopback server as "same origin": the browser sends
 * that site's name as `Host` and `Origin`, both chosen by the attacker. So the server keeps its own
 * list, loopback names plus the bound address plus `--allowed-host` names, and checks `Host` against
 * it before anything else; `Origin` must be one of the server's own origins (scheme, name and port),
 * never merely equal to whatever `Host` the request carries.
 */
export class HostPolicy {
  private readonly names = new Set<string>(LOOPBACK_NAMES);
  /** `--allowed-host` entries as given (lower case), e.g. `chipmix.corp.example` or `name:8443`. */
  private readonly extra = new Set<string>();
  /** The listening port; null until known (an in-process app without a socket accepts any port). */
  port: number | null = null;

  constructor(options: { boundHost?: string; allowedHosts?: readonly string[] } = {}) {
    if (options.boundHost) this.names.add(hostnameOf(options.boundHost));
    for (const entry of options.allowedHosts ?? []) {
      const value = entry.trim().toLowerCase();
      this.extra.add(value);
      this.names.add(hostnameOf(value));
    }
  }

  /** Adds a name the server answers to (the bound address, this machine's addresses). */
  addName(name: string): void {
    this.names.add(hostnameOf(name));
  }

  /** Whether a `Host` value (name with an optional port) names this server. */
  allowsHost(host: string): boolean {
    return this.names.has(hostnameOf(host));
  }

  /** Whether `origin` (scheme://name[:port]) is one of this server's own origins. */
  isOwnOrigin(origin: string): boolean {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    if (url.origin !== origin.toLowerCase() || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      return false;
    const name = url.hostname;
    // An --allowed-host name may sit behind a proxy on another port or on https.
    if (this.extra.has(url.host) || this.extra.has(name)) return true;
    if (!this.names.has(name) || url.protocol !== 'http:') return false;
    return this.port === null || Number(url.port || 80) === this.port;
  }
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** The host name of `name[:port]`, lower case, IPv6 in brackets. */
export function hostnameOf(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  // a bare IPv6 address (the bound address `::1`) has several colons and no port
  if (h.indexOf(':') !== h.lastIndexOf(':')) return `[${h}]`;
  return h.replace(/:\d*$/, '');
}

const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

/**
 * Refuses a request whose `Host` (and URL, for absolute-form targets) is not a name of this server:
 * the DNS-rebinding guard, run before anything else.
 */
export const hostAllowlist =
  (policy: HostPolicy): MiddlewareHandler =>
  async (c, next) => {
    const header = c.req.header('host');
    const urlHost = new URL(c.req.url).host;
    for (const host of header === undefined ? [urlHost] : [header, urlHost]) {
      if (!policy.allowsHost(host))
        return c.json(
          {
            error: `host "${clip(host)}" is not a name of this server (DNS rebinding guard); if it is, restart chipmix serve with --allowed-host ${clip(hostnameOf(host).replace(/^\[|\]$/g, ''))}`,
          },
          403,
        );
    }
    return next();
  };

/**
 * Refuses an API request that a page of another origin sent: browsers send `Origin` on every
 * cross-origin request and on same-origin writes; it must be one of this server's own origins.
 */
export const sameOrigin =
  (policy: HostPolicy): MiddlewareHandler =>
  async (c, next) => {
    const origin = c.req.header('origin');
    if (origin !== undefined && !policy.isOwnOrigin(origin))
      return c.json({ error: `cross-origin request from ${clip(origin)} refused` }, 403);
    return next();
  };

/** Request body limits in bytes: inventory files may be large, everything else is small. */
export const BODY_LIMIT_BYTES = { default: 256 * 1024, import: 8 * 1024 * 1024 } as const;
