/**
 * Makefile facts from GNU make's line structure (GNU make manual §3.1, §5.1): a backslash-newline joins lines, and
 * `#` starts a comment (in make, and in the shell that a recipe line is handed to). Make
 * has no grammar for the commands it runs, so the words of every line are read as the shell would split them:
 * whitespace, `=`, `:` and `;` end a word.
 *
 * Symbols: `nvcc` (a word that is, or ends in, `/nvcc`), CUDA link flags (`-lcublas`, `-lcublasLt`, `-lcudnn`,
 * `-lnccl`, `-lcudart`, `-lcuda`, `-lcurand`, `-lcufft`, `-lcusparse`, `-lcusolver`, `-lnvrtc`, `-lnvToolsExt`,
 * `-lnvidia-ml`), and the toolkit location variables (`CUDA_HOME`, `CUDA_PATH`, `CUDA_ROOT`, `CUDA_DIR`), once per
 * line each.
 */
import type { Fact } from '../types';

const CUDA_LIBS = new Set([
  'cublas',
  'cublaslt',
  'cudnn',
  'nccl',
  'cudart',
  'cuda',
  'curand',
  'cufft',
  'cusparse',
  'cusolver',
  'nvrtc',
  'nvtoolsext',
  'nvidia-ml',
]);
/** The toolkit location variables, each as a whole word (`NO_CUDA_HOME` is another variable). */
const TOOLKIT_VARS = ['CUDA_HOME', 'CUDA_PATH', 'CUDA_ROOT', 'CUDA_DIR'].map(
  (name) => [name, new RegExp(`(?:^|[^A-Za-z0-9_])${name}(?:$|[^A-Za-z0-9_])`)] as const,
);
const WORD = /[^\s=:;]+/g;

/** The symbol a word stands for, if any. */
function symbolOf(word: string): string | undefined {
  const bare = word.replace(/^["'(]+|["')]+$/g, '');
  if (bare === 'nvcc' || bare.endsWith('/nvcc')) return 'nvcc';
  if (bare.startsWith('-l') && CUDA_LIBS.has(bare.slice(2).toLowerCase())) return bare;
  for (const [name, re] of TOOLKIT_VARS) if (re.test(bare)) return name;
  return undefined;
}

export function extractMakefile(text: string, file: string, out: Fact[]): void {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const first = i;
    let line = lines[i]!;
    // a backslash-newline continues the logical line (§3.1.1)
    while (line.endsWith('\\') && i + 1 < lines.length) {
      i += 1;
      line = `${line.slice(0, -1)} ${lines[i]}`;
    }
    // `#` starts a comment in make, and in the shell a recipe line is handed to (a tab-led line is not always a
    // recipe: an assignment indented inside `ifeq` is not)
    const hash = line.indexOf('#');
    const code = hash >= 0 ? line.slice(0, hash) : line;
    const seen = new Set<string>();
    WORD.lastIndex = 0;
    for (let m = WORD.exec(code); m; m = WORD.exec(code)) {
      const symbol = symbolOf(m[0]);
      if (!symbol || seen.has(symbol)) continue;
      seen.add(symbol);
      // the column is exact on the logical line's first physical line, else the line start
      const column = m.index < lines[first]!.length ? m.index + 1 : 1;
      out.push({ kind: 'make', symbol, file, line: first + 1, column });
    }
  }
}
