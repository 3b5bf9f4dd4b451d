/**
 * Dockerfile facts. The Dockerfile grammar is line-oriented (an instruction per logical line, `\`
 * continuations, `#` comment lines), so this follows it directly: `FROM` images, `ENV`/`ARG` names,
 * and `pip install` arguments in `RUN` lines as dependencies.
 */
import type { Fact } from '../types';
import { parseRequirementName } from './requirements';

const VALUE_FLAGS = new Set([
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-f',
  '--find-links',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-t',
  '--target',
  '--prefix',
  '--root',
]);

export function extractDockerfile(text: string, file: string, out: Fact[]): void {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const startLine = i + 1;
    let logical = lines[i]!;
    if (/^\s*#/.test(logical)) continue;
    while (/\\\s*$/.test(logical) && i + 1 < lines.length) {
      i += 1;
      const next = lines[i]!;
      if (/^\s*#/.test(next)) continue; // comment lines inside a continuation are dropped
      logical = `${logical.replace(/\\\s*$/, '')} ${next}`;
    }
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(logical);
    if (!match) continue;
    const instruction = match[1]!.toUpperCase();
    const rest = match[2]!;
    const column = logical.indexOf(match[1]!) + 1;
    if (instruction === 'FROM') {
      const image = rest.split(/\s+/).find((w) => !w.startsWith('--'));
      if (image) out.push({ kind: 'docker-image', symbol: image, file, line: startLine, column });
    } else if (instruction === 'ENV' || instruction === 'ARG') {
      for (const m of rest.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)(?==|\s|$)/g)) {
        out.push({ kind: 'env', symbol: m[1]!, file, line: startLine, column });
      }
    } else if (instruction === 'RUN') {
      for (const cmd of rest.split(/&&|;|\|\|/)) {
        const words = cmd.trim().split(/\s+/);
        const at = words.findIndex((w, k) => w === 'install' && /(^|\/)pip3?$/.test(words[k - 1] ?? ''));
        const atModule = words.findIndex(
          (w, k) => w === 'install' && words[k - 1] === 'pip' && words[k - 2] === '-m',
        );
        const start = at >= 0 ? at : atModule;
        if (start < 0) continue;
        const args = words.slice(start + 1);
        if (args.some((w) => /\/whl\/cu\d+/.test(w))) {
          out.push({ kind: 'dependency', symbol: 'pytorch-cuda-index', file, line: startLine, column });
        }
        for (let k = 0; k < args.length; k += 1) {
          const word = args[k]!;
          if (VALUE_FLAGS.has(word)) {
            k += 1; // the flag's value is a file or URL, not a package
            continue;
          }
          if (word.startsWith('-') || word.includes('/') || word.startsWith('$') || word.startsWith('.'))
            continue;
          const name = parseRequirementName(word.replace(/^['"]|['"]$/g, ''));
          if (name) out.push({ kind: 'dependency', symbol: name, file, line: startLine, column });
        }
      }
    }
  }
}
