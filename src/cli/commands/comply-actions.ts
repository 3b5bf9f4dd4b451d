/**
 * `chipmix comply ...`: compliance of the stored inventory against the configured policies (or the
 * default rule): the actions of the commands registered in ./comply.ts.
 */
import type { Command } from 'commander';
import { addYears } from '../../core/compliance/contract';
import type { ComplianceResult } from '../../core/compliance/evaluate';
import type { ComplianceTimeline } from '../../core/compliance/timeline';
import {
  type Basis,
  type ComplianceSite,
  type HardwareRecord,
  MAX_QUANTITY_PER_RECORD,
} from '../../core/compliance/types';
import { statusView, trajectoryView, whatIfView } from '../../core/compliance/view';
import { formatSharePercent, type RuleOutcome } from '../../core/policy/evaluate';
import type { Rule } from '../../core/policy/schema';
import { formatIssue } from '../../core/result';
import { UsageError } from '../errors';
import { checkFailOn, type FailCondition } from '../fail-on';
import { emit, type OutputFormat, printJson, printLine, writeOutFile } from '../output';
import { cliCatalog, parseDateOption, parseWholeNumber, today, withStore } from './inventory';

interface Snapshot {
  sites: ComplianceSite[];
  records: HardwareRecord[] | ComplianceTimeline;
  rules: Rule[];
}

/**
 * One read of everything compliance needs, summed in SQL: with `on`, the quantities of that one
 * date (a few hundred rows, however many records); without, the changes over time as a timeline.
 */
async function readSnapshot(cmd: Command, on?: { asOf: string; basis: Basis }): Promise<Snapshot> {
  const [{ listSites }, { complianceChanges, quantitiesAsOf }, { activeRules }, { ComplianceTimeline }] =
    await Promise.all([
      import('../../store/sites'),
      import('../../store/compliance'),
      import('../../store/policies'),
      import('../../core/compliance/timeline'),
    ]);
  return withStore(cmd, async (store) => ({
    sites: await listSites(store.db),
    records: on
      ? await quantitiesAsOf(store.db, on.asOf, on.basis)
      : ComplianceTimeline.fromChanges(await complianceChanges(store.db)),
    rules: await activeRules(store.db),
  }));
}

/** CSV records: one per site and one for the organisation, a pass column per rule. */
function statusRows(result: ComplianceResult) {
  const row = (
    scope: string,
    packages: number,
    shares: ComplianceResult['organisation']['shares'],
    rules: readonly RuleOutcome[],
  ) => ({
    asOf: result.asOf,
    scope,
    packages,
    ...shares,
    ...Object.fromEntries(rules.map((r) => [`rule.${r.id}`, r.pass])),
  });
  return [
    ...result.sites.map((s) => row(s.site, s.packages, s.shares, s.rules)),
    row('organisation', result.organisation.packages, result.organisation.shares, result.organisation.rules),
  ];
}

const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
const OVERALL = {
  compliant: 'COMPLIANT',
  'not-compliant': 'NOT COMPLIANT',
  unknown: 'UNKNOWN',
  'no-rule-in-force':
    'NO RULE IN FORCE (no rule binds a site with hardware on this date; nothing was judged)',
} as const;
const mark = (pass: boolean | null) => (pass === null ? '?' : pass ? 'ok' : 'FAIL');

async function printStatus(result: ComplianceResult): Promise<void> {
  const { renderTable } = await import('../table');
  const overall = OVERALL[result.verdict];
  printLine(
    `Compliance as of ${result.asOf} (${result.basis === 'installed' ? 'installed hardware' : 'including ordered and planned'}): ${overall}`,
  );
  printLine();
  const verdicts = (
    rules: readonly RuleOutcome[],
    notApplicable: ComplianceResult['sites'][number]['notApplicable'] = [],
  ) =>
    [
      // each rule's own measured share (its definition of domestic), not the catalog's shares of the columns
      ...rules.map((r) => `${r.id} ${formatSharePercent(r.share, r.threshold)} ${mark(r.pass)}`),
      ...notApplicable.map((n) => `${n.id} n/a (${n.reason})`),
    ].join(', ') || '-';
  const scopes = [
    ...result.sites.map((s) => ({
      name: s.site,
      packages: s.packages,
      shares: s.shares,
      rules: verdicts(s.rules, s.notApplicable),
    })),
    { name: 'organisation', ...result.organisation, rules: verdicts(result.organisation.rules) },
  ];
  printLine(
    renderTable(
      ['site', 'packages', 'count', 'bf16', 'spend', 'power', 'rules'],
      scopes.map((s) => [
        s.name,
        s.packages,
        pct(s.shares.count),
        pct(s.shares.bf16Compute),
        pct(s.shares.spend),
        pct(s.shares.power),
        s.rules,
      ]),
      { right: [1, 2, 3, 4, 5] },
    ),
  );
  for (const w of result.warnings) process.stderr.write(`chipmix: warning: ${w}\n`);
}

