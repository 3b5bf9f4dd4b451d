/**
 * The HTTP API and web app as one Hono application. `createApp` is pure wiring: it takes the store,
 * the catalog and the auth mode, and returns an app that serves requests in-process (`app.request()`
 * in tests) or behind @hono/node-server (./node.ts).
 *
 *   request ─▶ host allowlist ─▶ security headers ─▶ /api: own origin, body limit, auth + role ─▶ zod ─▶ core
 *                                  else: static web app (dist/web)
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import type { Catalog } from '../core/catalog/catalog';
import type { Store } from '../store/open';
import { type AuthConfig, bearerToken, LOCAL_PRINCIPAL, neededRole, roleAtLeast, verifyToken } from './auth';
import { ComplianceReader } from './compliance';
import type { AppEnv, ServerDeps } from './context';
import { DocumentChecker } from './documents';
import { DEFAULT_ENGINE_LIMITS, Engine, type EngineLimits } from './engine';
import { installErrorHandlers, validationHook } from './errors';
import { JobRunner } from './jobs';
import { catalogRoutes } from './routes/catalog';
import { compareRoutes } from './routes/compare';
import { complianceRoutes } from './routes/compliance';
import { inferRoutes } from './routes/infer';
import { planRoutes } from './routes/plan';
import { trainRoutes } from './routes/train';
import { BODY_LIMIT_BYTES, HostPolicy, hostAllowlist, sameOrigin, securityHeaders } from './security';
import { staticWeb } from './static';
import { StoreWriter } from './writer';

export const API_VERSION = '0.1.0';

export interface CreateAppOptions {
  readonly store: Store;
  readonly catalog: Catalog;
  readonly auth: AuthConfig;
  /** The built web app (dist/web); omitted: the API only. */
  readonly webRoot?: string;
  readonly today?: () => string;
  /** The names and origins the server answers to; default: loopback names on any port. */
  readonly hosts?: HostPolicy;
  /** The longest a job (search or plan, sweep included) may run; default DEFAULT_JOB_WALL_MS, 10 minutes (./jobs.ts). */
  readonly jobWallMs?: number;
  /** The engine thread's queue bounds and time limit; default DEFAULT_ENGINE_LIMITS (./engine.ts). */
  readonly engine?: Partial<EngineLimits>;
}

export interface ChipmixApp {
  readonly app: OpenAPIHono<AppEnv>;
  /** Cancels running jobs (call before closing the store). */
  close(): Promise<void>;
}

/** Without tokens everyone is the one local user: only the total bounds the engine queue (as jobs: both slots). */
function engineLimits(options: CreateAppOptions): EngineLimits {
  const limits = { ...DEFAULT_ENGINE_LIMITS, ...options.engine };
  return options.auth.mode === 'none' ? { ...limits, perUser: limits.total } : limits;
}

export function createApp(options: CreateAppOptions): ChipmixApp {
  const deps: ServerDeps = {
    store: options.store,
    catalog: options.catalog,
    auth: options.auth,
    jobs: new JobRunner(options.jobWallMs),
    compliance: new ComplianceReader(options.store.spec, options.catalog),
    documents: new DocumentChecker(options.catalog),
    engine: new Engine(options.catalog, engineLimits(options)),
    writer: new StoreWriter(options.store.spec, options.catalog),
    today: options.today ?? (() => new Date().toISOString().slice(0, 10)),
  };
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook as never });
  installErrorHandlers(app as never, options.store.location);
  const hosts = options.hosts ?? new HostPolicy();
  // Headers are added on the way out, so even a refusal carries them; the host check is the first
  // look at the request.
  app.use('*', securityHeaders);
  app.use('*', hostAllowlist(hosts));

  app.get('/api/health', (c) => c.json({ ok: true, version: API_VERSION }));

  app.use('/api/*', sameOrigin(hosts));
  // JSON answers over 1 kB go out gzip'd when the client accepts it (the catalog is ~46 kB of a cold page load's
  // ~69 kB); event streams are left alone (hono's filter), so progress arrives as it is written.
  app.use('/api/*', compress({ encoding: 'gzip' }));
  app.use('/api/*', async (c, next) => {
    // the import route reads (and limits) its large body itself, off the web-stream path (./body.ts)
    if (c.req.path === '/api/inventory/import' && c.req.method === 'POST') return next();
    const maxSize = BODY_LIMIT_BYTES.default;
    return bodyLimit({
      maxSize,
      onError: (cc) => cc.json({ error: `request body larger than ${maxSize} bytes` }, 413),
    })(c, next);
  });
  app.use('/api/*', async (c, next) => {
    if (deps.auth.mode === 'none') {
      c.set('principal', LOCAL_PRINCIPAL);
      return next();
    }
    const header = c.req.header('authorization');
    const token = bearerToken(header);
    if (token === null) {
      c.header('WWW-Authenticate', 'Bearer realm="chipmix"');
      return c.json(
        {
          error: header
            ? 'malformed Authorization header'
            : 'authentication required: send Authorization: Bearer <token>',
        },
        401,
      );
    }
    const principal = await verifyToken(deps.store.db, token);
    if (!principal) {
      c.header('WWW-Authenticate', 'Bearer realm="chipmix", error="invalid_token"');
      return c.json({ error: 'invalid or revoked token' }, 401);
    }
    const needed = neededRole(c.req.method, c.req.path);
    if (!roleAtLeast(principal.role, needed))
      return c.json(
        { error: `${principal.name} has the ${principal.role} role; this needs the ${needed} role` },
        403,
      );
    c.set('principal', principal);
    return next();
  });

  app.get('/api/whoami', (c) =>
    c.json({ user: c.get('principal').name, role: c.get('principal').role, auth: deps.auth.mode }),
  );
  catalogRoutes(app, deps);
  trainRoutes(app, deps);
  inferRoutes(app, deps);
  compareRoutes(app, deps);
  complianceRoutes(app, deps);
  planRoutes(app, deps);

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'chipmix API',
      version: API_VERSION,
      description:
        'Catalog, training estimates and searches, inventory and compliance. Errors: `{ error, issues: [{ code, path, message }] }`.',
    },
    security: deps.auth.mode === 'token' ? [{ bearer: [] }] : [],
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  if (options.webRoot) app.use('*', staticWeb(options.webRoot));
  return {
    app,
    close: async () => {
      await Promise.all([
        deps.jobs.close(),
        deps.writer.close(),
        deps.documents.close(),
        deps.engine.close(),
        deps.compliance.close(),
      ]);
    },
  };
}
