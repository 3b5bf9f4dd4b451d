// Bundles the CLI into dist/ so that `npx chipmix` starts fast (no TypeScript loader at run time).
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
