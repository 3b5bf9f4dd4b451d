/**
 * The built web app: hashed assets cached for a year, index.html never (it names the current hashes).
 * Text files go out compressed when the browser accepts it: brotli, else gzip. The build writes
 * `.br` and `.gz` beside each file (scripts/build.mjs, best ratios); a file without them (a build by
 * hand) is compressed on its first request and kept in memory, so no request pays twice.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

const TEXT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
};
type Encoding = 'br' | 'gzip';
const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** brotli when the browser names it (with a non-zero q), else gzip, else none. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .toLowerCase()
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => q === undefined || !/^\s*q=0(\.0*)?\s*$/.test(q))
      .map(([name]) => name?.trim()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return null;
}

const cacheControl = (path: string) =>
  path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';

export function staticWeb(root: string): MiddlewareHandler {
  const files = serveStatic({ root });
  const base = resolve(root);
  // compressed bodies made on request (files the build did not precompress), by path and encoding
  const made = new Map<string, Promise<Buffer | null>>();

  const compressed = (file: string, encoding: Encoding): Promise<Buffer | null> => {
    const key = `${encoding}:${file}`;
    let body = made.get(key);
    if (!body) {
      body = readFile(file + SUFFIX[encoding]).catch(async () => {
        const plain = await readFile(file).catch(() => null);
        if (plain === null) return null;
        return encoding === 'br'
          ? brotli(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } })
          : gzipAsync(plain, { level: 9 });
      });
      made.set(key, body);
      // a missing file is not remembered: a later build may add it
      void body.then((b) => b === null && made.delete(key));
    }
    return body;
  };

  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const path = c.req.path === '/' ? '/index.html' : c.req.path;
    const type = TEXT_TYPES[extname(path)];
    const encoding = type ? chooseEncoding(c.req.header('accept-encoding')) : null;
    if (type && encoding) {
      let file: string | null = null;
      try {
        file = resolve(base, `.${decodeURIComponent(path)}`);
      } catch {
        file = null;
      }
      const inside = file !== null && file.startsWith(base + sep);
      const isFile =
        inside &&
        (await stat(file!).then(
          (s) => s.isFile(),
          () => false,
        ));
      if (isFile) {
        const body = await compressed(file!, encoding);
        if (body) {
          const headers = {
            'content-type': type,
            'content-encoding': encoding,
            'content-length': String(body.length),
            vary: 'Accept-Encoding',
            'cache-control': cacheControl(c.req.path),
          };
          return c.req.method === 'HEAD'
            ? c.body(null, 200, headers)
            : c.body(new Uint8Array(body), 200, headers);
        }
      }
    }
    // a found file comes back as a Response; otherwise serveStatic has already called next()
    const found = await files(c, next);
    if (!found) return undefined;
    if (found.status === 200) {
      found.headers.set('Cache-Control', cacheControl(c.req.path));
      if (type) found.headers.set('Vary', 'Accept-Encoding');
    }
    return found;
  };
}
