/**
 * Options to a use case's request: the CLI builds the same request object the HTTP API receives and
 * runs the same schema (src/core/<use case>/request.ts). What is wrong comes back as one line naming
 * the flag (`--tp: expected a positive integer, got "x"`), exit code 2.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { parseRequest } from '../core/contract';
import type { Issue, Result } from '../core/result';
import { UsageError } from './errors';

/**
 * Numeric text as a number; anything else stays text, so that the schema names it (`expected a
 * positive integer`) instead of the CLI guessing.
 */
export function numeric(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined;
  return /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(text) ? Number(text) : text;
}

/** Enum flags are case-insensitive on the command line (`--precision BF16`). */
export const lower = (text: string | undefined) => text?.toLowerCase();

/** An object without the keys whose value is undefined: a flag not given is a field not sent. */
export function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export interface FlagNames {
  /** Request field (first path segment after any `nested` prefix) -> flag without dashes, where the flag is named otherwise. */
  readonly renamed?: Readonly<Record<string, string>>;
  /** Request objects whose fields are flags of their own (`layout.tp` is `--tp`). */
  readonly nested?: readonly string[];
  /** Request fields one flag gives whole (`sweep.to` is still `--sweep-domestic`). */
  readonly whole?: readonly string[];
}

/** One issue as a line naming the flag: `--seq-len: expected a positive integer, got "x"`. */
export function flagIssue(issue: Issue, options: object, names: FlagNames = {}): string {
  // no path, or a whole nested object (`layout`: the fields given together), names no one flag
  if (!issue.path || names.nested?.includes(issue.path)) return issue.message;
  const segments = issue.path.split('.');
  if (segments.length > 1 && names.nested?.includes(segments[0]!)) segments.shift();
  const [field, ...inner] = segments;
  const rest = names.whole?.includes(field!) ? [] : inner;
  const flag = names.renamed?.[field!] ?? kebab(field!);
  const given = (options as Record<string, unknown>)[camel(flag)];
  const got =
    typeof given === 'string' && issue.message.startsWith('expected') && rest.length === 0
      ? `, got "${given.length > 60 ? `${given.slice(0, 60)}…` : given}"`
      : '';
  return `--${flag}: ${rest.length ? `${rest.join('.')}: ` : ''}${issue.message}${got}`;
}

/** The value of a Result, or a UsageError whose one line names each flag in trouble. */
export function orUsageError<T>(result: Result<T>, options: object, names: FlagNames = {}): T {
  if (result.ok) return result.value;
  // one issue per field: `--devices 1e30` broke both "a positive integer" and "at most 1,000,000", and the
  // second only restates the first
  const seen = new Set<string>();
  const first = result.issues.filter((i) => {
    if (!i.path) return true;
    if (seen.has(i.path)) return false;
    seen.add(i.path);
    return true;
  });
  throw new UsageError(first.map((i) => flagIssue(i, options, names)).join('; '));
}

/** Runs a request schema on the request the options make. */
export function requestFrom<S extends z.ZodType>(
  schema: S,
  input: unknown,
  options: object,
  names: FlagNames = {},
): z.output<S> {
  return orUsageError(parseRequest(schema, input), options, names);
}

/** `--model`: a preset name stays a name; a path to a config.json becomes its parsed object. */
export function modelInput(text: string): string | Record<string, unknown> {
  if (!text.endsWith('.json')) return text;
  let raw: string;
  try {
    raw = readFileSync(text, 'utf8');
  } catch {
    throw new UsageError(`--model: cannot read ${text}`);
  }
  let parsed: unknown;
  try {
    // a UTF-8 byte-order mark (Windows editors) is not JSON, but scenario, catalog and CSV files already allow it
    parsed = JSON.parse(raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw);
  } catch (error) {
    throw new UsageError(`${text}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UsageError(`${text}: expected a JSON object (a Hugging Face config.json)`);
  return parsed as Record<string, unknown>;
}
