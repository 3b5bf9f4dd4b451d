/** `chipmix policy ...`: add versioned policy documents (rules with effective dates) and list them. */
import type { Command } from 'commander';
import { formatPath } from '../../core/result';
import { UsageError } from '../errors';
import { printJson, printLine } from '../output-option';
import { cliCatalog, readInput, withStore } from './inventory';

export function registerPolicyCommands(program: Command): void {
  const policy = program.command('policy').description('Manage compliance policies (versioned rule sets)');

  policy
    .command('add <file>')
    .description(
      'Add a policy (YAML or JSON: { id, description?, rules: [...] }); a known id gets a new version',
    )
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const text = readInput(file);
      let data: unknown;
      try {
        const yaml = await import('../yaml-text');
        if (file.toLowerCase().endsWith('.json')) {
          data = JSON.parse(text);
          // JSON.parse keeps the last of two equal keys without a word; YAML (JSON is a subset) refuses them, as it
          // refuses them in a YAML policy
          yaml.parse(text);
        } else data = yaml.parse(text);
      } catch (error) {
        throw new UsageError(
          `${file}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]?.replace(/:$/, '')}`,
        );
      }
      const { policyFileSchema } = await import('../../core/policy/schema');
      const parsed = policyFileSchema.safeParse(data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        // an empty document is no policy at all; a problem of the whole document has no field to name
        if (data === null || data === undefined) throw new UsageError(`${file}: the policy file is empty`);
        const where = issue.path.length > 0 ? `${formatPath(issue.path)}: ` : '';
        throw new UsageError(`${file}: ${where}${issue.message}`);
      }
      const [{ addPolicy }, { writeContext }] = await Promise.all([
        import('../../store/policies'),
        import('../../store/context'),
      ]);
      const [{ listSites }, { policyWarnings }] = await Promise.all([
        import('../../store/sites'),
        import('../../core/policy/lint'),
      ]);
      const catalog = await cliCatalog(cmd);
      const { stored, warnings } = await withStore(cmd, (store) =>
        store.db.transaction().execute(async (trx) => ({
          warnings: policyWarnings(parsed.data, catalog, await listSites(trx)),
          stored: await addPolicy(trx, writeContext(), parsed.data),
        })),
      );
      for (const w of warnings) process.stderr.write(`chipmix: warning: ${file}: ${w}\n`);
      printLine(
        `Added policy ${stored.id} version ${stored.version} (${stored.document.rules.length} rules).`,
      );
    });

  policy
    .command('list')
    .description('List policies (latest version of each) and their rules')
    .option('--all-versions', 'every stored version')
    .option('--json', 'print JSON')
    .action(async (opts: { allVersions?: boolean; json?: boolean }, cmd: Command) => {
      const { listPolicies, listPolicyVersions } = await import('../../store/policies');
      const policies = await withStore(cmd, (store) =>
        opts.allVersions ? listPolicyVersions(store.db) : listPolicies(store.db),
      );
      if (opts.json) return printJson(policies);
      if (policies.length === 0)
        return printLine(
          'No policy configured: the default rule applies (domestic share by count > 50% per site).',
        );
      for (const p of policies) {
        printLine(`${p.id} v${p.version} (${p.createdAt} by ${p.createdBy})`);
        for (const r of p.document.rules) {
          printLine(
            `  ${r.id}: ${r.metric} ${r.comparator} ${r.threshold} ${r.scope}, from ${r.effectiveFrom}${r.effectiveUntil ? ` until ${r.effectiveUntil}` : ''}`,
          );
        }
      }
    });
}
