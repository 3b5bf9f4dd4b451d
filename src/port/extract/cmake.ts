/**
 * CMake facts from a tokenizer that follows the CMake language grammar (cmake-language(7)): command
 * invocations `name(args)`, quoted and bracket arguments, `#` and `#[[...]]` comments. Comments and
 * quoted strings therefore never produce facts; only command names and unquoted arguments do.
 *
 * Symbols: `find_package(X)`, `enable_language(X)`, `check_language(X)`, `project(X)` per language, `LANGUAGE X` (a
 * source file's language property), `link(lib)` for NVIDIA libraries linked by plain name, `<command>()` for
 * commands whose name mentions CUDA (`cuda_add_library()`), and every unquoted argument that mentions
 * CUDA (`CMAKE_CUDA_ARCHITECTURES`, `CUDA::cublas`, `${CUDA_LIBRARIES}` → `CUDA_LIBRARIES`).
 */
import type { Fact } from '../types';

interface Token {
  readonly text: string;
  readonly quoted: boolean;
  readonly line: number;
  readonly column: number;
}

interface Invocation {
  readonly name: string;
  readonly args: Token[];
  readonly line: number;
  readonly column: number;
}

/** Length of a bracket opener `[==[` at `i`, or 0; `eq` receives the number of `=`. */
function bracketOpen(text: string, i: number): number {
  if (text[i] !== '[') return 0;
  let j = i + 1;
  while (text[j] === '=') j += 1;
  return text[j] === '[' ? j - i + 1 : 0;
}

