/**
 * README examples, produced by running them (issue 14). Each example in README.md is marked:
 *
 *   <!-- example: ID [exit=N] [lines=A-B,C] -->
 *   ```sh
 *   npx chipmix ARGS...          (one command; `\` continues a line, `#` starts a comment)
 *   ```
 *   ```text
 *   what it printed (stdout and stderr, in order)
 *   ```
 *   <!-- /example -->
 *
 * `exit=N`: the exit code it must give (default 0). `lines=A-B,C`: keep only those lines of the output (1-based),
 * for examples the README trims. The command runs in-process (src/cli/main.ts's runCli, no build needed) from
 * the repository root, as in a fresh clone: no CHIPMIX_* variables, tables 120 columns wide, not a terminal.
 * Every `--data-dir` or `--out` path is swapped for a fresh temporary directory (the same path, the same
 * directory, so an import and the status after it share a store) and swapped back in the output.
 *
 *   npx tsx scripts/readme-examples.ts            # exit 1 and a diff per example whose output is stale
 *   npx tsx scripts/readme-examples.ts --write    # rewrite the output blocks in README.md
 *
 * Volatile bits (search and solver timings, import batch ids) are compared as wildcards, and `--write` leaves
 * a block alone when only they differ, so refreshing does not churn.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const README = join(ROOT, 'README.md');
const COLUMNS = '120';
/** Options whose value is a path the example writes to: each gets a fresh temporary directory. */
const TEMP_PATH_OPTIONS = new Set(['--data-dir', '--out']);

export interface Example {
  id: string;
  /** The command as written in the README (continuations joined, comments dropped). */
  argv: string[];
  exit: number;
  /** 1-based line numbers of the output to keep; undefined = all. */
  lines?: (n: number) => boolean;
  /** The output block as the README has it (no trailing newline). */
  output: string;
  /** Line indexes (0-based) of the output block's body in the README: [first, end). */
  outputStart: number;
  outputEnd: number;
}

export interface ExampleResult {
  id: string;
  ok: boolean;
  /** What the README should say (lines kept, paths put back). */
  actual: string;
  code: number;
  expectedExit: number;
  ms: number;
  /** Why it is stale: a line diff, or the wrong exit code. Empty when ok. */
  problem: string;
}

// ---------------------------------------------------------------------------------------------------------
// parsing

function parseLines(spec: string, id: string): (n: number) => boolean {
  const ranges = spec.split(',').map((part) => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new Error(`README example ${id}: bad lines=${spec}`);
    return [Number(m[1]), Number(m[2] ?? m[1])] as const;
  });
  return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}

/** Shell-like words: single and double quotes, `\` line continuations, `#` comments. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) word += text[++i]!;
      else word += ch;
    } else if (ch === '\\' && text[i + 1] === '\n') i++;
    else if (ch === '\\' && i + 1 < text.length) word = (word ?? '') + text[++i]!;
    else if (ch === "'" || ch === '"') {
      quote = ch;
      word ??= '';
    } else if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (ch === '#' && word === null) {
      while (i < text.length && text[i] !== '\n') i++;
    } else word = (word ?? '') + ch;
  }
  if (quote) throw new Error(`unclosed ${quote} in: ${text}`);
  if (word !== null) words.push(word);
  return words;
}

export function parseExamples(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const open = /^<!-- example: (\S+)(.*?)\s*-->$/.exec(lines[i]!);
    if (!open) continue;
    const id = open[1]!;
    const where = `README.md:${i + 1} example ${id}`;
    if (seen.has(id)) throw new Error(`${where}: the id is used twice`);
    seen.add(id);
    const opts = Object.fromEntries(
      open[2]!
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map((kv) => {
          const [k, v] = kv.split('=');
          if (!k || v === undefined || !['exit', 'lines'].includes(k))
            throw new Error(`${where}: unknown option ${kv} (exit=N, lines=A-B,C)`);
          return [k, v];
        }),
    );
    let j = i + 1;
    if (lines[j] !== '```sh') throw new Error(`${where}: expected a \`\`\`sh block after the marker`);
    const cmdStart = ++j;
    while (j < lines.length && lines[j] !== '```') j++;
    const command = lines.slice(cmdStart, j).join('\n');
    j++;
    if (!/^```\w*$/.test(lines[j] ?? '') || lines[j] === '```sh')
      throw new Error(`${where}: expected an output block after the command`);
    const outputStart = ++j;
    while (j < lines.length && lines[j] !== '```') j++;
    const outputEnd = j;
    if (lines[j + 1] !== '<!-- /example -->')
      throw new Error(`${where}: expected <!-- /example --> right after the output block`);
    const words = shellWords(command);
    if (words[0] !== 'npx' || words[1] !== 'chipmix')
      throw new Error(`${where}: the command must be one \`npx chipmix ...\` (got: ${command})`);
    examples.push({
      id,
      argv: words.slice(2),
      exit: opts.exit === undefined ? 0 : Number(opts.exit),
      ...(opts.lines === undefined ? {} : { lines: parseLines(opts.lines, id) }),
      output: lines.slice(outputStart, outputEnd).join('\n'),
      outputStart,
      outputEnd,
    });
    i = j + 1;
  }
  return examples;
}

// ---------------------------------------------------------------------------------------------------------
// normalising and comparing

/** Bits that change from run to run: compared as wildcards, kept as printed when written. */
const VOLATILE: [RegExp, string][] = [
  [/(fit, in )\d+(?:\.\d+)? s\b/g, '$1<time> s'], // train search
  [/(solve\(s\), )\d+(?:\.\d+)? s\b/g, '$1<time> s'], // plan's solver line
  [/\bb_[0-9a-z]{6,}\b/g, 'b_<batch>'], // inventory import batch ids
];

