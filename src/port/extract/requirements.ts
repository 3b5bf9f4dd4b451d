/**
 * Python dependency names: PEP 508 requirement strings and pip requirements files. pip's
 * requirements format is line-based by definition (one requirement or option per logical line,
 * `#` comments, `\` continuations), so a line reader is its real grammar.
 */
import type { Fact } from '../types';

/** PEP 503 normalisation: lower case, runs of `-_.` become `-`. */
export function normalizePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The package name of a PEP 508 requirement (`flash-attn>=2; platform_system=="Linux"`), if any. */
export function parseRequirementName(requirement: string): string | undefined {
  const match =
    /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;@(\s]|$)/.exec(
      requirement,
    );
  return match ? normalizePackageName(match[1]!) : undefined;
}

/** Extracts `dependency` facts (and a PyTorch CUDA wheel index as `pytorch-cuda-index`). */
/** A requirements file for development, tests, docs or extras: what it lists is not needed to run. */
export const OPTIONAL_REQUIREMENTS =
  /(?:^|[-_./])(?:dev|test|tests|testing|docs?|lint|extra|extras|optional|bench|benchmark|examples?)(?:[-_.]|$)/i;

/**
 * The files of a `requirements/` directory that hold what the project needs to run; any other file there is one
 * feature's extra (LLaMA-Factory's requirements/deepspeed.txt, requirements/fp8-te.txt beside a top-level
 * requirements.txt), which the project runs without.
 */
const BASE_REQUIREMENTS = /^(?:base|common|core|main|runtime|prod|production|install|requirements|default)$/i;

export function extractRequirements(text: string, file: string, out: Fact[]): void {
  const parts = file.split('/');
  const stem = parts.pop()!.replace(/\.(?:txt|in)$/, '');
  const inRequirementsDir = /^req(?:uirement)?s$/i.test(parts.at(-1) ?? '');
  const optional = OPTIONAL_REQUIREMENTS.test(stem) || (inRequirementsDir && !BASE_REQUIREMENTS.test(stem));
  const start = out.length;
  extractRequirementLines(text, file, out);
  for (let k = start; k < out.length; k += 1) (out[k] as { optional?: boolean }).optional = optional;
}

/** A pip line that pins CUDA builds of torch: a CUDA wheel index (`--extra-index-url .../whl/cu121`) or label (`+cu121`). */
export function pinsCudaWheels(content: string): boolean {
  // separate linear tests: `index-url.*whl` backtracked over every option on a long hostile line
  if (content.startsWith('-'))
    return (
      (/--(?:extra-)?index-url\b/.test(content) || /(?:^|\s)-f\s/.test(content)) &&
      /\/whl\/cu\d/.test(content)
    );
  return /\+cu\d/.test(content);
}

export function extractRequirementLines(text: string, file: string, out: Fact[]): void {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const startLine = i;
    // continuations joined once: re-slicing the growing line at every `\` was quadratic (1.2 MB took 114 s)
    const parts = [lines[i]!];
    while (parts[parts.length - 1]!.endsWith('\\') && i + 1 < lines.length) {
      parts[parts.length - 1] = parts[parts.length - 1]!.slice(0, -1);
      i += 1;
      parts.push(lines[i]!);
    }
    const line = parts.join(' ');
    const hash = line.search(/(^|\s)#/);
    const content = (hash >= 0 ? line.slice(0, hash) : line).trim();
    if (content === '') continue;
    const column = line.indexOf(content) + 1;
    if (content.startsWith('-')) {
      // Options: an index serving CUDA builds of torch pins the project to NVIDIA wheels.
      if (pinsCudaWheels(content)) {
        out.push({ kind: 'dependency', symbol: 'pytorch-cuda-index', file, line: startLine + 1, column });
      }
      continue;
    }
    const name = parseRequirementName(content);
    if (!name) continue;
    out.push({ kind: 'dependency', symbol: name, file, line: startLine + 1, column });
    // `torch==2.3.0+cu121`: a CUDA local version label
    if (pinsCudaWheels(content)) {
      out.push({ kind: 'dependency', symbol: 'pytorch-cuda-index', file, line: startLine + 1, column });
    }
  }
}
