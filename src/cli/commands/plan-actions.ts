/**
 * `chipmix plan SCENARIO [--json] [--sweep-domestic FROM:TO:STEP] [--out DIR]`: the fleet planner.
 * The file and the sweep become the request of src/core/plan/request.ts (the API's body), read by the
 * one scenario reader; the CLI supplies today's date and the HiGHS solver to the pure core
 * (src/core/plan), prints tables or one JSON document, and writes the sweep files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { say } from '../../core/messages/say';
import { sweepChartSvg, sweepCsv } from '../../core/plan/chart';
import { type PlanOutput, planScenario } from '../../core/plan/plan';
import { MAX_SCENARIO_CHARS, planRequestSchema } from '../../core/plan/request';
import { roadmapChartSvg, roadmapSeries } from '../../core/plan/roadmap-chart';
import { DEFAULT_RISK_SAMPLES, DEFAULT_RISK_SEED } from '../../core/plan/robust';
import { readScenarioDocument } from '../../core/plan/scenario-text';
import { sweepPercentDigits } from '../../core/plan/sweep';
import { formatIssue } from '../../core/result';
import { threadedDrawRunner } from '../../plan-runner/risk-pool';
import { UsageError } from '../errors';
import { checkFailOn, type FailCondition } from '../fail-on';
import { emit, makeOutDirectory, type OutputFormat, printLine, writeOutFiles } from '../output';
import { createProgress } from '../progress';
import { defined, requestFrom } from '../request';
import { renderTable } from '../table';
import { catalogFor } from './catalog-actions';

interface PlanCliOptions {
  json?: boolean;
  samples?: string;
  seed?: string;
  output?: OutputFormat;
  failOn?: FailCondition[];
  sweepDomestic?: string;
  out?: string;
}

function readScenarioFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`${file}: cannot read the scenario file`);
  }
  if (text.trim() === '') throw new UsageError(`${file}: the scenario file is empty`);
  // said here with the file's name (the request schema holds the same bound for the API)
  if (text.length > MAX_SCENARIO_CHARS) throw new UsageError(`${file}: ${say('plan.scenario-size')}`);
  return text;
}

/** Most draws per run (memory: 40 bytes per draw and option). */
const MAX_SAMPLES = 1_000_000;

const usd = (x: number) => `$${(x / 1e6).toFixed(2)}M`;
const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