export function wildcard(text: string): string {
  return VOLATILE.reduce((t, [re, to]) => t.replace(re, to), text);
}

function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n+$/, '');
}

/** A plain line diff (longest common subsequence), `-` README, `+` now. */
export function lineDiff(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push(`  ${a[i++]}`);
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!))
      out.push(`- ${a[i++]}`);
    else out.push(`+ ${b[j++]}`);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// running

type RunCli = (argv: string[]) => Promise<number>;
let runCliPromise: Promise<RunCli> | undefined;

function loadCli(): Promise<RunCli> {
  process.env.CHIPMIX_NO_MAIN = '1'; // import the CLI without it running process.argv
  runCliPromise ??= import('../src/cli/main').then((m) => m.runCli);
  return runCliPromise;
}

/** Runs argv through the CLI in-process, capturing stdout and stderr together, as a fresh clone would. */
async function capture(runCli: RunCli, argv: string[]): Promise<{ code: number; text: string }> {
  let text = '';
  const saved = {
    out: process.stdout.write,
    err: process.stderr.write,
    outTTY: Object.getOwnPropertyDescriptor(process.stdout, 'isTTY'),
    errTTY: Object.getOwnPropertyDescriptor(process.stderr, 'isTTY'),
    env: { ...process.env },
  };
  const sink = (chunk: string | Uint8Array, ...rest: unknown[]) => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  };
  for (const key of Object.keys(process.env)) if (key.startsWith('CHIPMIX_')) delete process.env[key];
  Object.assign(process.env, { CHIPMIX_NO_MAIN: '1', COLUMNS, TZ: 'UTC', NO_COLOR: '1' });
  Object.defineProperty(process.stdout, 'isTTY', { value: false, configurable: true });
  Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
  process.stdout.write = sink as typeof process.stdout.write;
  process.stderr.write = sink as typeof process.stderr.write;
  try {
    let code: number;
    try {
      code = await runCli(argv);
    } catch (error) {
      text += `chipmix: internal error: ${error instanceof Error ? error.message : String(error)}\n`;
      code = 1;
    }
    return { code, text };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    for (const [stream, d] of [
      [process.stdout, saved.outTTY],
      [process.stderr, saved.errTTY],
    ] as const) {
      if (d) Object.defineProperty(stream, 'isTTY', d);
      else delete (stream as { isTTY?: boolean }).isTTY;
    }
    for (const key of Object.keys(process.env)) if (!(key in saved.env)) delete process.env[key];
    Object.assign(process.env, saved.env);
  }
}

export interface RunOptions {
  readme?: string;
  /** Called as each example finishes (the command line prints progress with it). */
  onResult?: (r: ExampleResult) => void;
}

