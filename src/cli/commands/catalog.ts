import type { Command } from 'commander';

/** Placeholder registration; the catalog commands are implemented in this file (issue 2). */
export function registerCatalogCommands(program: Command): void {
  program.command('catalog').description('Browse, show and compare the sourced accelerator catalog');
}
