/**
 * `chipmix comply ...`: compliance of the stored inventory against the configured policies (or the
 * default rule): status as of a date, trajectory, what-if, which rules apply where, and a report.
 * The commands are registered here; ./comply-actions.ts runs them (imported when one runs).
 */
import type { Command } from 'commander';
import { addFailOn } from '../fail-on';
import { lazyActions } from '../lazy';
import { addOutputOption } from '../output-option';
import { registerPolicyCommands } from './policy';

const lazy = lazyActions(() => import('./comply-actions'));
const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerComplyCommands(program: Command): void {
  registerPolicyCommands(program);
  const comply = program.command('comply').description('Evaluate the inventory against domestic-share rules');

  const status = comply
    .command('status')
    .description('Domestic share per site and organisation under every metric, and rule verdicts')
    .option('--as-of <date>', 'YYYY-MM-DD (default: today, UTC)')
    .option('--pipeline', 'count ordered and planned hardware from its expected install date')
    .option(
      '--json',
      "print { asOf, basis, compliant, organisation, sites, warnings } (the API's status answer)",
    );
  addOutputOption(status, 'one row per site and one for the organisation');
  addFailOn(status, ['non-compliant', 'warning']).action(lazy('statusAction'));

  comply
    .command('trajectory')
    .description('Compliance at every change between two dates, including ordered and planned hardware')
    .option('--from <date>', 'YYYY-MM-DD (default: today, UTC)')
    .option('--to <date>', 'YYYY-MM-DD (default: two years after --from)')
    .option('--installed-only', 'ignore ordered and planned hardware')
    .option('--json', 'print { from, to, points: [ { asOf, organisation, sites } ] }')
    .action(lazy('trajectoryAction'));

  comply
    .command('what-if')
    .description('Compliance after adding or removing hardware, without writing anything')
    .option('--as-of <date>', 'YYYY-MM-DD (default: today, UTC)')
    .option('--add <site:hw:qty>', 'add installed hardware (repeatable)', collect)
    .option('--remove <site:hw:qty>', 'take hardware out of service (repeatable)', collect)
    .option('--json', 'print { before, after } in the status JSON shape')
    .action(lazy('whatIfAction'));

  comply
    .command('rules')
    .description('Which rules apply to which site on a date, and why not')
    .option('--as-of <date>', 'YYYY-MM-DD (default: today, UTC)')
    .option('--json', 'print JSON')
    .action(lazy('rulesAction'));

  comply
    .command('report')
    .description('Write a compliance report: self-contained HTML with charts (.html) or Markdown (.md)')
    .requiredOption('--out <file>', 'FILE.html or FILE.md')
    .option('--as-of <date>', 'YYYY-MM-DD (default: today, UTC)')
    .option('--from <date>', 'trajectory start (default: one year before --as-of)')
    .option('--to <date>', 'trajectory end (default: two years after --as-of)')
    .option('--lang <lang>', 'report language: en or zh-CN (Simplified Chinese)', 'en')
    .action(lazy('reportAction'));
}
