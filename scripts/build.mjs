// Bundles the CLI into dist/ so that `npx chipmix` starts fast (no TypeScript loader at run time).
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

// Packages stay external (installed beside the CLI), except pure-JS ones only our code imports:
// their ESM builds are hundreds of files (kysely ~280, yaml ~90), and resolving them one by one
// cost every command 100-300 ms of start-up. zod and hono stay external: @hono/zod-openapi must see
// the same zod instance as our schemas.
const BUNDLED = new Set(['kysely', 'yaml', 'commander', 'cli-table3', 'smol-toml']);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
// `--cli-only --outdir DIR`: the bundle alone, elsewhere (test/cli-bundle.test.ts runs the built CLI).
const outIndex = process.argv.indexOf('--outdir');
const outdir = outIndex > 0 ? process.argv[outIndex + 1] : 'dist';
const cliOnly = process.argv.includes('--cli-only');
const external = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].flatMap((name) =>
  BUNDLED.has(name) ? [] : [name, `${name}/*`],
);

// Chunk names carry a content hash: without this, every rebuild left the previous chunks beside the new ones (and in
// the package). Only the bundle's own files at the top of outdir go; dist/web is the web build's, which empties it.
for (const name of existsSync(outdir) ? readdirSync(outdir) : [])
  if (/\.js(?:\.map)?$/.test(name)) rmSync(join(outdir, name));

await build({
  // the server's job threads (src/server/jobs.ts loads them beside cli.js)
  entryPoints: {
    cli: 'src/cli/main.ts',
    'search-worker': 'src/server/search-worker.ts',
    'plan-worker': 'src/server/plan-worker.ts',
    // the port scanner's parser threads (src/port/pool.ts loads it beside its chunk)
    'port-worker': 'src/port/worker.ts',
    // the plan risk sampler's threads (src/plan-runner/risk-pool.ts loads it beside its chunk)
    'risk-worker': 'src/plan-runner/risk-worker.ts',
    'writer-worker': 'src/server/writer-worker.ts',
    'document-worker': 'src/server/document-worker.ts',
    'compliance-reader': 'src/server/compliance-reader.ts',
    'engine-worker': 'src/server/engine-worker.ts',
    // build time only: the checked built-in catalog, written below as dist/builtin-catalog.json
    'builtin-catalog-json': 'src/cli/builtin-catalog-json.ts',
  },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  // bundled CommonJS packages (commander, cli-table3) require Node's built-ins
  banner: {
    js: "import { createRequire as __chipmixCreateRequire } from 'node:module'; const require = __chipmixCreateRequire(import.meta.url);",
  },
  sourcemap: true,
  // code behind dynamic imports (the port scanner, the solver) becomes chunks loaded on use
  splitting: true,
  // chunks sit beside cli.js: modules that locate files with import.meta.url (the job workers) keep working
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
});

// The built-in catalog checked once here (the schema, the references between entries), so that a
// command reads it without loading zod (src/cli/builtin-catalog.ts). A broken catalog fails the build.
const { builtinCatalogJson } = await import(pathToFileURL(resolve(outdir, 'builtin-catalog-json.js')).href);
writeFileSync(resolve(outdir, 'builtin-catalog.json'), builtinCatalogJson());

// The web app (src/web -> dist/web), served by `chipmix serve`. Vite is a dev dependency: an install
// without it keeps the CLI and serves the API only.
let vite = null;
try {
  if (!cliOnly) vite = await import('vite');
} catch {
  console.warn('build: vite is not installed; skipping the web app (dist/web)');
}
if (vite) await vite.build({ configFile: 'vite.config.ts', logLevel: 'warn' });

// Precompressed copies of the web app's text files (gzip and brotli at their best ratios): the
// server picks one by Accept-Encoding (src/server/static.ts) and never compresses on a request.
if (vite) {
  const { readdirSync, statSync, writeFileSync } = await import('node:fs');
  const { join, extname } = await import('node:path');
  const { brotliCompressSync, gzipSync, constants } = await import('node:zlib');
  const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.map', '.wasm']);
  const walk = (dir) =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  for (const file of walk('dist/web')) {
    if (!TEXT.has(extname(file))) continue;
    const plain = readFileSync(file);
    writeFileSync(`${file}.gz`, gzipSync(plain, { level: 9 }));
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(plain, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
        },
      }),
    );
  }
}
