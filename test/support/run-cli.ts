/** Runs the `chipmix` CLI in-process and captures what it prints (no child process, no build needed). */
import { vi } from 'vitest';

process.env.CHIPMIX_NO_MAIN = '1';
const { runCli } = await import('../../src/cli/main');

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function run(...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  try {
    const code = await runCli(argv);
    return { code, out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}
