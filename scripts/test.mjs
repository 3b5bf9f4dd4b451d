// The README's test command: lint, typecheck, then the whole vitest suite. Always ends with the plain
// `N passed, N failed` line that CI reads (lint and typecheck count as one check each).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const env = { ...process.env, TZ: 'UTC', FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };
const step = (name, command, args) => {
  console.log(`\n== ${name}: ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit', env }).status === 0;
};

let passed = 0;
let failed = 0;
let skipped = 0;
for (const [name, args] of [
  ['lint', ['biome', 'check', '.']],
  ['typecheck', ['tsc', '-p', 'tsconfig.json']],
  ['typecheck web', ['tsc', '-p', 'src/web/tsconfig.json']],
]) {
  if (step(name, 'npx', args)) passed++;
  else failed++;
}

mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
rmSync(report, { force: true });
const ok = step('tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  skipped += json.numPendingTests + (json.numTodoTests ?? 0);
  // what was skipped, by group: the names say why (e.g. "(skipped when ../shared/validation ... is absent)")
  const groups = new Map();
  for (const file of json.testResults)
    for (const t of file.assertionResults)
      if (t.status === 'pending' || t.status === 'skipped' || t.status === 'todo') {
        const name = t.ancestorTitles[0] ?? t.title;
        groups.set(name, (groups.get(name) ?? 0) + 1);
      }
  for (const [name, count] of groups) console.log(`skipped: ${count} test(s) in "${name}"`);
  // a file that fails to load counts as a failure even though it ran no test
  failed += json.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
} catch {
  failed++;
}
if (!ok && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
