/**
 * The light half of ./output.ts: the --output option and plain printing, without the table and YAML
 * libraries, so that registering commands at start-up loads neither.
 */
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { makeDirectories } from '../store/make-directory';
import { UsageError } from './errors';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export const OUTPUT_FORMATS = ['table', 'json', 'yaml', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface OutputOptions {
  output?: OutputFormat;
  json?: boolean;
}

/** Adds `-o, --output table|json|yaml|csv`; a command's existing `--json` stays as `--output json`. */
export function addOutputOption(command: Command, csvDescription = 'one row per record'): Command {
  return command.addOption(
    new Option(
      '-o, --output <format>',
      `table (default), json (same as --json), yaml (the JSON document) or csv (${csvDescription})`,
    ).choices(OUTPUT_FORMATS),
  );
}

export function outputFormat(opts: OutputOptions): OutputFormat {
  if (opts.json && opts.output !== undefined && opts.output !== 'json')
    throw new UsageError(`--json and --output ${opts.output} ask for different formats; give one`);
  return opts.json ? 'json' : (opts.output ?? 'table');
}

/**
 * Writes a command's `--out` file; a path that cannot be written (a missing directory, no permission) is bad input:
 * one line naming the flag and the path, exit code 2, nothing half-written beside it.
 */
export function writeOutFile(path: string, text: string, flag = '--out'): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${flag}: cannot write ${path}${code ? ` (${code})` : ''}`);
  }
}

/**
 * Creates `--out`'s directory and any missing parents, one level at a time: Node 20's `mkdirSync(dir, { recursive:
 * true })` never returns for a path under /proc (it retries ENOENT forever), where one plain mkdir fails at once.
 */
export function makeOutDirectory(dir: string, flag = '--out'): void {
  try {
    makeDirectories(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${flag}: cannot create directory ${dir}${code ? ` (${code})` : ''}`);
  }
}

/**
 * Writes several files as one: each goes to a temporary file beside it first, and only when every one is written
 * (and no target is a directory) are they renamed into place. A failure leaves none of them, not the first few.
 */
export function writeOutFiles(
  files: ReadonlyArray<readonly [path: string, text: string]>,
  flag = '--out',
): void {
  /** [temporary, target] of each file written so far. */
  const staged: [string, string][] = [];
  const unstage = () => {
    for (const [temporary] of staged) rmSync(temporary, { force: true });
  };
  try {
    for (const [path, text] of files) {
      if (existsSync(path) && statSync(path).isDirectory())
        throw new UsageError(`${flag}: cannot write ${path} (EISDIR)`);
      const temporary = `${path}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, text);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new UsageError(`${flag}: cannot write ${path}${code ? ` (${code})` : ''}`);
      }
      staged.push([temporary, path]);
    }
  } catch (error) {
    unstage();
    throw error;
  }
  for (const [temporary, path] of staged) renameSync(temporary, path);
}
