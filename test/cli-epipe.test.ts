/**
 * A reader that stops early (`chipmix catalog list | head -1`) closes the pipe: the CLI stops quietly
 * with exit status 0 and no stack trace, however much it still had to write.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..');

/** Runs the CLI with its stdout pipe closed by the reader before (or while) it writes. */
function runWithClosedStdout(...args: string[]): Promise<{ code: number | null; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'src/cli/main.ts'), ...args], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CHIPMIX_NO_MAIN: '' },
  });
  child.stdout.destroy(); // the reader is gone: every write of the CLI meets EPIPE
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, err })));
}

describe('output to a closed pipe', () => {
  for (const args of [
    ['catalog', 'list'],
    ['catalog', 'list', '--json'],
    ['completion', 'bash'],
  ]) {
    it(`chipmix ${args.join(' ')}: exit 0, nothing on stderr`, async () => {
      const r = await runWithClosedStdout(...args);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
    }, 30_000);
  }
});
