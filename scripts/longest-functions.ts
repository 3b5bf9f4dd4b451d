/**
 * The longest functions in src/ (issue 15 asks for the longest and its length): every function
 * declaration, method, arrow and function expression, measured in source lines from its first to its
 * last line, with Babel's parser (TypeScript 7's compiler has no JavaScript API). Nested functions count on their own and inside their parent.
 *
 *   npx tsx scripts/longest-functions.ts [--top 10] [--dir src]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from '@babel/parser';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const top = Number(flag('--top', '10'));
const dir = flag('--dir', 'src');

function files(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(join(d, e.name))
      : /\.tsx?$/.test(e.name) && !/\.(test|d)\.tsx?$/.test(e.name)
        ? [join(d, e.name)]
        : [],
  );
}

interface Found {
  file: string;
  name: string;
  line: number;
  lines: number;
}

interface Node {
  type: string;
  loc?: { start: { line: number }; end: { line: number } };
  id?: { name?: string } | null;
  key?: { name?: string; value?: string };
  [k: string]: unknown;
}

const FUNCTIONS = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);

const found: Found[] = [];
for (const file of files(dir)) {
  const ast = parse(readFileSync(file, 'utf8'), {
    sourceType: 'module',
    plugins: ['typescript', ...(file.endsWith('.tsx') ? (['jsx'] as const) : [])],
  }) as unknown as Node;
  const visit = (node: Node, parent: Node | null) => {
    if (FUNCTIONS.has(node.type) && node.loc) {
      const name =
        node.id?.name ??
        node.key?.name ??
        node.key?.value ??
        (parent?.type === 'VariableDeclarator' ? (parent.id as { name?: string })?.name : undefined) ??
        (parent?.type === 'ObjectProperty' ? (parent.key as { name?: string })?.name : undefined) ??
        '(anonymous)';
      found.push({
        file: relative(process.cwd(), file),
        name,
        line: node.loc.start.line,
        lines: node.loc.end.line - node.loc.start.line + 1,
      });
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments') continue;
      for (const child of Array.isArray(value) ? value : [value])
        if (child && typeof child === 'object' && typeof (child as Node).type === 'string')
          visit(child as Node, node);
    }
  };
  visit(ast, null);
}

found.sort((a, b) => b.lines - a.lines);
console.log(`${found.length} functions in ${dir}/ (tests excluded); the ${top} longest:`);
for (const f of found.slice(0, top))
  console.log(`${String(f.lines).padStart(5)} lines  ${f.name}  ${f.file}:${f.line}`);
