/**
 * Python fact extraction over a tree-sitter-python tree. Names are resolved through imports with
 * Python's scoping: a function's locals shadow module names for the whole function; module-level
 * names are taken by position (the last binding before the use; a read inside a function sees the
 * module's final binding); class scopes are not visible from methods; parameter defaults are read in
 * the enclosing scope. Strings and comments are never read as code: only a string literal whose
 * whole value is a device/backend/file name (per the rules' `py-string` patterns) becomes a fact.
 *
 * Token-driven for speed (as in c-family.ts): regexes find where `import`, an imported name, a method
 * of interest or a string token occurs in the raw text; the parse tree (`descendantForIndex`) decides
 * what each occurrence is. Characters inside comments or strings resolve to comment/string nodes and
 * are dropped there.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { Interest } from '../evaluate';
import type { Fact } from '../types';
import { inRanges, stringAndCommentRanges } from './python-lex';
import { parseRequirementName } from './requirements';

type ScopeKind = 'module' | 'function' | 'class';

interface Binding {
  /** UTF-16 offset of the binding name. */
  readonly pos: number;
  /** The qualified module/object an import bound, or null for any other (shadowing) binding. */
  readonly target: string | null;
}

interface Scope {
  readonly kind: ScopeKind;
  readonly parent: Scope | null;
  readonly bindings: Map<string, Binding[]>;
}

interface Candidate {
  readonly scope: Scope;
  readonly name: string;
  readonly pos: number;
  /** Attribute path after the name (`cuda.synchronize`), `()` appended when called; '' for a bare name. */
  readonly rest: string;
  readonly line: number;
  readonly column: number;
  /** Text offset of the whole expression. */
  readonly index: number;
  /** The function this expression decorates, if it is a decorator. */
  readonly decorates: Node | null;
}

const IMPORT_PARENTS = new Set([
  'dotted_name',
  'aliased_import',
  'import_statement',
  'import_from_statement',
  'relative_import',
  'future_import_statement',
]);
const TARGET_PATTERNS = new Set([
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
  'list_splat_pattern',
  'as_pattern_target',
]);
const SETUP_DEP_KEYWORDS = /\b(?:install_requires|setup_requires|extras_require|requires)\b/g;

export interface PythonExtractOptions {
  readonly file: string;
  readonly interest: Interest;
  /** setup.py: also read `install_requires=[...]` strings as dependencies. */
  readonly setupPy?: boolean;
}

/** What one Python file contributes besides facts. */
export interface PyFileExtras {
  /** Method names the file defines in a class that a `py-method` rule would match (`def cuda(self)`). */
  readonly defs: string[];
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Dtypes a comparison only checks for: `x.dtype == torch.float64` or `dtype in (torch.float32, torch.float64)` does
 * no float64 arithmetic, so the reference is kept as `compare:NAME`, which no dtype rule matches.
 */
const CHECKED_DTYPES = new Set(['torch.float64', 'torch.double', 'torch.complex128', 'torch.cdouble']);

/** Decorators that make a function a Triton kernel: the kernel is one porting unit. */
const KERNEL_DECORATORS = new Set(['triton.jit', 'triton.autotune', 'triton.heuristics']);

/** The string value of a literal when it is a plain (or f-) string; an f-string hole ends the value with `*`. */
export function stringValue(literal: string): string | undefined {
  const match = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(literal);
  if (!match) return undefined;
  const quote = match[2]!;
  let body = literal.slice(match[0].length, literal.length - quote.length);
  if (/[fF]/.test(match[1]!)) {
    const hole = body.indexOf('{');
    if (hole >= 0) body = `${body.slice(0, hole)}*`;
  }
  return body;
}

/** `torch` of `torch.cuda.synchronize` (as `split('.', 1)[0]`, without the array). */
const firstSegment = (dotted: string) => {
  const dot = dotted.indexOf('.');
  return dot < 0 ? dotted : dotted.slice(0, dot);
};

/** `cuda.synchronize` of ` . cuda .synchronize`: whitespace dropped, then the leading dot. */
const compactChain = (chain: string) => (/\s/.test(chain) ? chain.replace(/\s+/g, '') : chain).slice(1);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The regexes extraction derives from the interest alone: built once per interest, not per file. */
class PythonTables {
  /** Strings whose whole value may be a name of interest contain one of these tokens. */
  readonly stringRe: RegExp | undefined;
  readonly kwRe: RegExp | undefined;
  private readonly methods: string[];
  /**
   * The names regex per set of imported names. Files of one project repeat their imports (half of
   * FlagGems' files share a set with another), and compiling a fresh regex per file cost more than
   * running it.
   */
  private readonly namesRes = new Map<string, RegExp>();

