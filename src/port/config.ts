/**
 * The scanned repository's own settings: `.chipmix-port.yaml` at its root (or `--config FILE`).
 *
 *   exclude: [third_party/, '*.generated.py']   # gitignore-style patterns, relative to the root
 *   scopes:                                     # scope overrides, gitignore-style patterns
 *     experimental: [kernels/variants/]
 *     product: [dev/cuda/common.h]
 *   gitignore: true                             # honour .gitignore files (default true)
 *
 * YAML was chosen over a `[tool.chipmix-port]` table because C/C++/CUDA projects have no
 * pyproject.toml; one file name works for every kind of codebase.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { fail, formatPath, ok, type Result } from '../core/result';
import { lazyZod, type Zod } from './lazy-zod';
import type { ScopeOverride } from './scope';
import { SCOPES } from './types';

export const CONFIG_FILE = '.chipmix-port.yaml';

function buildConfigSchema(z: Zod) {
  const patterns = z.array(z.string().min(1));
  return z.strictObject({
    exclude: patterns.default([]),
    scopes: z.partialRecord(z.enum(SCOPES), patterns).default({}),
    gitignore: z.boolean().default(true),
  });
}

let configSchema: ReturnType<typeof buildConfigSchema> | undefined;

/** The config file's schema, built when a config file is read (a scan without one never loads zod: lazy-zod.ts). */
export function portConfigSchema(): ReturnType<typeof buildConfigSchema> {
  configSchema ??= buildConfigSchema(lazyZod());
  return configSchema;
}

export interface PortConfig {
  readonly exclude: readonly string[];
  readonly scopes: readonly ScopeOverride[];
  readonly gitignore: boolean;
  /** The file read, if any. */
  readonly origin?: string;
}

export const EMPTY_CONFIG: PortConfig = { exclude: [], scopes: [], gitignore: true };

/** Reads `FILE` (or `.chipmix-port.yaml` in `root` when present); a missing default file is no error. */
export function readPortConfig(root: string, file?: string): Result<PortConfig> {
  const path = file ?? join(root, CONFIG_FILE);
  if (!file && !existsSync(path)) return ok(EMPTY_CONFIG);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return fail({ code: 'unreadable', path, message: 'cannot read the config file' });
  }
  let data: unknown;
  try {
    data = parseYaml(text) ?? {};
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return fail({ code: 'syntax', path, message: `not valid YAML: ${first}` });
  }
  const parsed = portConfigSchema().safeParse(data);
  if (!parsed.success) {
    return fail(
      ...parsed.error.issues.map((issue) => ({
        code: 'invalid-config',
        // a top-level issue (an unknown key) names the file alone, not the file and an empty field
        path: issue.path.length > 0 ? `${path}: ${formatPath(issue.path)}` : path,
        message: issue.message,
      })),
    );
  }
  const scopes: ScopeOverride[] = [];
  for (const scope of SCOPES)
    for (const pattern of parsed.data.scopes[scope] ?? []) scopes.push({ scope, pattern });
  return ok({ exclude: parsed.data.exclude, scopes, gitignore: parsed.data.gitignore, origin: path });
}

/** Parses `--scope SCOPE=GLOB`. */
export function parseScopeOption(value: string): Result<ScopeOverride> {
  const at = value.indexOf('=');
  const scope = value.slice(0, at);
  const pattern = value.slice(at + 1);
  if (at <= 0 || pattern === '' || !(SCOPES as readonly string[]).includes(scope)) {
    return fail({
      code: 'invalid-scope',
      path: '--scope',
      message: `expected SCOPE=GLOB with SCOPE one of ${SCOPES.join(', ')}, got ${value}`,
    });
  }
  return ok({ scope: scope as ScopeOverride['scope'], pattern });
}
