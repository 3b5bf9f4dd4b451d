// The web app (src/web) -> dist/web. Preact's JSX needs no plugin: oxc compiles it with preact's runtime.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * `<link rel="modulepreload">` in index.html for the default page's chunk (the catalog, shown for an
 * empty hash) and the chunks it imports: the browser fetches them beside the entry instead of after
 * the entry has run. Other pages stay lazily loaded (a cold load of one of them also fetches the
 * catalog chunk, ~3.5 kB brotli).
 */
function preloadDefaultPage(page: string): Plugin {
  return {
    name: 'chipmix:preload-default-page',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const chunks = Object.values(bundle ?? {}).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const chunk = chunks.find((c) => c.facadeModuleId === page);
        if (!chunk) throw new Error(`preloadDefaultPage: no chunk for ${page}`);
        const entry = new Set(chunks.filter((c) => c.isEntry).map((c) => c.fileName));
        const files = [chunk.fileName, ...chunk.imports].filter((file) => !entry.has(file));
        return files.map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  worker: { format: 'es' },
  plugins: [preloadDefaultPage(fileURLToPath(new URL('./src/web/pages/catalog.tsx', import.meta.url)))],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
});