/** "NOT COMPLIANT: SH-Lingang-02 fails default-domestic-count-majority; ..." for the gate's one line. */
function nonCompliantReason(result: ComplianceResult): string {
  const scopes = [{ site: 'organisation', rules: result.organisation.rules }, ...result.sites];
  const failing = scopes.flatMap((s) =>
    s.rules
      .filter((r) => r.pass !== true)
      .map((r) => `${s.site} ${r.pass === false ? 'fails' : 'cannot judge'} ${r.id}`),
  );
  if (result.verdict === 'no-rule-in-force')
    return `NO RULE IN FORCE on ${result.asOf}: no rule binds a site with hardware, so nothing was judged (see \`chipmix comply rules\`)`;
  const verdict = result.compliant === false ? 'NOT COMPLIANT' : 'UNKNOWN (a rule cannot be judged)';
  return `${verdict}: ${failing.slice(0, 3).join('; ')}${failing.length > 3 ? ` (and ${failing.length - 3} more)` : ''}`;
}

function parseChange(value: string, option: string): { site: string; hardwareId: string; quantity: number } {
  const match = /^(.+):([^:]+):(\d+)$/.exec(value);
  if (!match) throw new UsageError(`${option}: expected SITE:HARDWARE_ID:QUANTITY, got "${value}"`);
  return {
    site: match[1]!,
    hardwareId: match[2]!,
    quantity: parseWholeNumber(match[3]!, option, 1, MAX_QUANTITY_PER_RECORD),
  };
}

export const statusAction = async (
  opts: {
    asOf?: string;
    pipeline?: boolean;
    json?: boolean;
    output?: OutputFormat;
    failOn?: FailCondition[];
  },
  cmd: Command,
) => {
  const asOf = opts.asOf === undefined ? today() : parseDateOption(opts.asOf, '--as-of');
  const catalog = await cliCatalog(cmd);
  const basis = opts.pipeline ? 'pipeline' : 'installed';
  const snapshot = await readSnapshot(cmd, { asOf, basis });
  // Nothing to judge is not "compliant": a gate must not pass on an empty or mistyped store.
  if (Array.isArray(snapshot.records) && snapshot.records.length === 0) {
    const counted = basis === 'installed' ? 'installed' : 'installed, ordered or planned';
    throw new UsageError(
      snapshot.sites.length > 0
        ? // the store has an inventory: the date is before it (import advice would mislead)
          `no hardware counts as of ${asOf} (${counted}) at the inventory's ${snapshot.sites.length} site(s); give a later --as-of`
        : `no inventory as of ${asOf} (${counted}); import some with \`chipmix inventory import FILE\``,
    );
  }
  const { evaluateCompliance } = await import('../../core/compliance/evaluate');
  const result = evaluateCompliance({ ...snapshot, catalog }, { asOf, basis });
  await emit(opts, {
    document: statusView(result),
    rows: () => statusRows(result),
    table: () => printStatus(result),
  });
  checkFailOn(opts.failOn, {
    'non-compliant': result.compliant === true ? null : nonCompliantReason(result),
    warning: result.warnings.length ? `${result.warnings.length} warning(s): ${result.warnings[0]}` : null,
  });
};

export const trajectoryAction = async (
  opts: { from?: string; to?: string; installedOnly?: boolean; json?: boolean },
  cmd: Command,
) => {
  const from = opts.from === undefined ? today() : parseDateOption(opts.from, '--from');
  const to =
    opts.to === undefined
      ? `${Number(from.slice(0, 4)) + 2}${from.slice(4)}`
      : parseDateOption(opts.to, '--to');
  if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
  const catalog = await cliCatalog(cmd);
  const snapshot = await readSnapshot(cmd);
  const { complianceTrajectory } = await import('../../core/compliance/trajectory');
  const t = complianceTrajectory(
    { ...snapshot, catalog },
    { from, to, basis: opts.installedOnly ? 'installed' : 'pipeline' },
  );
  if (opts.json) return printJson(trajectoryView(t));
  printLine(
    `Trajectory ${from} to ${to} (${t.basis === 'pipeline' ? 'including ordered and planned' : 'installed only'}):`,
  );
  for (const p of t.points) {
    const verdicts = [...p.organisation.rules, ...p.sites.flatMap((s) => s.rules)];
    const failing = p.sites.filter((s) => s.rules.some((r) => r.pass === false)).map((s) => s.site);
    printLine(
      `${p.asOf}  org count ${pct(p.organisation.shares.count).padStart(6)}  bf16 ${pct(p.organisation.shares.bf16Compute).padStart(6)}  ` +
        `${verdicts.filter((r) => r.pass === false).length}/${verdicts.length} failing${failing.length > 0 ? ` (${failing.join(', ')})` : ''}`,
    );
  }
};