  constructor(interest: Interest) {
    const stringTokens = new Set<string>();
    for (const kind of ['py-string', 'env'] as const) {
      for (const pattern of interest.patterns.get(kind) ?? []) {
        const piece = pattern.split('*').reduce((a, b) => (b.length > a.length ? b : a), '');
        if (piece) stringTokens.add(piece);
      }
    }
    this.stringRe =
      stringTokens.size > 0 ? new RegExp([...stringTokens].map(escapeRegExp).join('|'), 'g') : undefined;
    this.kwRe =
      interest.pyKwargs.size > 0
        ? new RegExp(`\\b(?:${[...interest.pyKwargs].map(escapeRegExp).join('|')})(?=\\s*=[^=])`, 'g')
        : undefined;
    this.methods = [...interest.pyMethods];
  }

  /** `\b(?:imported|names|methods)\b`, global, its lastIndex at 0; undefined when there is no name. */
  namesRegExp(imported: ReadonlySet<string>): RegExp | undefined {
    const names = [...imported];
    for (const method of this.methods) if (!imported.has(method)) names.push(method);
    if (names.length === 0) return undefined;
    const key = names.join('\n'); // names are identifiers: no newline inside
    let re = this.namesRes.get(key);
    if (!re) {
      if (this.namesRes.size >= MAX_CACHED_REGEXPS) this.namesRes.clear();
      re = new RegExp(`\\b(?:${names.map(escapeRegExp).join('|')})\\b`, 'g');
      this.namesRes.set(key, re);
    }
    re.lastIndex = 0;
    return re;
  }
}

const MAX_CACHED_REGEXPS = 1000;
const tablesByInterest = new WeakMap<Interest, PythonTables>();
function tablesFor(interest: Interest): PythonTables {
  let tables = tablesByInterest.get(interest);
  if (!tables) {
    tables = new PythonTables(interest);
    tablesByInterest.set(interest, tables);
  }
  return tables;
}
const same = (a: Node | null | undefined, b: Node) =>
  !!a && a.startIndex === b.startIndex && a.endIndex === b.endIndex;

function lookup(from: Scope, name: string, pos: number): Binding | undefined {
  for (let scope: Scope | null = from; scope; scope = scope.parent) {
    if (scope.kind === 'class' && scope !== from) continue;
    const list = scope.bindings.get(name);
    if (!list || list.length === 0) continue;
    let before: Binding | undefined;
    let first = list[0]!;
    let last = list[0]!;
    for (const b of list) {
      if (b.pos <= pos && (!before || b.pos > before.pos)) before = b;
      if (b.pos < first.pos) first = b;
      if (b.pos > last.pos) last = b;
    }
    if (scope === from || scope.kind !== 'module') {
      // A function local bound later is still local for the whole function (Python's rule).
      return before ?? (scope.kind === 'module' ? undefined : first);
    }
    return last; // read from a nested function: it runs after the module finished loading
  }
  return undefined;
}

interface ScopeRange {
  readonly start: number;
  readonly end: number;
  readonly kind: ScopeKind;
  /** Index of the enclosing range, -1 for the module. */
  parent: number;
  /** The parameter list of a function or lambda (defaults are evaluated outside). */
  paramsStart: number;
  paramsEnd: number;
}

const COMPREHENSIONS = new Set([
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);

/**
 * Every scope node of the file, sorted by start, each with its enclosing range. Token-driven like the
 * rest: the keywords `def`, `class`, `lambda` and `for` are found in the text and the tree says which
 * node each one opens (a tree-sitter query walked every node of the file and cost 40% of extraction).
 */
function scopeRanges(tree: Tree, text: string): ScopeRange[] {
  const root = tree.rootNode;
  const ranges: ScopeRange[] = [];
  const seen = new Set<number>();
  const add = (node: Node, kind: ScopeKind, params: Node | null) => {
    if (seen.has(node.startIndex * 4 + (kind === 'class' ? 1 : 0))) return;
    seen.add(node.startIndex * 4 + (kind === 'class' ? 1 : 0));
    ranges.push({
      start: node.startIndex,
      end: node.endIndex,
      kind,
      parent: -1,
      paramsStart: params ? params.startIndex : -1,
      paramsEnd: params ? params.endIndex : -1,
    });
  };
  const keywords = /\b(?:def|class|lambda|for)\b/g;
  for (let m = keywords.exec(text); m; m = keywords.exec(text)) {
    const keyword = root.descendantForIndex(m.index, m.index + m[0].length);
    if (keyword?.type !== m[0]) continue; // inside a string, a comment or a name
    const parent = keyword.parent;
    if (!parent) continue;
    const type = parent.type; // each node property read crosses into wasm: read it once
    if (type === 'function_definition' || type === 'lambda')
      add(parent, 'function', parent.childForFieldName('parameters'));
    else if (type === 'class_definition') add(parent, 'class', null);
    else if (type === 'for_in_clause') {
      const comprehension = parent.parent;
      if (comprehension && COMPREHENSIONS.has(comprehension.type)) add(comprehension, 'function', null);
    }
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const stack: number[] = [];
  ranges.forEach((r, i) => {
    while (stack.length > 0 && ranges[stack[stack.length - 1]!]!.end <= r.start) stack.pop();
    r.parent = stack.length > 0 ? stack[stack.length - 1]! : -1;
    stack.push(i);
  });
  return ranges;
}

/** The enclosing `def` (name and range) of a node, if it is a method of a class. */
function enclosingFunction(node: Node): Node | null {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n;
  return null;
}

/** `triton.language.jit` for the node of `triton`. */
function outermostAttribute(node: Node): Node {
  let outer = node;
  for (let up = outer.parent; up?.type === 'attribute'; up = up.parent) outer = up;
  return outer;
}

/**
 * Whether an expression may be a decorator's: the text before it, past blanks and line
 * continuations, is `@` (or a comment, which the tree may have skipped there in broken code).
 * `decoratedBy`, four node reads, is asked only then.
 */
function mayDecorate(text: string, start: number, nonCode: Int32Array): boolean {
  let i = start - 1;
  while (
    i >= 0 &&
    (text[i] === ' ' || text[i] === '\t' || text[i] === '\\' || text[i] === '\n' || text[i] === '\r')
  )
    i -= 1;
  return text[i] === '@' || inRanges(nonCode, i);
}

/** The decorated function (`decorated_definition`) a decorator expression belongs to. */
function decoratedBy(expression: Node): Node | null {
  let n: Node | null = expression.parent;
  let type = n?.type;
  if (type === 'call') {
    n = n!.parent;
    type = n?.type;
  }
  if (type !== 'decorator') return null;
  const definition = n!.parent;
  return definition?.type === 'decorated_definition' ? definition : null;
}

export function extractPython(
  tree: Tree,
  text: string,
  options: PythonExtractOptions,
  out: Fact[],
  extras: PyFileExtras = { defs: [] },
): void {
  const { file, interest } = options;
  const tables = tablesFor(interest);
  const anyRoot = interest.pyRoots.has('*');
  const root = tree.rootNode;
  const moduleScope: Scope = { kind: 'module', parent: null, bindings: new Map() };
  /** Every fact of this file with its text offset, for assigning facts to Triton kernels at the end. */
  const emitted: { fact: Fact; index: number }[] = [];
  const emitAt = (kind: Fact['kind'], symbol: string, line: number, column: number, index: number) => {
    const fact: Fact = { kind, symbol, file, line: line + 1, column: column + 1 };
    out.push(fact);
    emitted.push({ fact, index });
    return fact;
  };
  const emit = (kind: Fact['kind'], symbol: string, node: Node) =>
    emitAt(kind, symbol, node.startPosition.row, node.startPosition.column, node.startIndex);
  /** [start, end, name] of Triton kernels (functions decorated with triton.jit). */
  const kernels: [number, number, string][] = [];
  let lineStarts: number[] | undefined;
  /** 0-based [row, column] of a text offset (UTF-16), without asking the tree. */
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
    return [lo, index - lineStarts[lo]!];
  };

  // Scope nodes come from one query per file (run inside the wasm module) instead of climbing
  // `.parent` from every name, which crossed the wasm boundary ~10 times per name.
  const ranges = scopeRanges(tree, text);
  const rangeScopes: (Scope | undefined)[] = new Array(ranges.length);
  const scopeOfRange = (i: number): Scope => {
    if (i < 0) return moduleScope;
    let scope = rangeScopes[i];
    if (!scope) {
      const r = ranges[i]!;
      scope = { kind: r.kind, parent: scopeOfRange(r.parent), bindings: new Map() };
      rangeScopes[i] = scope;
    }
    return scope;
  };
  /** Innermost scope range containing the offset (or -1 for the module). */
  const innermost = (pos: number): number => {
    let lo = 0;
    let hi = ranges.length - 1;
    let found = -1;
    while (lo <= hi) {
      const m = (lo + hi) >> 1;
      if (ranges[m]!.start <= pos) {
        found = m;
        lo = m + 1;
      } else hi = m - 1;
    }
    while (found >= 0 && ranges[found]!.end <= pos) found = ranges[found]!.parent;
    return found;
  };
  /** The scope an offset is evaluated in; `paramBinding` for parameter names, which bind in their function. */
  function scopeAt(pos: number, paramBinding = false): Scope {
    let i = innermost(pos);
    // default values and annotations are evaluated outside the function
    while (!paramBinding && i >= 0 && pos >= ranges[i]!.paramsStart && pos < ranges[i]!.paramsEnd)
      i = ranges[i]!.parent;
    return scopeOfRange(i);
  }
  const scopeFor = (node: Node, paramBinding = false): Scope => scopeAt(node.startIndex, paramBinding);
  /** The scope a `def`/`class` name binds in: outside the definition it names. */
  const scopeOutside = (pos: number): Scope => {
    const i = innermost(pos);
    return scopeOfRange(i >= 0 ? ranges[i]!.parent : -1);
  };

  function bind(scope: Scope, name: string, pos: number, target: string | null): void {
    const list = scope.bindings.get(name);
    if (list) list.push({ pos, target });
    else scope.bindings.set(name, [{ pos, target }]);
  }

  const emitRef = (qualified: string, node: Node) => {
    const top = firstSegment(qualified);
    if (anyRoot || interest.pyRoots.has(top)) emit('py-ref', qualified, node);
  };

  // ---- 1. imports ----
  /** [start, end) of import statements, in text order: names there are not references. */
  const importRanges: [number, number][] = [];
  const importRe = /\bimport\b/g;
  for (let m = importRe.exec(text); m; m = importRe.exec(text)) {
    const keyword = root.descendantForIndex(m.index, m.index + 6);
    const stmt = keyword?.type === 'import' ? keyword.parent : null;
    if (!stmt) continue;
    importRanges.push([stmt.startIndex, stmt.endIndex]);
    const scope = scopeFor(stmt);
    const firstOptional = out.length;
    const stmtType = stmt.type;
    if (stmtType === 'import_statement') {
      for (const child of stmt.namedChildren) {
        const childType = child?.type;
        if (childType === 'dotted_name') {
          const full = child!.text;
          const top = firstSegment(full);
          bind(scope, top, child.startIndex, top);
          emitRef(full, child);
        } else if (childType === 'aliased_import') {
          const full = child!.childForFieldName('name')?.text ?? '';
          const alias = child!.childForFieldName('alias');
          if (alias) bind(scope, alias.text, alias.startIndex, full);
          emitRef(full, child!);
        }
      }
    } else if (stmtType === 'import_from_statement') {
      const moduleNode = stmt.childForFieldName('module_name');
      if (!moduleNode || moduleNode.type === 'relative_import') continue; // the project's own modules
      const base = moduleNode.text;
      for (const child of stmt.childrenForFieldName('name')) {
        const childType = child?.type;
        if (childType === 'dotted_name') {
          const name = child!.text;
          bind(scope, name, child!.startIndex, `${base}.${name}`);
          emitRef(`${base}.${name}`, child!);
        } else if (childType === 'aliased_import') {
          const name = child!.childForFieldName('name')?.text ?? '';
          const alias = child!.childForFieldName('alias');
          if (alias) bind(scope, alias.text, alias.startIndex, `${base}.${name}`);
          emitRef(`${base}.${name}`, child!);
        }
      }
      // only a statement with a `*` in it can be a wildcard import: the tree is asked only then
      const star = text.indexOf('*', stmt.startIndex);
      if (star >= 0 && star < stmt.endIndex && stmt.namedChildren.some((c) => c?.type === 'wildcard_import'))
        emitRef(`${base}.*`, moduleNode);
    }
    if (out.length > firstOptional) {
      const guarded = isGuarded(stmt);
      for (let k = firstOptional; k < out.length; k += 1)
        (out[k] as { optional?: boolean }).optional = guarded;
    }
  }

  // ---- 2. every occurrence of an imported name or a method of interest ----
  const importedNames = new Set<string>();
  for (const scope of [moduleScope, ...rangeScopes.filter((x) => x !== undefined)])
    for (const name of scope.bindings.keys()) importedNames.add(name);
  const candidates: Candidate[] = [];
  const methods: { name: string; called: boolean; root: Node | null; node: Node }[] = [];
  const nameRe = tables.namesRegExp(importedNames);
  if (nameRe) {
    const chainRe = /(?:\s*\.\s*[A-Za-z_]\w*)*/y;
    importRanges.sort((a, b) => a[0] - b[0]);
    let importCursor = 0;
    const nonCode = stringAndCommentRanges(text);
    for (let m = nameRe.exec(text); m; m = nameRe.exec(text)) {
      const name = m[0];
      const start = m.index;
      const end = start + name.length;
      // text decides the common shapes; the tree only confirms the name is code (not a comment,
      // a string or a keyword), so a Triton kernel's thousands of `tl.x` cost one lookup each
      let before = start - 1;
      while (before >= 0 && (text[before] === ' ' || text[before] === '\t')) before -= 1;
      const afterDot = text[before] === '.';
      let after = end;
      while (text[after] === ' ' || text[after] === '\t') after += 1;
      const beforeDot = text[after] === '.';
      if (afterDot && !interest.pyMethods.has(name)) continue; // `x.torch`: an attribute, not the import
      if (!afterDot && beforeDot && importedNames.has(name)) {
        while (importCursor < importRanges.length && importRanges[importCursor]![1] <= start)
          importCursor += 1;
        const inImport = importCursor < importRanges.length && importRanges[importCursor]![0] <= start;
        if (inImport || inRanges(nonCode, start)) continue;
        // an imported name followed by `.` outside strings and comments is that name in code; the
        // tree is asked only for decorators, which need the decorated function
        const node = text[before] === '@' ? root.descendantForIndex(start, end) : null;
        if (node && node.type !== 'identifier') continue;
        chainRe.lastIndex = end;
        const chain = chainRe.exec(text)?.[0] ?? '';
        let next = end + chain.length;
        while (text[next] === ' ' || text[next] === '\t') next += 1;
        const rest = compactChain(chain);
        const [line, column] = position(start);
        candidates.push({
          scope: scopeAt(start),
          name,
          pos: start,
          rest: text[next] === '(' ? `${rest}()` : rest,
          line,
          column,
          index: start,
          decorates: node ? decoratedBy(outermostAttribute(node)) : null,
        });
        continue;
      }
      const node = root.descendantForIndex(start, end);
      if (node?.type !== 'identifier') continue; // comments, strings, keywords
      const parent = node.parent;
      if (!parent) continue;
      const type = parent.type;
      if (IMPORT_PARENTS.has(type)) continue;
      if (type === 'attribute') {
        if (same(parent.childForFieldName('attribute'), node)) {
          if (!interest.pyMethods.has(name)) continue;
          let base: Node | null = parent.childForFieldName('object');
          while (base && base.type === 'attribute') base = base.childForFieldName('object');
          const call = parent.parent;
          const called = call?.type === 'call' && same(call.childForFieldName('function'), parent);
          methods.push({ name, called, root: base?.type === 'identifier' ? base : null, node });
          continue;
        }
        let outer = parent;
        for (
          let up = outer.parent;
          up?.type === 'attribute' && same(up.childForFieldName('object'), outer);
          up = up.parent
        )
          outer = up;
        const rest = outer.text
          .slice(node.endIndex - outer.startIndex)
          .replace(/\s+/g, '')
          .replace(/^\./, '');
        const call = outer.parent;
        const called = call?.type === 'call' && same(call.childForFieldName('function'), outer);
        candidates.push({
          scope: scopeFor(node),
          name,
          pos: node.startIndex,
          rest: called ? `${rest}()` : rest,
          line: outer.startPosition.row,
          column: outer.startPosition.column,
          index: outer.startIndex,
          decorates: mayDecorate(text, outer.startIndex, nonCode) ? decoratedBy(outer) : null,
        });
        continue;
      }
      if (
        type === 'function_definition' &&
        interest.pyMethods.has(name) &&
        same(parent.childForFieldName('name'), node) &&
        parent.parent?.parent?.type === 'class_definition'
      ) {
        extras.defs.push(name); // the project's own method of that name
      }
      if (!importedNames.has(name)) continue;
      // binding positions shadow the imported name in their scope
      if (
        ((type === 'assignment' || type === 'augmented_assignment') &&
          same(parent.childForFieldName('left'), node)) ||
        ((type === 'for_statement' || type === 'for_in_clause') &&
          same(parent.childForFieldName('left'), node)) ||
        (type === 'named_expression' && same(parent.childForFieldName('name'), node)) ||
        TARGET_PATTERNS.has(type)
      ) {
        bind(scopeFor(node), name, node.startIndex, null);
        continue;
      }
      if (
        (type === 'function_definition' || type === 'class_definition') &&
        same(parent.childForFieldName('name'), node)
      ) {
        bind(scopeOutside(node.startIndex), name, node.startIndex, null);
        continue;
      }
      if (
        type === 'parameters' ||
        type === 'lambda_parameters' ||
        type === 'typed_parameter' ||
        type === 'list_splat_pattern' ||
        type === 'dictionary_splat_pattern' ||
        ((type === 'default_parameter' || type === 'typed_default_parameter') &&
          same(parent.childForFieldName('name'), node))
      ) {
        bind(scopeFor(node, true), name, node.startIndex, null);
        continue;
      }
      if (type === 'keyword_argument' && same(parent.childForFieldName('name'), node)) continue;
      if (type === 'global_statement' || type === 'nonlocal_statement') continue;
      candidates.push({
        scope: scopeFor(node),
        name,
        pos: node.startIndex,
        rest: '',
        line: node.startPosition.row,
        column: node.startPosition.column,
        index: node.startIndex,
        decorates: mayDecorate(text, node.startIndex, nonCode) ? decoratedBy(node) : null,
      });
    }
  }

  // ---- 3. string literals whose whole value is a name of interest ----
  const { stringRe, kwRe } = tables;
  if (stringRe) {
    const seenStrings = new Set<number>();
    stringRe.lastIndex = 0;
    for (let m = stringRe.exec(text); m; m = stringRe.exec(text)) {
      const node = root.descendantForIndex(m.index, m.index + m[0].length);
      const type = node?.type;
      const literal = type === 'string_content' ? node!.parent : type === 'string' ? node : null;
      if (!literal || (literal !== node && literal.type !== 'string') || seenStrings.has(literal.startIndex))
        continue;
      seenStrings.add(literal.startIndex);
      if (literal.endIndex - literal.startIndex > 200) continue; // prose, docstrings
      const value = stringValue(literal.text);
      if (value === undefined) continue;
      // an environment variable's name is one identifier: a log line that mentions it is prose
      if (ENV_NAME.test(value) && interest.envVars.some((r) => r.test(value))) emit('env', value, literal);
      else if (interest.pyStrings.some((r) => r.test(value)))
        emit('py-string', isCompared(literal) ? `compare:${value}` : value, literal);
    }
  }

  // ---- 3b. keyword arguments of interest (`fused=True`) ----
  if (kwRe) {
    kwRe.lastIndex = 0;
    for (let m = kwRe.exec(text); m; m = kwRe.exec(text)) {
      const node = root.descendantForIndex(m.index, m.index + m[0].length);
      const parent = node?.parent;
      if (
        node?.type === 'identifier' &&
        parent?.type === 'keyword_argument' &&
        same(parent.childForFieldName('name'), node)
      )
        emit('py-kwarg', m[0], node);
    }
  }

  // ---- 4. setup.py dependencies ----
  if (options.setupPy) {
    const re = new RegExp(SETUP_DEP_KEYWORDS.source, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const node = root.descendantForIndex(m.index, m.index + m[0].length);
      const kw = node?.parent;
      if (
        node?.type !== 'identifier' ||
        kw?.type !== 'keyword_argument' ||
        !same(kw.childForFieldName('name'), node)
      )
        continue;
      const extra = node.text === 'extras_require';
      const walkStrings = (n: Node) => {
        if (n.type === 'string') {
          const value = stringValue(n.text);
          const dep = value ? parseRequirementName(value) : undefined;
          if (dep) {
            const fact = emit('dependency', dep, n);
            (fact as { optional?: boolean }).optional = extra;
          }
          return;
        }
        if (n.type === 'pair') {
          const pairValue = n.childForFieldName('value'); // extras_require keys are extra names
          if (pairValue) walkStrings(pairValue);
          return;
        }
        for (const child of n.namedChildren) if (child) walkStrings(child);
      };
      const value = kw.childForFieldName('value');
      if (value) walkStrings(value);
    }
  }

  /** Whether the reference whose name starts at `pos` (`torch.float64`) is an operand of a comparison. */
  const isComparedRef = (pos: number): boolean => {
    let node: Node | null = root.descendantForIndex(pos, pos + 1);
    while (node?.parent?.type === 'attribute' && node.parent.childForFieldName('object')?.id === node.id)
      node = node.parent;
    return node ? isCompared(node) : false;
  };

  // ---- 5. resolve once every binding is known ----
  for (const c of candidates) {
    const binding = lookup(c.scope, c.name, c.pos);
    if (binding?.target) {
      const rest = c.rest.endsWith('()') ? c.rest.slice(0, -2) : c.rest;
      const full = c.rest ? `${binding.target}.${rest}` : binding.target;
      const top = firstSegment(full);
      if (anyRoot || interest.pyRoots.has(top))
        emitAt(
          'py-ref',
          CHECKED_DTYPES.has(full) && isComparedRef(c.pos) ? `compare:${full}` : full,
          c.line,
          c.column,
          c.index,
        );
      if (c.decorates && KERNEL_DECORATORS.has(full)) {
        const definition = c.decorates.childForFieldName('definition');
        const name = definition?.childForFieldName('name')?.text ?? `line${c.line + 1}`;
        kernels.push([c.decorates.startIndex, c.decorates.endIndex, name]);
      }
    }
  }
  for (const m of methods) {
    if (m.root) {
      const binding = lookup(scopeFor(m.root), m.root.text, m.root.startIndex);
      if (binding?.target) continue; // part of a module path, reported as a py-ref
    }
    const fact = emit('py-method', m.called ? `.${m.name}()` : `.${m.name}`, m.node);
    // the body of the project's own `def cuda(self)` wraps the vendor call: it stays a finding there
    if (enclosingFunction(m.node)?.childForFieldName('name')?.text === m.name)
      (fact as { inOwnWrapper?: boolean }).inOwnWrapper = true;
  }

  // ---- 6. facts inside a Triton kernel belong to it ----
  if (kernels.length === 0) return;
  for (const entry of emitted) {
    const kernel = kernels.find(([start, end]) => entry.index >= start && entry.index < end);
    if (kernel) (entry.fact as { kernel?: string }).kernel = kernel[2];
  }
}

/** An import inside `try:` (not its handlers) or under an `if`: the module may be absent. */
function isGuarded(stmt: Node): boolean {
  let child = stmt;
  for (let n = stmt.parent; n; n = n.parent) {
    const type = n.type;
    if (type === 'if_statement' || type === 'elif_clause' || type === 'else_clause') return true;
    if (type === 'try_statement') return n.childForFieldName('body')?.id === child.id;
    if (type === 'function_definition' || type === 'class_definition') return false;
    child = n;
  }
  return false;
}

/** A string compared with `==`, `!=` or `in` (`backend == "nccl"`, `x.type in ("cuda", "npu")`). */
function isCompared(literal: Node): boolean {
  let n: Node | null = literal.parent;
  const type = n?.type;
  if (type === 'tuple' || type === 'list' || type === 'set') n = n!.parent;
  else return type === 'comparison_operator';
  return n?.type === 'comparison_operator';
}