export function parseCmake(text: string): Invocation[] {
  const result: Invocation[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = text.length;
  const advanceTo = (end: number) => {
    for (let k = i; k < end; k += 1) {
      if (text.charCodeAt(k) === 10) {
        line += 1;
        lineStart = k + 1;
      }
    }
    i = end;
  };
  const skipComment = (): boolean => {
    if (text[i] !== '#') return false;
    const open = bracketOpen(text, i + 1);
    if (open > 0) {
      const close = `]${'='.repeat(open - 2)}]`;
      const end = text.indexOf(close, i + 1 + open);
      advanceTo(end < 0 ? n : end + close.length);
    } else {
      const end = text.indexOf('\n', i);
      advanceTo(end < 0 ? n : end);
    }
    return true;
  };
  while (i < n) {
    const ch = text[i]!;
    if (ch === '#') {
      skipComment();
      continue;
    }
    if (!/[A-Za-z_]/.test(ch)) {
      advanceTo(i + 1);
      continue;
    }
    const nameMatch = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 128));
    const name = nameMatch![0];
    const startLine = line;
    const startColumn = i - lineStart + 1;
    advanceTo(i + name.length);
    while (i < n && (text[i] === ' ' || text[i] === '\t')) advanceTo(i + 1);
    if (text[i] !== '(') continue; // not a command invocation
    advanceTo(i + 1);
    const args: Token[] = [];
    let depth = 1;
    while (i < n && depth > 0) {
      const c = text[i]!;
      if (c === '(') {
        depth += 1;
        advanceTo(i + 1);
      } else if (c === ')') {
        depth -= 1;
        advanceTo(i + 1);
      } else if (c === '#') {
        skipComment();
      } else if (/\s/.test(c)) {
        advanceTo(i + 1);
      } else if (c === '"') {
        const tokLine = line;
        const tokCol = i - lineStart + 1;
        let j = i + 1;
        while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
        args.push({ text: text.slice(i + 1, j), quoted: true, line: tokLine, column: tokCol });
        advanceTo(Math.min(j + 1, n));
      } else if (bracketOpen(text, i) > 0) {
        const open = bracketOpen(text, i);
        const close = `]${'='.repeat(open - 2)}]`;
        const end = text.indexOf(close, i + open);
        const tokLine = line;
        const tokCol = i - lineStart + 1;
        args.push({
          text: text.slice(i + open, end < 0 ? n : end),
          quoted: true,
          line: tokLine,
          column: tokCol,
        });
        advanceTo(end < 0 ? n : end + close.length);
      } else {
        const tokLine = line;
        const tokCol = i - lineStart + 1;
        let j = i;
        while (j < n && !/[\s()#"]/.test(text[j]!)) j += text[j] === '\\' ? 2 : 1;
        args.push({ text: text.slice(i, j), quoted: false, line: tokLine, column: tokCol });
        advanceTo(j);
      }
    }
    result.push({ name, args, line: startLine, column: startColumn });
  }
  return result;
}

const LINKING = new Set(['target_link_libraries', 'link_libraries', 'cuda_add_cublas_to_target']);
/** NVIDIA's libraries by the names a linker is given (`-lcublas` or `cublas`), static variants included. */
const NVIDIA_LIBRARY =
  /^(?:-l)?(?:cuda|cudart|cublas|cublasLt|cufft|curand|cusparse|cusolver|cudnn|nccl|nvrtc|nvToolsExt|nvidia-ml|nvinfer|cutensor)(?:_static)?$/;

export function extractCmake(text: string, file: string, out: Fact[]): void {
  for (const inv of parseCmake(text)) {
    const lower = inv.name.toLowerCase();
    const push = (symbol: string, line = inv.line, column = inv.column) =>
      out.push({ kind: 'cmake', symbol, file, line, column });
    if (lower === 'find_package' && inv.args[0]) push(`find_package(${inv.args[0].text})`);
    if (lower === 'enable_language' || lower === 'check_language')
      for (const a of inv.args) push(`${lower}(${a.text})`);
    // set_source_files_properties(k.cpp PROPERTIES LANGUAGE CUDA): a C++ file compiled by nvcc
    inv.args.forEach((a, k) => {
      const next = inv.args[k + 1];
      if (a.text === 'LANGUAGE' && next && !next.quoted) push(`LANGUAGE ${next.text}`, a.line, a.column);
    });
    // target_link_libraries(k cublas nccl): NVIDIA libraries linked by their plain names, as the linker knows them
    if (LINKING.has(lower))
      for (const a of inv.args)
        if (!a.quoted && NVIDIA_LIBRARY.test(a.text))
          push(`link(${a.text.replace(/^-l/, '')})`, a.line, a.column);
    if (lower === 'project') {
      const langs = inv.args.findIndex((a) => a.text === 'LANGUAGES');
      const list = langs >= 0 ? inv.args.slice(langs + 1) : inv.args.slice(1);
      for (const a of list) if (/^[A-Z]+$/.test(a.text)) push(`project(${a.text})`);
    }
    if (/cuda/i.test(inv.name)) push(`${lower}()`);
    for (const a of inv.args) {
      // a bare `CUDA` is a language name, already reported as project(CUDA) / enable_language(CUDA)
      if (a.quoted || a.text === 'CUDA' || !a.text.includes('CUDA')) continue;
      for (const piece of a.text.split(/[${};]+/)) if (piece.includes('CUDA')) push(piece, a.line, a.column);
    }
  }
}

/** What a CMake file builds only when an option that is off by default is turned on. */
export interface OptionalBuild {
  /** The option that gates the rest of the file (`if(NOT X) return() endif()`), with the first line it gates. */
  readonly rest?: { readonly option: string; readonly fromLine: number };
  /** Directories, relative to the file's, that `add_subdirectory` adds only with an option on. */
  readonly dirs: { readonly dir: string; readonly option: string }[];
}

const OFF = /^(?:OFF|FALSE|NO|N|0|IGNORE|NOTFOUND|)$/i;
/**
 * An option named for the accelerator itself (`GGML_CUDA`, `LLAMA_CUBLAS`, `USE_GPU`) chooses the backend a port is
 * about: what it gates is the work, not an extra the project runs without.
 */
const BACKEND_SWITCH = /CUDA|CUBLAS|CUDNN|NCCL|GPU|NVIDIA|TENSORRT|TRT/i;

/**
 * Options off by default (`option(X "doc" OFF)`, `option(X "doc")`, or defaulting to another such option), and what
 * they gate: the rest of the file after `if(NOT X) return() endif()`, and the `add_subdirectory` calls inside
 * `if(X) … endif()` or after such a return. Only top-level control flow is followed; anything else is left as built.
 * Options named for the accelerator (`BACKEND_SWITCH`) are not followed: their code is what a port ports.
 */
export function optionalBuild(text: string): OptionalBuild | undefined {
  const off = new Set<string>();
  let rest: OptionalBuild['rest'];
  const dirs: OptionalBuild['dirs'] = [];
  const stack: { option: string | undefined; returns: boolean }[] = [];
  for (const inv of parseCmake(text)) {
    const name = inv.name.toLowerCase();
    const args = inv.args.map((a) => a.text);
    if (name === 'option' && args[0]) {
      const value = args[2];
      const ref = value ? /^\$\{(\w+)\}$/.exec(value)?.[1] : undefined;
      const isOff = value === undefined || OFF.test(value) || (ref !== undefined && off.has(ref));
      if (isOff && !BACKEND_SWITCH.test(args[0])) off.add(args[0]);
    } else if (name === 'if') {
      // if(X) with X off gates its body; if(NOT X) gates what follows when its body returns
      const negated = args.length === 2 && args[0]!.toUpperCase() === 'NOT' && off.has(args[1]!);
      const plain = args.length === 1 && off.has(args[0]!);
      stack.push({ option: negated ? `!${args[1]}` : plain ? args[0] : undefined, returns: false });
    } else if (name === 'return' && stack.length === 1) {
      stack[0]!.returns = true;
    } else if (name === 'endif') {
      const block = stack.pop();
      if (block?.option?.startsWith('!') && block.returns && stack.length === 0 && !rest)
        rest = { option: block.option.slice(1), fromLine: inv.line + 1 };
    } else if (name === 'add_subdirectory' && args[0]) {
      const option = stack.find((b) => b.option && !b.option.startsWith('!'))?.option ?? rest?.option;
      if (option) dirs.push({ dir: args[0].replace(/^\.\//, '').replace(/\/+$/, ''), option });
    }
  }
  return rest || dirs.length > 0 ? { ...(rest ? { rest } : {}), dirs } : undefined;
}
