/**
 * A cheap raw-text test run before parsing: a file is parsed only if it contains at least one token
 * that some rule needs (e.g. `cuda`, `nccl`, `triton`). It only decides what to parse; whether
 * anything is a finding is decided on the parse tree. A token is a literal piece every match of the
 * pattern must contain (for Python names each dotted segment must appear in the text, whatever the
 * aliasing). If some pattern has no piece of at least 3 characters, that language is always parsed.
 */
import type { Interest } from './evaluate';
import type { FactKind } from './types';

const MIN_TOKEN = 3;

function longestPiece(pattern: string, separators: RegExp): string {
  let best = '';
  for (const piece of pattern.split(separators)) if (piece.length > best.length) best = piece;
  return best;
}

function tokensFor(interest: Interest, kinds: readonly FactKind[]): string[] | undefined {
  const tokens = new Set<string>();
  for (const kind of kinds) {
    for (const pattern of interest.patterns.get(kind) ?? []) {
      const separators = kind === 'py-ref' || kind === 'py-method' ? /[*.()]+/ : /\*+/;
      const piece = longestPiece(pattern, separators);
      if (piece.length < MIN_TOKEN) return undefined;
      tokens.add(piece);
    }
  }
  return [...tokens];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface Prefilter {
  /** undefined = parse every file of the language. */
  readonly python: RegExp | undefined;
  readonly cFamily: RegExp | undefined;
}

export function buildPrefilter(interest: Interest): Prefilter {
  const python = tokensFor(interest, ['py-ref', 'py-method', 'py-string', 'env']);
  const c = tokensFor(interest, ['c-include', 'c-symbol']);
  const cConstructs = ['__global__', '__device__', '<<<', 'asm'];
  const build = (tokens: string[] | undefined) =>
    tokens === undefined ? undefined : new RegExp(tokens.map(escapeRegExp).join('|'));
  return { python: build(python), cFamily: build(c === undefined ? undefined : [...c, ...cConstructs]) };
}