export const whatIfAction = async (
  opts: { asOf?: string; add?: string[]; remove?: string[]; json?: boolean },
  cmd: Command,
) => {
  const asOf = opts.asOf === undefined ? today() : parseDateOption(opts.asOf, '--as-of');
  const add = (opts.add ?? []).map((v) => parseChange(v, '--add'));
  const remove = (opts.remove ?? []).map((v) => parseChange(v, '--remove'));
  if (add.length + remove.length === 0) throw new UsageError('what-if: give at least one --add or --remove');
  const catalog = await cliCatalog(cmd);
  const snapshot = await readSnapshot(cmd, { asOf, basis: 'installed' });
  const { whatIf } = await import('../../core/compliance/what-if');
  const result = whatIf({ ...snapshot, catalog }, { add, remove }, { asOf });
  if (!result.ok) {
    // the core's paths (`add.0.site`, the API's) become the option and the value as typed
    const typed = (path: string) =>
      path.replace(/^(add|remove)\.(\d+)(\..*)?$/, (_, option: 'add' | 'remove', index: string) =>
        `--${option} ${opts[option]?.[Number(index)] ?? ''}`.trim(),
      );
    throw new UsageError(result.issues.map((i) => formatIssue({ ...i, path: typed(i.path) })).join('; '));
  }
  if (opts.json) return printJson(whatIfView(result.value));
  printLine('Before:');
  await printStatus(result.value.before);
  printLine();
  printLine('After:');
  await printStatus(result.value.after);
};

export const rulesAction = async (opts: { asOf?: string; json?: boolean }, cmd: Command) => {
  const asOf = opts.asOf === undefined ? today() : parseDateOption(opts.asOf, '--as-of');
  // the hardware is not needed: the quantities of one date are the cheapest read
  const snapshot = await readSnapshot(cmd, { asOf, basis: 'installed' });
  const [{ effectiveRules }, { ruleApplicability }] = await Promise.all([
    import('../../core/compliance/evaluate'),
    import('../../core/policy/evaluate'),
  ]);
  const rows = effectiveRules(snapshot.rules).map((rule) => ({
    rule: rule.id,
    scope: rule.scope,
    sites: snapshot.sites.map((site) => {
      const a = ruleApplicability(rule, site, asOf);
      return a.applies
        ? { site: site.name, applies: true }
        : { site: site.name, applies: false, reason: a.reason, detail: a.detail };
    }),
  }));
  if (opts.json) return printJson({ asOf, rules: rows });
  for (const row of rows) {
    printLine(`${row.rule} (${row.scope}):`);
    for (const s of row.sites)
      printLine(`  ${s.site}: ${s.applies ? 'applies' : `does not apply, ${'detail' in s ? s.detail : ''}`}`);
  }
};

/** `--lang`: `en` or `zh-CN` (also `zh`, `zh-Hans`), case aside. */
function reportLang(value: string): 'en' | 'zh' {
  const lang = value.toLowerCase();
  if (lang === 'en' || lang === 'en-us' || lang === 'en-gb') return 'en';
  if (lang === 'zh' || lang === 'zh-cn' || lang === 'zh-hans') return 'zh';
  throw new UsageError(`--lang: expected en or zh-CN, got "${value}"`);
}

export const reportAction = async (
  opts: { out: string; asOf?: string; from?: string; to?: string; lang?: string },
  cmd: Command,
) => {
  const lang = reportLang(opts.lang ?? 'en');
  const asOf = opts.asOf === undefined ? today() : parseDateOption(opts.asOf, '--as-of');
  // the same defaults as the API's report, within the years a date may have (asOf 0000-02-29 gave from -1-02-28)
  const from = opts.from === undefined ? addYears(asOf, -1) : parseDateOption(opts.from, '--from');
  const to = opts.to === undefined ? addYears(asOf, 2) : parseDateOption(opts.to, '--to');
  if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
  const isHtml = /\.html?$/i.test(opts.out);
  if (!isHtml && !/\.(md|markdown)$/i.test(opts.out))
    throw new UsageError(`--out: expected a .html or .md file name, got "${opts.out}"`);
  const catalog = await cliCatalog(cmd);
  const snapshot = await readSnapshot(cmd);
  const [{ evaluateCompliance, effectiveRules }, { complianceTrajectory }, report] = await Promise.all([
    import('../../core/compliance/evaluate'),
    import('../../core/compliance/trajectory'),
    import('../../report/index'),
  ]);
  const input = { ...snapshot, catalog };
  const reportInput = {
    status: evaluateCompliance(input, { asOf }),
    trajectory: complianceTrajectory(input, { from, to }),
    rules: [...effectiveRules(snapshot.rules)],
    usingDefaultRule: snapshot.rules.length === 0,
    generatedAt: new Date().toISOString(),
  };
  writeOutFile(
    opts.out,
    isHtml ? report.renderHtml(reportInput, { lang }) : report.renderMarkdown(reportInput, { lang }),
  );
  printLine(`Wrote ${opts.out} (as of ${asOf}, trajectory ${from} to ${to}).`);
};
