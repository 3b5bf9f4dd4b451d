/**
 * Loads web-tree-sitter and the grammar wasm files shipped inside the `tree-sitter-python` and
 * `tree-sitter-cuda` npm packages (the CUDA grammar also reads C and C++). Parsers are created once
 * per process and reused for every file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

export interface Parsers {
  readonly python: Parser;
  readonly cFamily: Parser;
}

let loading: Promise<Parsers> | undefined;

export function loadParsers(): Promise<Parsers> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    await Parser.init();
    const load = (specifier: string) => Language.load(readFileSync(require.resolve(specifier)));
    const [python, cuda] = await Promise.all([
      load('tree-sitter-python/tree-sitter-python.wasm'),
      load('tree-sitter-cuda/tree-sitter-cuda.wasm'),
    ]);
    const pythonParser = new Parser();
    pythonParser.setLanguage(python);
    const cParser = new Parser();
    cParser.setLanguage(cuda);
    return { python: pythonParser, cFamily: cParser };
  })();
  return loading;
}
