/** Reads user rule files (`--rules FILE`, YAML or JSON) and merges them over the built-in sets. */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { fail, type Issue, ok, type Result } from '../../core/result';
import type { RuleSet } from '../types';
import { builtinRuleSets } from './index';
import { mergeRuleSets, parseRuleFile } from './schema';

export function readRuleFile(path: string): Result<RuleSet> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return fail({ code: 'unreadable', path, message: 'cannot read the rules file' });
  }
  let data: unknown;
  try {
    data = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return fail({
      code: 'syntax',
      path,
      message: `not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${first}`,
    });
  }
  return parseRuleFile(data, path);
}

/** Built-in sets plus user files, merged by target (a user file may add a new target). */
export function loadRuleSets(userFiles: readonly string[]): Result<RuleSet[]> {
  const sets: RuleSet[] = [...builtinRuleSets()];
  const issues: Issue[] = [];
  for (const file of userFiles) {
    const result = readRuleFile(file);
    if (result.ok) sets.push(result.value);
    else issues.push(...result.issues);
  }
  return issues.length > 0 ? fail(...issues) : ok(mergeRuleSets(sets));
}
