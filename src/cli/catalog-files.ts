/**
 * The catalog adapter for the CLI (and later the server): reads user catalog files (YAML or JSON),
 * validates them with the core schema and merges them over the built-in data. The files come from
 * the `CHIPMIX_CATALOG` environment variable (paths separated by ':') and then the `--catalog`
 * option, so that an explicit option overrides the environment.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import type { Catalog } from '../core/catalog/catalog';
import { BUILTIN_CATALOG_FILES } from '../core/catalog/data/index';
import {
  assembleCatalog,
  formatFileIssue,
  loadBuiltinCatalog,
  type NamedCatalogFile,
  parseCatalogFile,
} from '../core/catalog/load';
import { fail, formatIssue, ok, type Result } from '../core/result';
import { UsageError } from './errors';

export const CATALOG_ENV = 'CHIPMIX_CATALOG';

/** Environment paths first, then option paths; empty entries are ignored. */
export function catalogPaths(
  optionPaths: ReadonlyArray<string> | undefined,
  envValue: string | undefined,
): string[] {
  const fromEnv = (envValue ?? '').split(':').filter((p) => p.trim() !== '');
  return [...fromEnv, ...(optionPaths ?? [])];
}

/** Parses YAML or JSON text; `.json` files must be strict JSON, anything else is read as YAML. */
export function parseCatalogText(name: string, text: string): Result<NamedCatalogFile> {
  let data: unknown;
  try {
    data = extname(name).toLowerCase() === '.json' ? JSON.parse(text) : parse(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const pos = error.linePos?.[0];
      const where = pos === undefined ? '' : `line ${pos.line}, column ${pos.col}`;
      return fail({
        code: 'yaml',
        path: where,
        message: firstLine(error.message.replace(/ at line \d+, column \d+:.*/s, '')),
      });
    }
    return fail({
      code: 'json',
      path: '',
      message: `invalid JSON: ${firstLine(String((error as Error).message))}`,
    });
  }
  const parsed = parseCatalogFile(data);
  return parsed.ok ? ok({ name, file: parsed.value }) : parsed;
}

const firstLine = (text: string) => text.split('\n')[0] ?? text;

const MAX_LINES = 10;

/** Lines of `file: path: message`, at most ten plus a count of the rest. */
function issueLines(lines: string[]): string {
  const shown = lines.slice(0, MAX_LINES);
  if (lines.length > MAX_LINES) shown.push(`... and ${lines.length - MAX_LINES} more problems`);
  return shown.join('\nchipmix: ');
}

/** The built-in catalog with the given user files merged over it; a bad file is a UsageError. */
export function loadCatalog(paths: ReadonlyArray<string>): Catalog {
  if (paths.length === 0) return loadBuiltinCatalog();
  loadBuiltinCatalog(); // validates the shipped data (throws on a programmer error)
  const files: NamedCatalogFile[] = BUILTIN_CATALOG_FILES.map(({ name, file }) => ({
    name: `built-in ${name}`,
    file,
  }));
  const problems: string[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(`${path}: cannot read the file${code === undefined ? '' : ` (${code})`}`);
      continue;
    }
    const parsed = parseCatalogText(path, text);
    if (parsed.ok) files.push(parsed.value);
    else problems.push(...parsed.issues.map((issue) => formatFileIssue(path, issue)));
  }
  if (problems.length > 0) throw new UsageError(issueLines(problems));
  const catalog = assembleCatalog(files);
  if (!catalog.ok) throw new UsageError(issueLines(catalog.issues.map((issue) => formatIssue(issue))));
  return catalog.value;
}
