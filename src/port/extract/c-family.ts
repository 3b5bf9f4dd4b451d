/**
 * C, C++ and CUDA facts over a tree-sitter-cuda tree (the CUDA grammar extends C++, which extends C,
 * so one grammar reads .c/.cc/.cpp/.h/.hpp/.cu/.cuh alike).
 *
 * Token-driven for speed: a regex finds where a rule's literal (`cuda`, `cublas`, `#include`,
 * `__global__`, `<<<`, `asm`, `double`) occurs in the raw text, and the parse tree decides what it
 * is there (`descendantForIndex`): an identifier, a type or an include path is a fact; the same
 * characters inside a comment, a string literal or a macro body are not. Walking every node through
 * the wasm boundary cost ~70× more per file (see docs/PORT.md, Performance).
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { Interest } from '../evaluate';
import type { Fact } from '../types';

const NAME_NODES = new Set(['identifier', 'type_identifier', 'field_identifier', 'namespace_identifier']);

export interface CExtractOptions {
  readonly file: string;
  /** A .cu/.cuh file: the file itself is a `cuda-source` construct. */
  readonly cudaSource: boolean;
}

/** Regexes derived once per rule set; reused for every file. */
export interface CScanner {
  /** Global regex over raw text: every place a fact could start. */
  readonly anchors: RegExp;
  /** Full-symbol test for `c-symbol` facts. */
  readonly symbol: RegExp | undefined;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function buildCScanner(interest: Interest): CScanner {
  const prefixes = new Set<string>();
  for (const pattern of interest.patterns.get('c-symbol') ?? []) {
    const prefix = pattern.split('*')[0]!;
    // A pattern without a literal prefix could match any identifier: anchor on identifiers then.
    prefixes.add(prefix === '' ? '[A-Za-z_]' : escapeRegExp(prefix.split('::')[0]!));
  }
  const symbolAlternatives = [...prefixes].map((p) => `\\b${p}`);
  const constructs = [
    '#[ \\t]*include',
    '\\b__global__\\b',
    '\\b__device__\\b',
    '<<<',
    '\\b(?:asm|__asm__|__asm)\\b',
    '\\bdouble\\b',
  ];
  const symbols = interest.cSymbols;
  return {
    anchors: new RegExp([...constructs, ...symbolAlternatives].join('|'), 'g'),
    symbol: symbols.length === 0 ? undefined : new RegExp(symbols.map((r) => `(?:${r.source})`).join('|')),
  };
}

export function extractCFamily(
  tree: Tree,
  text: string,
  options: CExtractOptions,
  scanner: CScanner,
  out: Fact[],
): void {
  const { file } = options;
  const root = tree.rootNode;
  const seen = new Set<string>();
  const emit = (kind: Fact['kind'], symbol: string, node: Node) => {
    const key = `${kind}\u0000${node.startIndex}\u0000${symbol}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ kind, symbol, file, line: node.startPosition.row + 1, column: node.startPosition.column + 1 });
  };
  if (options.cudaSource) out.push({ kind: 'c-construct', symbol: 'cuda-source', file, line: 1, column: 1 });

  /** [start, end) of __global__/__device__ function definitions, for fp64 and inline asm. */
  const deviceRanges: [number, number][] = [];
  const doubles: Node[] = [];
  const asms: Node[] = [];
  const anchors = new RegExp(scanner.anchors.source, 'g');
  for (let m = anchors.exec(text); m; m = anchors.exec(text)) {
    const token = m[0];
    const start = m.index;
    const node = root.descendantForIndex(start, start + token.length);
    if (!node) continue;
    const parent = node.parent;
    if (token.startsWith('#')) {
      if (parent?.type === 'preproc_include' || node.type === 'preproc_include') {
        const include = node.type === 'preproc_include' ? node : parent!;
        const path = include.childForFieldName('path');
        if (path) emit('c-include', path.text.replace(/^[<"]|[>"]$/g, ''), path);
      }
    } else if (token === '__global__' || token === '__device__') {
      if (node.type === token && parent?.type === 'function_definition') {
        deviceRanges.push([parent.startIndex, parent.endIndex]);
        if (token === '__global__') emit('c-construct', 'kernel', parent);
      }
    } else if (token === '<<<') {
      if (parent?.type === 'kernel_call_syntax') emit('c-construct', 'launch', parent);
    } else if (token === 'double') {
      if (node.type === 'primitive_type') doubles.push(node);
    } else if (token === 'asm' || token === '__asm__' || token === '__asm') {
      if (parent?.type === 'gnu_asm_expression' || parent?.type === 'asm_statement') asms.push(parent);
    } else if (scanner.symbol && NAME_NODES.has(node.type)) {
      anchors.lastIndex = Math.max(anchors.lastIndex, node.endIndex);
      let outer: Node = node;
      while (outer.parent?.type === 'qualified_identifier') outer = outer.parent;
      if (outer !== node) {
        const qualified = outer.text.replace(/\s+/g, '').replace(/<.*$/, '');
        if (scanner.symbol.test(qualified)) {
          emit('c-symbol', qualified, outer);
          continue;
        }
      }
      if (scanner.symbol.test(node.text)) emit('c-symbol', node.text, node);
    }
  }
  const inDevice = (n: Node) => deviceRanges.some(([s, e]) => n.startIndex >= s && n.endIndex <= e);
  for (const d of doubles) if (inDevice(d)) emit('c-construct', 'device-fp64', d);
  for (const a of asms) if (options.cudaSource || inDevice(a)) emit('c-construct', 'inline-asm', a);
}