export function renderPlan(out: PlanOutput): string {
  const lines: string[] = [];
  lines.push(
    `scenario ${out.scenario ?? '(unnamed)'}  as of ${out.asOf}  objective ${out.objective}  status ${out.status.toUpperCase()}`,
  );
  if (out.status === 'infeasible') {
    const sets = new Set(out.conflicts.map((c) => c.set ?? 1)).size;
    lines.push(
      '',
      sets > 1
        ? `conflicting constraints, ${sets} independent sets (resolve every set; dropping any one member of a set resolves it):`
        : 'conflicting constraints (dropping any one of them makes the rest feasible):',
    );
    for (const c of out.conflicts)
      lines.push(`  - ${sets > 1 && c.set ? `[set ${c.set}] ` : ''}${c.constraint}: ${c.message}`);
    if (out.relaxations.length) {
      lines.push('', 'least relaxation of each, the others kept:');
      for (const r of out.relaxations) lines.push(`  - ${r.message}`);
    }
  } else if (out.status !== 'error') {
    const buy = renderTable(
      ['site', 'hardware', 'devices', 'units', 'capex'],
      out.purchases.map((p) => [p.site, p.hardware, p.count, p.units, usd(p.capexUsd)]),
    );
    lines.push('', 'purchases', buy);
    if (out.retired.length)
      lines.push(
        `retired: ${out.retired.map((r) => `${r.devices} x ${r.hardware} at ${r.site}`).join(', ')}`,
      );
    const work: Array<Array<string | number>> = [];
    for (const w of out.workloads) {
      if (w.kind === 'training')
        work.push([
          w.id,
          w.site,
          w.hardware
            .map((h, i) => `${h} x ${w.devices[i]}${w.installed[i] ? ' (installed)' : ''}`)
            .join(' + '),
          w.layout,
          `${w.completionDays.toFixed(1)}${w.deadlineDays !== null ? ` / ${w.deadlineDays}` : ''}`,
        ]);
      else
        work.push([
          w.id,
          [...new Set(w.replicas.map((r) => r.site))].join(', '),
          w.replicas.map((r) => `${r.replicas} x ${r.devicesPerReplica} ${r.hardware}`).join(' + '),
          `${Math.round(w.outputTokensPerSecond)} of ${Math.round(w.demandOutputTokensPerSecond)} tok/s`,
          'serving',
        ]);
    }
    lines.push(
      '',
      'workloads',
      renderTable(['workload', 'site', 'hardware x devices', 'layout', 'days'], work),
    );
    const sites: Array<Array<string | number>> = [];
    for (const s of out.sites)
      sites.push([
        s.site,
        Object.values(s.devices).reduce((a, b) => a + b, 0),
        `${s.powerMW.toFixed(2)}${s.powerCapMW !== null ? ` / ${s.powerCapMW}` : ''}`,
        usd(s.capexUsd),
        usd(s.energyUsd),
        [s.domesticShare.count, s.domesticShare.bf16Compute, s.domesticShare.spend, s.domesticShare.power]
          .map(pct)
          .join(' / '),
      ]);
    lines.push(
      '',
      'sites',
      renderTable(
        ['site', 'devices', 'power (MW)', 'capex', 'energy', 'domestic by count / bf16 / spend / power'],
        sites,
      ),
    );
    const d = out.domesticShare;
    lines.push(
      `costs: capex ${usd(out.costs.capexUsd)} + energy ${usd(out.costs.energyUsd)} = ${usd(out.costs.totalUsd)}`,
      `domestic share (organisation): ${pct(d.count)} by count, ${pct(d.bf16Compute)} by BF16 compute, ${pct(d.spend)} by spend, ${pct(d.power)} by power`,
    );
    for (const r of out.rules)
      lines.push(
        `rule ${r.rule} @ ${r.scope}: ${pct(r.share)} by ${r.metric} ${r.comparator} ${pct(r.threshold)} -> ${r.pass === null ? 'n/a (empty)' : r.pass ? 'pass' : 'FAIL'}`,
      );
    lines.push(
      `binding: ${out.binding.length ? out.binding.map((b) => `${b.constraint} (${b.detail}${b.priceUsd !== undefined ? `; costs ${usd(b.priceUsd)}` : ''})`).join('; ') : 'none'}`,
    );
  }
  if (out.periods) lines.push('', 'per period (costs are present values)', renderPeriods(out.periods));
  if (out.risk) lines.push('', ...renderRisk(out));
  if (out.sweep) {
    // Deny lists stay at every point; their cost, where a swept rule has one, is a line of its own.
    const denies = out.sweep.some((p) => p.denyUsd !== null);
    // As many decimals as the step needs (0.75% is not 0.8%).
    const digits = sweepPercentDigits(out.sweep.map((p) => p.threshold));
    const at = (p: { threshold: number }) => `${(p.threshold * 100).toFixed(digits)}%`;
    const t: Array<Array<string | number>> = [];
    for (const p of out.sweep)
      t.push([
        at(p),
        p.status,
        p.totalUsd === null ? '-' : usd(p.totalUsd),
        p.capexUsd === null ? '-' : usd(p.capexUsd),
        p.energyUsd === null ? '-' : usd(p.energyUsd),
        p.completionDays === null ? '-' : p.completionDays.toFixed(1),
        pct(p.domesticShare?.count ?? null),
      ]);
    lines.push(
      '',
      `price of the rule (every share rule set to >= threshold${denies ? '; deny lists kept' : ''})`,
      renderTable(
        ['threshold', 'status', 'total', 'capex', 'energy', 'completion (days)', 'domestic by count'],
        t,
      ),
    );
    if (denies)
      lines.push(
        `deny lists of the swept rules cost: ${out.sweep.map((p) => `${at(p)} ${p.denyUsd === null ? '-' : usd(p.denyUsd)}`).join(', ')}`,
      );
  }
  lines.push(
    '',
    `solver ${out.solver.name}: ${out.solver.solves} solve(s), ${out.solver.solveSeconds.toFixed(2)} s; ${out.solver.variables} variables, ${out.solver.constraints} rows; ${out.candidates.engineCalls} engine estimates`,
  );
  for (const w of out.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

function renderPeriods(periods: NonNullable<PlanOutput['periods']>): string {
  const t: Array<Array<string | number>> = [];
  const devices = (list: Array<{ hardware: string; count?: number; devices?: number }>) =>
    list.map((x) => `${x.count ?? x.devices} ${x.hardware}`).join(', ') || '-';
  for (const p of periods)
    t.push([
      p.period,
      devices(p.purchases),
      p.installed.reduce((s, x) => s + x.devices, 0),
      devices(p.retired),
      pct(p.domesticShare.count),
      p.rules.filter((r) => r.pass === false).length
        ? `FAIL ${p.rules
            .filter((r) => r.pass === false)
            .map((r) => `${r.rule}@${r.scope}`)
            .join(', ')}`
        : `${p.rules.filter((r) => r.pass).length} pass`,
      usd(p.costUsd),
    ]);
  return renderTable(
    ['period', 'bought', 'in service', 'retired', 'domestic (count)', 'rules', 'cost (PV)'],
    t,
  );
}

const days = (p: { p10: number; p50: number; p90: number }) =>
  `${p.p10.toFixed(1)} / ${p.p50.toFixed(1)} / ${p.p90.toFixed(1)}`;

/** The risk section: per workload the share of draws that hold, completion and cost percentiles. */
function renderRisk(out: PlanOutput): string[] {
  const risk = out.risk!;
  const lines = [
    `risk (${risk.samples} draws, seed ${risk.seed}; docs/PLANNER.md "Plans with a stated risk")`,
  ];
  for (const w of risk.workloads)
    lines.push(
      `  ${w.id}: ${w.kind === 'training' ? 'deadline' : 'demand'} met in ${w.deadlineProbability === null ? 'n/a (no deadline)' : pct(w.deadlineProbability)} of draws${w.completionDays ? `; completion days p10/p50/p90 ${days(w.completionDays)}` : ''}`,
    );
  const t = risk.totalUsd;
  lines.push(`  total cost p10/p50/p90: ${usd(t.p10)} / ${usd(t.p50)} / ${usd(t.p90)}`);
  const r = out.robust;
  if (r)
    lines.push(
      `  robust plan at ${pct(r.deadlineProbability)}: ${r.rounds} round(s), speeds planned at their ${pct(1 - r.planningLevel)} quantile; ${r.met ? 'target met' : 'TARGET NOT MET'}`,
      `  deterministic plan: ${usd(r.deterministic.totalUsd)}, deadline met in ${r.deterministic.deadlineProbability.map((w) => `${w.id} ${pct(w.deadlineProbability)}`).join(', ')}; the extra confidence costs ${usd(r.extraUsd)}${r.extraPct === null ? '' : ` (${r.extraPct >= 0 ? '+' : ''}${r.extraPct.toFixed(1)}%)`}`,
    );
  return lines;
}

/** A whole number flag in [min, max], or a usage error naming the flag. */
function intFlag(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(`--${flag}: expected a whole number from ${min} to ${max}, got "${text}"`);
  return n;
}

/** The gate's one line: the status and the first conflict, or why the solve stopped short. */
function planNotFeasible(out: PlanOutput): string {
  if (out.status === 'infeasible')
    return `infeasible${out.conflicts.length ? `: ${out.conflicts[0]!.constraint}: ${out.conflicts[0]!.message}` : ''}`;
  return 'the solver failed, so no plan was found';
}

function writeOutputs(dir: string, out: PlanOutput): string[] {
  makeOutDirectory(dir);
  const files: Array<[string, string]> = [['plan.json', `${JSON.stringify(out, null, 2)}\n`]];
  if (out.sweep) {
    files.push(['sweep.json', `${JSON.stringify(out.sweep, null, 2)}\n`]);
    files.push(['sweep.csv', sweepCsv(out.sweep)]);
    files.push([
      'sweep.svg',
      sweepChartSvg(out.sweep, `Price of the domestic-share rule: ${out.scenario ?? 'scenario'}`),
    ]);
  }
  if (out.periods?.length)
    files.push([
      'roadmap.svg',
      roadmapChartSvg(roadmapSeries(out.periods), `Fleet by vendor: ${out.scenario ?? 'scenario'}`),
    ]);
  writeOutFiles(files.map(([name, text]) => [join(dir, name), text] as const));
  return files.map(([name]) => join(dir, name));
}

export const planAction = async (file: string, options: PlanCliOptions, command: Command) => {
  const body = requestFrom(
    planRequestSchema,
    defined({ scenario: readScenarioFile(file), sweep: options.sweepDomestic }),
    options,
    { renamed: { scenario: 'scenario', sweep: 'sweep-domestic' }, whole: ['sweep'] },
  );
  const samples = intFlag('samples', options.samples, 1, MAX_SAMPLES);
  const seed = intFlag('seed', options.seed, 0, 2 ** 32 - 1);
  const catalog = catalogFor(command);
  const read = readScenarioDocument(body.scenario, catalog, new Date().toISOString().slice(0, 10));
  if (!read.ok) {
    const [first, ...rest] = read.issues;
    const issue = first!.path === 'scenario' ? first!.message : formatIssue(first!);
    throw new UsageError(`${file}: ${issue}${rest.length ? ` (and ${rest.length} more)` : ''}`);
  }
  // a bar on stderr when it is a terminal and the plan takes over 2 s (src/cli/progress.ts)
  const progress = createProgress();
  const out = await planScenario(read.value.scenario, read.value.asOf, catalog, {
    solver: new (await import('../../solver/highs')).HighsSolver(),
    onProgress: (done, total, label) => progress.update(done, total, label),
    ...(body.sweep ? { sweep: body.sweep } : {}),
    ...(samples !== undefined || seed !== undefined
      ? {
          risk: {
            samples: samples ?? DEFAULT_RISK_SAMPLES,
            seed: seed ?? DEFAULT_RISK_SEED,
            run: threadedDrawRunner(),
          },
        }
      : read.value.scenario.robust
        ? { risk: { samples: DEFAULT_RISK_SAMPLES, seed: DEFAULT_RISK_SEED, run: threadedDrawRunner() } }
        : {}),
  }).finally(() => progress.end());
  const written = options.out ? writeOutputs(options.out, out) : [];
  await emit(options, {
    document: out,
    rows: () => out.sweep ?? out.purchases,
    table: () => {
      printLine(renderPlan(out));
      if (written.length) printLine(`wrote ${written.join(', ')}`);
    },
  });
  checkFailOn(options.failOn, {
    // time_limit keeps its best plan: feasible, only not proven cheapest
    infeasible: out.status === 'infeasible' || out.status === 'error' ? planNotFeasible(out) : null,
    warning: out.warnings.length ? `${out.warnings.length} warning(s): ${out.warnings[0]}` : null,
  });
};
