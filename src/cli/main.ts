/**
 * The `chipmix` command line: an adapter around the pure core. Each command group lives in
 * ./commands/<name>.ts and registers itself on the program.
 */
import { Command, CommanderError } from 'commander';
import { registerCatalogCommands } from './commands/catalog';
import { registerCompareCommands } from './commands/compare';
import { registerComplyCommands } from './commands/comply';
import { registerInferCommands } from './commands/infer';
import { registerInventoryCommands } from './commands/inventory';
import { registerPlanCommands } from './commands/plan';
import { registerPortCommands } from './commands/port';
import { registerServeCommands } from './commands/serve';
import { registerTrainCommands } from './commands/train';
import { registerValidateCommand } from './commands/validate';
import { registerCompletionCommand } from './completion';
import { UsageError } from './errors';
import { addExamples } from './examples';

export function buildProgram(): Command {
  const program = new Command('chipmix')
    .description(
      'Plan AI compute when supply chains split: catalog, training and serving estimates, fleets, compliance.',
    )
    .version('0.1.0')
    .option(
      '--catalog <file>',
      'an extra catalog file (YAML or JSON) that adds or overrides entries; repeatable',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerCatalogCommands(program);
  registerInferCommands(program);
  registerPortCommands(program);
  registerInventoryCommands(program);
  registerComplyCommands(program);
  registerPlanCommands(program);
  registerTrainCommands(program);
  registerCompareCommands(program);
  registerValidateCommand(program);
  registerServeCommands(program);
  registerCompletionCommand(program); // after every other command: it describes the whole tree
  addExamples(program);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit 0; parse errors were already printed by commander on one line
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`chipmix: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

/**
 * A reader that stops early (`chipmix catalog list | head -1`) closes the pipe: the next write fails
 * with EPIPE. That is not an error of ours: stop quietly, as `cat` does, with exit status 0.
 */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
}

if (process.env.CHIPMIX_NO_MAIN !== '1') {
  exitQuietlyOnClosedPipe(process.stdout);
  exitQuietlyOnClosedPipe(process.stderr);
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `chipmix: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
