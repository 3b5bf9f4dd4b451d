/**
 * Loads web-tree-sitter and the grammar wasm files shipped inside the `tree-sitter-python` and
 * `tree-sitter-cuda` npm packages (the CUDA grammar also reads C and C++). Parsers are created once
 * per thread and reused for every file.
 *
 * The three wasm modules are compiled once per process and handed to the worker threads already
 * compiled (a WebAssembly.Module crosses threads without a copy), so a worker neither reads the
 * 4.6 MB of wasm again nor waits on the compile cache. The C/C++/CUDA grammar (4 MB, the costlier
 * one to instantiate) is instantiated on its first use: a thread of a Python tree never needs it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

export interface Parsers {
  readonly python: Parser;
  readonly cFamily: Parser;
}

export interface GrammarModules {
  readonly core: WebAssembly.Module;
  readonly python: WebAssembly.Module;
  readonly cuda: WebAssembly.Module;
}

let compiling: Promise<GrammarModules> | undefined;

/** The compiled wasm of web-tree-sitter and both grammars (this process compiles them once). */
export function grammarModules(): Promise<GrammarModules> {
  compiling ??= (async () => {
    const require = createRequire(import.meta.url);
    const compile = (specifier: string) => WebAssembly.compile(readFileSync(require.resolve(specifier)));
    const [core, python, cuda] = await Promise.all([
      compile('web-tree-sitter/web-tree-sitter.wasm'),
      compile('tree-sitter-python/tree-sitter-python.wasm'),
      compile('tree-sitter-cuda/tree-sitter-cuda.wasm'),
    ]);
    return { core, python, cuda };
  })();
  return compiling;
}

let loading: Promise<Parsers> | undefined;

/** This thread's parsers, from modules compiled here or (in a worker) passed in by the main thread. */
export function loadParsers(modules?: GrammarModules): Promise<Parsers> {
  loading ??= (async () => {
    const wasm = modules ?? (await grammarModules());
    await Parser.init({
      instantiateWasm(
        imports: WebAssembly.Imports,
        receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
      ) {
        const instance = new WebAssembly.Instance(wasm.core, imports);
        receive(instance, wasm.core);
        return instance.exports;
      },
    });
    const python = new Parser();
    python.setLanguage(Language.loadSync(wasm.python));
    let cFamily: Parser | undefined;
    return {
      python,
      get cFamily() {
        if (!cFamily) {
          cFamily = new Parser();
          cFamily.setLanguage(Language.loadSync(wasm.cuda));
        }
        return cFamily;
      },
    };
  })();
  return loading;
}
