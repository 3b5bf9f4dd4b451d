/**
 * `chipmix catalog ...`: browse, show, compare and audit the sourced accelerator catalog. The commands
 * are registered here; ./catalog-actions.ts runs them (imported when one runs).
 */
import type { Command } from 'commander';
import { STATUSES } from '../../core/catalog/statuses';
import { lazyActions } from '../lazy';
import { addOutputOption } from '../output-option';

const lazy = lazyActions(() => import('./catalog-actions'));

export function registerCatalogCommands(program: Command): void {
  const catalog = program
    .command('catalog')
    .description('Browse, show, compare and audit the sourced accelerator catalog')
    .showHelpAfterError(false);

  const list = catalog
    .command('list')
    .description('List chips and systems')
    .option('--domestic', 'only PRC-designed parts (and systems built on them)')
    .option('--foreign', 'only non-PRC parts')
    .option('--vendor <name>', 'only this vendor (name or id prefix, case-insensitive)')
    .option('--kind <kind>', 'chip or system')
    .option('--json', 'print JSON');
  addOutputOption(list, 'one row per chip or system').action(lazy('listAction'));

  catalog
    .command('show')
    .description('Every spec of one chip or system, with unit, confidence and sources')
    .argument('<id>', 'a chip or system id')
    .option('--json', 'print JSON')
    .option('--entry', 'print the entry as a user catalog file (YAML) to edit and load with --catalog')
    .action(lazy('showAction'));

  catalog
    .command('audit')
    .description('Per metric, the entries that lack a value or hold only rumour-grade values')
    .option('--status <status>', `only entries with this status: roadmap, ${STATUSES.join(', ')}`)
    .option('--json', 'print JSON')
    .action(lazy('auditAction'));

  catalog
    .command('compare')
    .description('Compare chips or systems side by side (systems by whole-system totals)')
    .argument('<ids...>', 'two or more chip or system ids')
    .option('--json', 'print JSON')
    .action(lazy('compareAction'));
}
