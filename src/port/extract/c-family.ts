/**
 * C, C++ and CUDA facts over a tree-sitter-cuda tree (the CUDA grammar extends C++, which extends C,
 * so one grammar reads .c/.cc/.cpp/.h/.hpp/.cu/.cuh alike).
 *
 * Token-driven for speed: a regex finds where a rule's literal (`cuda`, `cublas`, `#include`,
 * `__global__`, `<<<`, `asm`, `double`) occurs in the raw text, and the parse tree decides what it
 * is there (`descendantForIndex`): an identifier, a type or an include path is a fact; the same
 * characters inside a comment or a string literal are not. Walking every node through the wasm
 * boundary cost ~70× more per file (see docs/PORT.md, Performance).
 *
 * Besides facts, the extractor reports the project's own definitions of names that look like vendor
 * API (`#define cudaCheck(...)`, `cublasHandle_t cublas_handle;`, include guards, typedefs, fields,
 * parameters): the scan drops every fact naming them (`own.ts`). A macro body is read as code, so a
 * wrapper such as `#define cudaCheck(e) check(e)` around vendor calls reports the calls in its body
 * once, where it is defined, and never at its uses. `#define cudaMalloc hipMalloc` (a name mapped to
 * another name) is a compatibility alias, not a definition of the project's own.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { Interest } from '../evaluate';
import type { Fact } from '../types';

const NAME_NODES = new Set(['identifier', 'type_identifier', 'field_identifier', 'namespace_identifier']);
/** Declarator wrappers between a declared name and its declaration. */
const DECLARATOR_WRAPPERS = new Set([
  'pointer_declarator',
  'array_declarator',
  'reference_declarator',
  'parenthesized_declarator',
  'init_declarator',
  'attributed_declarator',
]);
const IDENTIFIER_AT = /[A-Za-z_]\w*(?:::[A-Za-z_]\w*)*/y;

export interface CExtractOptions {
  readonly file: string;
  /** A .cu/.cuh file: the file itself is a `cuda-source` construct. */
  readonly cudaSource: boolean;
}

