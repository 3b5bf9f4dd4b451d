/**
 * `chipmix port scan DIR`: how tied a codebase is to CUDA, and what moving it to Ascend, Cambricon,
 * Hygon or Kunlunxin takes (see docs/PORT.md).
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatIssue } from '../../core/result';
import { FORMATS } from '../../port/format/formats';
import type { PortFormat } from '../../port/format/index';

/** More parser threads than this only cost start-up (each loads the grammars); the pool uses at most the cores. */
const MAX_THREADS = 256;

import { UsageError } from '../errors';
import { writeOutFile } from '../output-option';

interface ScanOptions {
  target: string;
  format: string;
  out?: string;
  rules?: string[];
  exclude: string[];
  scope: string[];
  config?: string;
  gitignore: boolean;
  threads?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerPortCommands(program: Command): void {
  const port = program
    .command('port')
    .description('How tied a codebase is to CUDA, and what porting it to each domestic stack takes');
  port
    .command('scan')
    .description('Scan Python, C/C++/CUDA sources and build files for CUDA dependencies')
    .argument('<dir>', 'directory to scan')
    .option('--target <name>', 'ascend, cambricon, hygon, kunlunxin, a target from --rules, or all', 'all')
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, 'table')
    .option('--out <file>', 'write the report to FILE instead of stdout')
    .option(
      '--rules <file...>',
      'extra rule files (YAML or JSON) that add rules, override them or add targets',
    )
    .option(
      '--exclude <glob>',
      'leave out paths matching a gitignore-style pattern (repeatable)',
      collect,
      [],
    )
    .option(
      '--scope <scope=glob>',
      'put paths matching GLOB in SCOPE: product, test, benchmark, example, experimental, vendored (repeatable)',
      collect,
      [],
    )
    .option('--config <file>', 'settings file (default: .chipmix-port.yaml in DIR when present)')
    .option('--no-gitignore', 'scan files that .gitignore leaves out')
    .option('--threads <n>', 'parser threads, the main thread included (default: every core)')
    .action(async (dir: string, options: ScanOptions) => {
      const root = resolve(dir);
      let isDir = false;
      try {
        isDir = statSync(root).isDirectory();
      } catch {
        throw new UsageError(`port scan: directory not found: ${dir}`);
      }
      if (!isDir) throw new UsageError(`port scan: not a directory: ${dir}`);
      // in any case, as --target is taken (`JSON`)
      const format = options.format.toLowerCase();
      if (!(FORMATS as readonly string[]).includes(format)) {
        throw new UsageError(
          `port scan: unknown --format ${options.format} (expected ${FORMATS.join(', ')})`,
        );
      }
      const threads = options.threads === undefined ? undefined : Number(options.threads);
      if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= MAX_THREADS))
        throw new UsageError(
          `port scan: --threads must be a whole number from 1 to ${MAX_THREADS}, got ${options.threads}`,
        );
      // a one-shot batch: keep V8's optimising compiler for the hot functions (src/port/v8-budget.ts)
      const { raiseTierUpBudgetForScan } = await import('../../port/v8-budget');
      raiseTierUpBudgetForScan();
      // loaded on use: the parsers (web-tree-sitter) stay out of every other command's start-up
      const { loadRuleSets } = await import('../../port/rules/load');
      // the formatter loads with the scan, before the walk, rather than after the last file (~25 ms on one core)
      const [{ scanDirectory }, { formatReport }] = await Promise.all([
        import('../../port/scan'),
        import('../../port/format/index'),
      ]);
      const { parseScopeOption, readPortConfig } = await import('../../port/config');
      const config = readPortConfig(root, options.config);
      if (!config.ok) throw new UsageError(`port scan: ${formatIssue(config.issues[0]!)}`);
      const scopes = [...config.value.scopes];
      for (const value of options.scope) {
        const parsed = parseScopeOption(value);
        if (!parsed.ok) throw new UsageError(`port scan: ${formatIssue(parsed.issues[0]!)}`);
        scopes.push(parsed.value);
      }
      const loaded = loadRuleSets(options.rules ?? []);
      if (!loaded.ok) throw new UsageError(`port scan: ${formatIssue(loaded.issues[0]!)}`);
      const known = loaded.value.map((s) => s.target);
      // a target in any case (`Ascend`), as catalog ids and --precision are taken
      const byLowerCase = new Map(known.map((target) => [target.toLowerCase(), target] as const));
      const typed =
        options.target.toLowerCase() === 'all' ? [] : options.target.split(',').map((t) => t.trim());
      for (const t of typed) {
        if (t.toLowerCase() === 'all')
          throw new UsageError(
            'port scan: --target all stands alone (every target); it cannot be listed with others',
          );
        if (!byLowerCase.has(t.toLowerCase()))
          throw new UsageError(`port scan: unknown --target ${t} (expected ${known.join(', ')} or all)`);
      }
      const wanted =
        options.target.toLowerCase() === 'all' ? known : typed.map((t) => byLowerCase.get(t.toLowerCase())!);
      const ruleSets = loaded.value.filter((s) => wanted.includes(s.target));
      const report = await scanDirectory(root, ruleSets, {
        exclude: [...config.value.exclude, ...options.exclude],
        scopes,
        gitignore: options.gitignore && config.value.gitignore,
        knownRuleSets: loaded.value,
        ...(threads !== undefined ? { threads } : {}),
      });
      const text = formatReport(report, format as PortFormat);
      if (options.out) {
        writeOutFile(options.out, text);
      } else {
        process.stdout.write(text);
      }
    });
  port
    .command('validate')
    .description(
      'Check the effort model against real ports: leave-one-out error and coverage of the predicted ranges',
    )
    .option('--format <format>', 'output format: table or json', 'table')
    .action(async (options: { format: string }) => {
      options.format = options.format.toLowerCase();
      if (options.format !== 'table' && options.format !== 'json')
        throw new UsageError(`port validate: unknown --format ${options.format} (expected table, json)`);
      const { validatePorts } = await import('../../port/validation/validate');
      const { formatValidation } = await import('../../port/format/validation');
      const report = validatePorts();
      process.stdout.write(
        options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatValidation(report),
      );
    });
}