/** Runs every marked example in README order and compares its output with the README's. */
export async function checkExamples(opts: RunOptions = {}): Promise<ExampleResult[]> {
  if (process.cwd() !== ROOT) process.chdir(ROOT); // the commands name repository paths relative to the root
  const markdown = readFileSync(opts.readme ?? README, 'utf8');
  const examples = parseExamples(markdown);
  const runCli = await loadCli();
  const scratch = mkdtempSync(join(tmpdir(), 'chipmix-readme-'));
  const temp = new Map<string, string>(); // README path -> temporary directory
  const results: ExampleResult[] = [];
  try {
    for (const ex of examples) {
      const argv = ex.argv.map((word, k) => {
        const opt = ex.argv[k - 1];
        if (opt === undefined || !TEMP_PATH_OPTIONS.has(opt)) return word;
        if (!temp.has(word)) temp.set(word, join(scratch, String(temp.size)));
        return temp.get(word)!;
      });
      const started = performance.now();
      const { code, text } = await capture(runCli, argv);
      const ms = performance.now() - started;
      let out = text;
      // temporary directories back to the README's paths (longest first), then the checkout's own path
      for (const [readmePath, dir] of [...temp].sort((x, y) => y[1].length - x[1].length))
        out = out.split(dir).join(readmePath.replace(/\/$/, ''));
      out = out.split(`${ROOT}/`).join('');
      const kept = tidy(out)
        .split('\n')
        .filter((_, n) => ex.lines?.(n + 1) ?? true)
        .join('\n');
      const problems: string[] = [];
      if (code !== ex.exit) problems.push(`exit code ${code}, the README expects ${ex.exit}`);
      if (wildcard(kept) !== wildcard(tidy(ex.output))) problems.push(lineDiff(tidy(ex.output), kept));
      const result: ExampleResult = {
        id: ex.id,
        ok: problems.length === 0,
        actual: kept,
        code,
        expectedExit: ex.exit,
        ms,
        problem: problems.join('\n'),
      };
      results.push(result);
      opts.onResult?.(result);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return results;
}

/** The README with every stale output block replaced (blocks that differ only in volatile bits are kept). */
export function rewrite(markdown: string, results: readonly ExampleResult[]): string {
  const lines = markdown.split('\n');
  const examples = parseExamples(markdown);
  // from the bottom up, so earlier line indexes stay valid
  for (const ex of [...examples].reverse()) {
    const r = results.find((x) => x.id === ex.id);
    if (!r || wildcard(r.actual) === wildcard(tidy(ex.output))) continue;
    lines.splice(ex.outputStart, ex.outputEnd - ex.outputStart, ...(r.actual ? r.actual.split('\n') : []));
  }
  return lines.join('\n');
}

async function main(args: string[]): Promise<number> {
  const write = args.includes('--write');
  const unknown = args.filter((a) => a !== '--write');
  if (unknown.length) {
    process.stderr.write(`usage: npx tsx scripts/readme-examples.ts [--write]\n`);
    return 2;
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const results = await checkExamples({
    onResult: (r) => log(`${r.ok ? 'ok   ' : 'STALE'} ${r.id} (${(r.ms / 1000).toFixed(1)} s)`),
  });
  const stale = results.filter((r) => !r.ok);
  const badExit = stale.filter((r) => r.code !== r.expectedExit);
  if (write) {
    const before = readFileSync(README, 'utf8');
    const after = rewrite(before, results);
    if (after !== before) writeFileSync(README, after);
    log(
      `${results.length} examples; ${stale.length - badExit.length} output blocks rewritten in README.md` +
        (badExit.length
          ? `; wrong exit code (fix the README by hand): ${badExit.map((r) => r.id).join(', ')}`
          : ''),
    );
    for (const r of badExit) log(`\n== ${r.id}\n${r.problem}`);
    return badExit.length ? 1 : 0;
  }
  for (const r of stale) log(`\n== ${r.id}: README.md is stale\n${r.problem}`);
  log(
    stale.length
      ? `\n${stale.length} of ${results.length} README examples are stale: ${stale.map((r) => r.id).join(', ')}` +
          `\nrefresh with: npx tsx scripts/readme-examples.ts --write`
      : `${results.length} README examples are up to date`,
  );
  return stale.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`readme-examples: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
