/**
 * pyproject.toml dependencies, read with a real TOML parser (smol-toml). TOML values carry no
 * positions, so each dependency string is located afterwards by searching its quoted text.
 */
import { parse } from 'smol-toml';
import type { Fact } from '../types';
import { locator } from './locate';
import { parseRequirementName } from './requirements';

function strings(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, into);
}

function get(obj: unknown, ...path: string[]): unknown {
  let cur = obj;
  for (const key of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Throws the TOML parser's error on malformed input; the caller turns it into a warning. */
export function extractPyproject(text: string, file: string, out: Fact[]): void {
  const doc = parse(text);
  const requirements: string[] = [];
  strings(get(doc, 'project', 'dependencies'), requirements);
  strings(get(doc, 'build-system', 'requires'), requirements);
  const poetry = get(doc, 'tool', 'poetry', 'dependencies');
  if (poetry && typeof poetry === 'object') requirements.push(...Object.keys(poetry));
  // extras, dependency groups and dev dependencies: the project runs without them
  const required = requirements.length;
  strings(get(doc, 'project', 'optional-dependencies'), requirements);
  strings(get(doc, 'dependency-groups'), requirements);
  const dev = get(doc, 'tool', 'poetry', 'dev-dependencies');
  if (dev && typeof dev === 'object') requirements.push(...Object.keys(dev));
  const located = locator(text);
  for (const [index, requirement] of requirements.entries()) {
    const name = parseRequirementName(requirement);
    if (!name || name === 'python') continue;
    out.push({
      kind: 'dependency',
      symbol: name,
      file,
      ...located(requirement),
      optional: index >= required,
    });
  }
}