/** What one C-family file contributes besides facts. */
export interface CFileExtras {
  /** Names the file defines itself that a rule pattern would match (macros, functions, variables, types...). */
  readonly defs: string[];
  /** `#include` paths (quoted or angled): resolved against the project's files to find its own headers. */
  readonly includes: string[];
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

/** The declared name node of a function definition (`k` in `__global__ void k(...)`). */
function functionName(definition: Node): string | undefined {
  let declarator = definition.childForFieldName('declarator');
  while (declarator && declarator.type !== 'function_declarator')
    declarator = declarator.childForFieldName('declarator');
  const name = declarator?.childForFieldName('declarator');
  // a template's explicit specialisations and its overloads are one kernel to port (`load_global<16>`,
  // `load_global<8>`... of one file), so the name is taken without its template arguments
  return name ? withoutTrailingTemplateArgs(name.text.replace(/\s+/g, '')) : undefined;
}

/** `load_global<16>` → `load_global`, `f<a<b>>` → `f`; `R<T>::a`, `operator<` and `operator<<` stay as they are. */
function withoutTrailingTemplateArgs(name: string): string {
  if (!name.endsWith('>') || name.startsWith('operator') || /::operator/.test(name)) return name;
  let depth = 0;
  for (let i = name.length - 1; i >= 0; i -= 1) {
    if (name[i] === '>') depth += 1;
    else if (name[i] === '<' && --depth === 0) return i > 0 ? name.slice(0, i) : name;
  }
  return name;
}

/**
 * The CUDA runtime, cuBLAS, cuDNN and NCCL name their API in camelCase after the prefix (`cudaMalloc`, `cublasGemmEx`,
 * `cudnnCreate`, `ncclAllReduce`) and their constants in capitals (`CUBLAS_OP_N`); none has a `prefix_lowercase` name
 * (`cuda_launch_gelu` is a project's). Such a name
 * is the project's own (DeepSpeed's `cublas_gemm_ex` wrapper), even where its definition was not seen (a signature
 * split across `#if` branches). cuRAND's device API is snake_case (`curand_init`) and is not listed here.
 */
const PROJECT_STYLE = /^(?:cuda|cublas|cublaslt|cudnn|nccl)_[a-z0-9]/;

const CONDITIONALS = new Set(['preproc_if', 'preproc_ifdef', 'preproc_elif', 'preproc_elifdef']);
const within = (inner: Node, outer: Node) =>
  inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
/** An `#else` that only stops the build or the program is no fallback (CUTLASS's `CUTE_INVALID_CONTROL_PATH`). */
const STUB =
  /\b(?:\w*INVALID\w*|\w*UNREACHABLE\w*|static_assert|assert|__trap|__builtin_trap|abort)\b|#\s*error/;

/**
 * Whether inline assembly has a portable fallback: it sits in a branch of an `#if`/`#ifdef` chain whose final
 * `#else` holds code and no assembly (`#ifdef PTX_AVAILABLE asm(...) #else plain C++ #endif`). A build for another
 * target compiles the fallback, so there is nothing to port. Not a fallback: no `#else`, an empty one, one that only
 * stops (an error stub), one that has assembly too (one per architecture), or the host half of a `__CUDA_ARCH__`
 * split (device code compiled for another target would take it).
 */
function hasPortableFallback(asm: Node, allAsm: readonly Node[]): boolean {
  for (let node = asm.parent; node && node.type !== 'function_definition'; node = node.parent) {
    if (!CONDITIONALS.has(node.type)) continue;
    // the head of the chain (`#if` or `#ifdef`) and its final `#else`
    let head: Node = node;
    while (head.type === 'preproc_elif' || head.type === 'preproc_elifdef') head = head.parent!;
    let last: Node | null = head.childForFieldName('alternative');
    while (last && last.type !== 'preproc_else') last = last.childForFieldName('alternative');
    if (!last || within(asm, last)) continue;
    const condition = head.childForFieldName('condition') ?? head.childForFieldName('name');
    if (condition && /__CUDA_ARCH__/.test(condition.text)) continue;
    const body = last.text.replace(/^#\s*else/, '').trim();
    if (body === '' || STUB.test(body)) continue;
    if (allAsm.some((other) => within(other, last!))) continue;
    return true;
  }
  return false;
}

/**
 * Whether a name node is the project defining that name (not using it), and if so whether it is an
 * alias of another API (`#define cudaMalloc hipMalloc`, `typedef hipStream_t cudaStream_t`).
 */
function definitionKind(node: Node): 'definition' | 'alias' | undefined {
  let child: Node = node;
  let parent = node.parent;
  // an out-of-class definition names its member through its class: `void Engine::cudaSync() {}`
  while (parent?.type === 'qualified_identifier' && parent.childForFieldName('name')?.id === child.id) {
    child = parent;
    parent = parent.parent;
  }
  while (parent && DECLARATOR_WRAPPERS.has(parent.type)) {
    if (parent.type === 'init_declarator' && parent.childForFieldName('declarator')?.id !== child.id)
      return undefined; // the initialiser, a use
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  const isField = (field: string) => parent!.childForFieldName(field)?.id === child.id;
  switch (parent.type) {
    case 'preproc_def': {
      if (!isField('name')) return undefined;
      const value = parent.childForFieldName('value')?.text.trim() ?? '';
      return /^[A-Za-z_]\w*(?:::[A-Za-z_]\w*)*$/.test(value) ? 'alias' : 'definition';
    }
    case 'preproc_function_def':
      return isField('name') ? 'definition' : undefined;
    case 'type_definition': {
      if (!isField('declarator')) return undefined;
      return parent.childForFieldName('type')?.type === 'type_identifier' ? 'alias' : 'definition';
    }
    case 'function_declarator': {
      if (!isField('declarator')) return undefined;
      let outer = parent.parent;
      while (outer && DECLARATOR_WRAPPERS.has(outer.type)) outer = outer.parent;
      // a free prototype may re-declare a vendor function (a shim header) and is not; a member function declared in
      // the project's own class or struct is
      return outer?.type === 'function_definition' || outer?.type === 'field_declaration'
        ? 'definition'
        : undefined;
    }
    case 'declaration':
    case 'field_declaration':
    case 'parameter_declaration':
    case 'optional_parameter_declaration':
      return isField('declarator') ? 'definition' : undefined;
    case 'struct_specifier':
    case 'class_specifier':
    case 'union_specifier':
    case 'enum_specifier':
      return isField('name') && parent.childForFieldName('body') ? 'definition' : undefined;
    case 'enumerator':
    case 'namespace_definition':
      return isField('name') ? 'definition' : undefined;
    default:
      return undefined;
  }
}

export function extractCFamily(
  tree: Tree,
  text: string,
  options: CExtractOptions,
  scanner: CScanner,
  out: Fact[],
  extras: CFileExtras = { defs: [], includes: [] },
): void {
  const { file } = options;
  const root = tree.rootNode;
  const seen = new Set<string>();
  /** Text offsets of the facts this file emitted, for assigning them to kernels afterwards. */
  const emitted: { fact: Fact; index: number }[] = [];
  let lineStarts: number[] | undefined;
  const position = (index: number): [number, number] => {
    if (!lineStarts) {
      lineStarts = [0];
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
    }
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return [lo + 1, index - lineStarts[lo]! + 1];
  };
  const emitAt = (kind: Fact['kind'], symbol: string, index: number, line: number, column: number) => {
    const key = `${kind}\u0000${index}\u0000${symbol}`;
    if (seen.has(key)) return;
    seen.add(key);
    const fact: Fact = { kind, symbol, file, line, column };
    out.push(fact);
    emitted.push({ fact, index });
  };
  const emit = (kind: Fact['kind'], symbol: string, node: Node) =>
    emitAt(kind, symbol, node.startIndex, node.startPosition.row + 1, node.startPosition.column + 1);
  if (options.cudaSource) out.push({ kind: 'c-construct', symbol: 'cuda-source', file, line: 1, column: 1 });

  /** [start, end, name] of __global__/__device__ function definitions: kernels, fp64 and inline asm. */
  const deviceRanges: [number, number, string][] = [];
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
        if (path) {
          const value = path.text.replace(/^[<"]|[>"]$/g, '');
          extras.includes.push(value);
          emit('c-include', value, path);
        }
      }
    } else if (token === '__global__' || token === '__device__') {
      if (node.type === token && parent?.type === 'function_definition') {
        const name = functionName(parent) ?? `line${parent.startPosition.row + 1}`;
        deviceRanges.push([parent.startIndex, parent.endIndex, name]);
        if (token === '__global__') emit('c-construct', 'kernel', parent);
      }
    } else if (token === '<<<') {
      if (parent?.type === 'kernel_call_syntax') emit('c-construct', 'launch', parent);
    } else if (token === 'double') {
      if (node.type === 'primitive_type') doubles.push(node);
    } else if (token === 'asm' || token === '__asm__' || token === '__asm') {
      if (parent?.type === 'gnu_asm_expression' || parent?.type === 'asm_statement') asms.push(parent);
    } else if (scanner.symbol && node.type === 'preproc_arg') {
      // a macro body: the grammar keeps it as text, so read the identifier at the anchor
      IDENTIFIER_AT.lastIndex = start;
      const word = IDENTIFIER_AT.exec(text)?.[0];
      if (!word) continue;
      anchors.lastIndex = Math.max(anchors.lastIndex, start + word.length);
      if (scanner.symbol.test(word)) {
        const [line, column] = position(start);
        emitAt('c-symbol', word, start, line, column);
      }
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
      if (!scanner.symbol.test(node.text)) continue;
      // a definition is recorded whatever its style: a macro that wraps it is followed to it (own.ts)
      const definition = definitionKind(node);
      if (definition === 'definition') extras.defs.push(node.text);
      else if (definition !== 'alias' && !PROJECT_STYLE.test(node.text)) emit('c-symbol', node.text, node);
    }
  }
  deviceRanges.sort((a, b) => a[0] - b[0]);
  const rangeAt = (index: number): [number, number, string] | undefined => {
    let lo = 0;
    let hi = deviceRanges.length - 1;
    let found: [number, number, string] | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const range = deviceRanges[mid]!;
      if (range[0] <= index) {
        found = range;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found && index < found[1] ? found : undefined;
  };
  const inDevice = (n: Node) => rangeAt(n.startIndex) !== undefined;
  for (const d of doubles) if (inDevice(d)) emit('c-construct', 'device-fp64', d);
  for (const a of asms)
    if ((options.cudaSource || inDevice(a)) && !hasPortableFallback(a, asms))
      emit('c-construct', 'inline-asm', a);
  if (deviceRanges.length === 0) return;
  for (const entry of emitted) {
    const range = rangeAt(entry.index);
    if (range) (entry.fact as { kernel?: string }).kernel = range[2];
  }
}
