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
}

const SCOPE_NODES: Record<string, ScopeKind> = {
  function_definition: 'function',
  lambda: 'function',
  class_definition: 'class',
  list_comprehension: 'function',
  set_comprehension: 'function',
  dictionary_comprehension: 'function',
  generator_expression: 'function',
};

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

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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

export function extractPython(tree: Tree, text: string, options: PythonExtractOptions, out: Fact[]): void {
  const { file, interest } = options;
  const anyRoot = interest.pyRoots.has('*');
  const root = tree.rootNode;
  const moduleScope: Scope = { kind: 'module', parent: null, bindings: new Map() };
  const scopes = new Map<number, Scope>();
  const emitAt = (kind: Fact['kind'], symbol: string, line: number, column: number) =>
    out.push({ kind, symbol, file, line: line + 1, column: column + 1 });
  const emit = (kind: Fact['kind'], symbol: string, node: Node) =>
    emitAt(kind, symbol, node.startPosition.row, node.startPosition.column);

  /** The scope a node is evaluated in; `paramBinding` for parameter names, which bind in their function. */
  function scopeFor(node: Node, paramBinding = false): Scope {
    let skipFunction = false;
    for (let n = node.parent; n; n = n.parent) {
      if ((n.type === 'parameters' || n.type === 'lambda_parameters') && !paramBinding) skipFunction = true;
      const kind = SCOPE_NODES[n.type];
      if (!kind) continue;
      if (skipFunction && (n.type === 'function_definition' || n.type === 'lambda')) {
        skipFunction = false; // default values and annotations are evaluated outside the function
        continue;
      }
      let scope = scopes.get(n.id);
      if (!scope) {
        scope = { kind, parent: scopeFor(n), bindings: new Map() };
        scopes.set(n.id, scope);
      }
      return scope;
    }
    return moduleScope;
  }

  function bind(scope: Scope, name: string, pos: number, target: string | null): void {
    const list = scope.bindings.get(name);
    if (list) list.push({ pos, target });
    else scope.bindings.set(name, [{ pos, target }]);
  }

  const emitRef = (qualified: string, node: Node) => {
    const top = qualified.split('.', 1)[0]!;
    if (anyRoot || interest.pyRoots.has(top)) emit('py-ref', qualified, node);
  };

  // ---- 1. imports ----
  const importRe = /\bimport\b/g;
  for (let m = importRe.exec(text); m; m = importRe.exec(text)) {
    const keyword = root.descendantForIndex(m.index, m.index + 6);
    const stmt = keyword?.type === 'import' ? keyword.parent : null;
    if (!stmt) continue;
    const scope = scopeFor(stmt);
    if (stmt.type === 'import_statement') {
      for (const child of stmt.namedChildren) {
        if (child?.type === 'dotted_name') {
          const full = child.text;
          const top = full.split('.', 1)[0]!;
          bind(scope, top, child.startIndex, top);
          emitRef(full, child);
        } else if (child?.type === 'aliased_import') {
          const full = child.childForFieldName('name')?.text ?? '';
          const alias = child.childForFieldName('alias');
          if (alias) bind(scope, alias.text, alias.startIndex, full);
          emitRef(full, child);
        }
      }
    } else if (stmt.type === 'import_from_statement') {
      const moduleNode = stmt.childForFieldName('module_name');
      if (!moduleNode || moduleNode.type === 'relative_import') continue; // the project's own modules
      const base = moduleNode.text;
      for (const child of stmt.childrenForFieldName('name')) {
        if (child?.type === 'dotted_name') {
          bind(scope, child.text, child.startIndex, `${base}.${child.text}`);
          emitRef(`${base}.${child.text}`, child);
        } else if (child?.type === 'aliased_import') {
          const name = child.childForFieldName('name')?.text ?? '';
          const alias = child.childForFieldName('alias');
          if (alias) bind(scope, alias.text, alias.startIndex, `${base}.${name}`);
          emitRef(`${base}.${name}`, child);
        }
      }
      if (stmt.namedChildren.some((c) => c?.type === 'wildcard_import')) emitRef(`${base}.*`, moduleNode);
    }
  }

  // ---- 2. every occurrence of an imported name or a method of interest ----
  const importedNames = new Set<string>();
  for (const scope of [moduleScope, ...scopes.values()])
    for (const name of scope.bindings.keys()) importedNames.add(name);
  const names = new Set([...importedNames, ...interest.pyMethods]);
  const candidates: Candidate[] = [];
  const methods: { name: string; called: boolean; root: Node | null; node: Node }[] = [];
  if (names.size > 0) {
    const nameRe = new RegExp(`\\b(?:${[...names].map(escapeRegExp).join('|')})\\b`, 'g');
    for (let m = nameRe.exec(text); m; m = nameRe.exec(text)) {
      const node = root.descendantForIndex(m.index, m.index + m[0].length);
      if (node?.type !== 'identifier') continue; // comments, strings, keywords
      const parent = node.parent;
      if (!parent || IMPORT_PARENTS.has(parent.type)) continue;
      const name = m[0];
      const type = parent.type;
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
        while (outer.parent?.type === 'attribute' && same(outer.parent.childForFieldName('object'), outer))
          outer = outer.parent;
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
        });
        continue;
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
        bind(scopeFor(parent), name, node.startIndex, null);
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
      });
    }
  }

  // ---- 3. string literals whose whole value is a name of interest ----
  const stringTokens = new Set<string>();
  for (const kind of ['py-string', 'env'] as const) {
    for (const pattern of interest.patterns.get(kind) ?? []) {
      const piece = pattern.split('*').reduce((a, b) => (b.length > a.length ? b : a), '');
      if (piece) stringTokens.add(piece);
    }
  }
  if (stringTokens.size > 0) {
    const seenStrings = new Set<number>();
    const stringRe = new RegExp([...stringTokens].map(escapeRegExp).join('|'), 'g');
    for (let m = stringRe.exec(text); m; m = stringRe.exec(text)) {
      const node = root.descendantForIndex(m.index, m.index + m[0].length);
      const literal = node?.type === 'string_content' ? node.parent : node?.type === 'string' ? node : null;
      if (literal?.type !== 'string' || seenStrings.has(literal.startIndex)) continue;
      seenStrings.add(literal.startIndex);
      if (literal.endIndex - literal.startIndex > 200) continue; // prose, docstrings
      const value = stringValue(literal.text);
      if (value === undefined) continue;
      if (interest.envVars.some((r) => r.test(value))) emit('env', value, literal);
      else if (interest.pyStrings.some((r) => r.test(value))) emit('py-string', value, literal);
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
      const walkStrings = (n: Node) => {
        if (n.type === 'string') {
          const value = stringValue(n.text);
          const dep = value ? parseRequirementName(value) : undefined;
          if (dep) emit('dependency', dep, n);
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

  // ---- 5. resolve once every binding is known ----
  for (const c of candidates) {
    const binding = lookup(c.scope, c.name, c.pos);
    if (binding?.target) {
      const full = c.rest ? `${binding.target}.${c.rest.replace(/\(\)$/, '')}` : binding.target;
      const top = full.split('.', 1)[0]!;
      if (anyRoot || interest.pyRoots.has(top)) emitAt('py-ref', full, c.line, c.column);
    }
  }
  for (const m of methods) {
    if (m.root) {
      const binding = lookup(scopeFor(m.root), m.root.text, m.root.startIndex);
      if (binding?.target) continue; // part of a module path, reported as a py-ref
    }
    emit('py-method', m.called ? `.${m.name}()` : `.${m.name}`, m.node);
  }
}
