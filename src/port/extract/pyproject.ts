/**
 * pyproject.toml dependencies, read with a real TOML parser (smol-toml). TOML values carry no
 * positions, so each dependency string is located afterwards by searching its quoted text.
 */
import { parse } from 'smol-toml';
import type { Fact } from '../types';
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
  strings(get(doc, 'project', 'optional-dependencies'), requirements);
  strings(get(doc, 'build-system', 'requires'), requirements);
  strings(get(doc, 'dependency-groups'), requirements);
  // Poetry lists names as table keys
  for (const section of [
    get(doc, 'tool', 'poetry', 'dependencies'),
    get(doc, 'tool', 'poetry', 'dev-dependencies'),
  ]) {
    if (section && typeof section === 'object') requirements.push(...Object.keys(section));
  }
  const lineStarts = [0];
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  let searchFrom = 0;
  for (const requirement of requirements) {
    const name = parseRequirementName(requirement);
    if (!name || name === 'python') continue;
    let at = text.indexOf(requirement, searchFrom);
    if (at < 0) at = text.indexOf(requirement);
    else searchFrom = at + requirement.length;
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= Math.max(at, 0)) line += 1;
    const column = at >= 0 ? at - lineStarts[line]! + 1 : 1;
    out.push({ kind: 'dependency', symbol: name, file, line: at >= 0 ? line + 1 : 1, column });
  }
}
