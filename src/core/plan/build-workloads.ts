/**
 * The workloads' constraint groups: one training variant per job (assignment, deadline, the minTime
 * makespan bound) and serving replicas that meet each demand. Formulation: docs/PLANNER.md.
 */
import { type AssignVar, type GroupInfo, groupName, type MilpBuilder } from './build-model';
import type { OptionData, SiteData, TrainingCandidate, TrainingWorkloadData } from './problem';

/** y[w,s,v]: each training job runs exactly once, by its deadline. */
export function addTrainingRows(m: MilpBuilder): void {
  m.problem.workloads.forEach((w, wi) => {
    if (w.kind !== 'training') return;
    const vars = trainingColumns(m, w, wi);
    m.assign.push(...vars);
    m.constraints.push({
      name: `assign_${wi}`,
      group: '',
      terms: vars.map((v) => ({ variable: v.variable, coef: 1 })),
      sense: '=',
      rhs: 1,
    });
    if (w.deadlineDays !== null) addDeadlineRow(m, w.id, wi, w.deadlineDays, vars);
    if (m.opts.makespanBound !== undefined) {
      m.constraints.push({
        name: `makespan_${wi}`,
        group: '',
        terms: vars.map((v) => ({ variable: v.variable, coef: v.completionDays })),
        sense: '<=',
        rhs: m.opts.makespanBound,
      });
    }
  });
}

function trainingColumns(m: MilpBuilder, w: TrainingWorkloadData, wi: number): AssignVar[] {
  const vars: AssignVar[] = [];
  for (const site of m.problem.sites) {
    if (w.sites.length && !w.sites.includes(site.id)) continue;
    const si = m.siteIndex.get(site.id)!;
    w.candidates.forEach((cand, ci) => {
      for (const fromInstalled of poolVariants(cand, site, m.optionById)) {
        const lead = Math.max(
          0,
          ...cand.pools.map((p, pi) => (fromInstalled[pi] ? 0 : m.optionById.get(p.optionId)!.leadTimeDays)),
        );
        if (m.opts.pruneLate && w.deadlineDays !== null && lead + cand.trainDays > w.deadlineDays + 1e-9)
          continue;
        const name = `y_${wi}_${si}_${ci}${fromInstalled.some(Boolean) ? `_i${fromInstalled.map(Number).join('')}` : ''}`;
        m.variables.push({ name, type: 'binary' });
        vars.push({
          variable: name,
          workload: w.id,
          site: site.id,
          candidate: cand,
          candidateIndex: ci,
          fromInstalled,
          completionDays: lead + cand.trainDays,
        });
        cand.pools.forEach((p, pi) => {
          m.addUsage(site.id, p.optionId, { variable: name, coef: p.devices }, fromInstalled[pi]!);
        });
      }
    });
  }
  return vars;
}

/** Late variants are off (or, elastic, the slack counts the days late). */
function addDeadlineRow(
  m: MilpBuilder,
  id: string,
  wi: number,
  deadlineDays: number,
  vars: readonly AssignVar[],
): void {
  const late = vars.filter((v) => v.completionDays > deadlineDays + 1e-9);
  if (!late.length) return;
  const info: GroupInfo = { name: groupName.deadline(id), kind: 'deadline', subject: id };
  if (m.opts.elastic === info.name) {
    // lateness >= sum (completion - deadline) y: the slack is days late.
    const slack = m.slack();
    m.groups.set(info.name, info);
    m.constraints.push({
      name: `deadline_${wi}`,
      group: info.name,
      terms: [
        { variable: slack, coef: 1 },
        ...late.map((v) => ({ variable: v.variable, coef: -(v.completionDays - deadlineDays) })),
      ],
      sense: '>=',
      rhs: 0,
    });
  } else
    m.addRow(
      {
        name: `deadline_${wi}`,
        group: info.name,
        terms: late.map((v) => ({ variable: v.variable, coef: 1 })),
        sense: '<=',
        rhs: 0,
      },
      info,
    );
}

/** r[w,s,i]: serving replicas whose output tokens/s meet the demand. */
export function addServingRows(m: MilpBuilder): void {
  m.problem.workloads.forEach((w, wi) => {
    if (w.kind !== 'serving') return;
    const terms: Array<{ variable: string; coef: number }> = [];
    for (const site of m.problem.sites) {
      if (w.sites.length && !w.sites.includes(site.id)) continue;
      const si = m.siteIndex.get(site.id)!;
      w.instances.forEach((inst, ii) => {
        const option = m.optionById.get(inst.optionId)!;
        if (!option.available && !(site.installed[option.id] ?? 0)) return;
        const name = `r_${wi}_${si}_${ii}`;
        m.variables.push({ name, type: 'integer', lb: 0 });
        m.replicas.push({ variable: name, workload: w.id, site: site.id, instanceIndex: ii });
        m.addUsage(site.id, inst.optionId, { variable: name, coef: inst.devices }, false);
        // Scaled to thousands of tokens/s to keep coefficients near 1.
        terms.push({ variable: name, coef: inst.outputTokensPerSecond / 1000 });
      });
    }
    const name = groupName.demand(w.id);
    m.addRow(
      { name: `demand_${wi}`, group: name, terms, sense: '>=', rhs: w.demandOutputTokensPerSecond / 1000 },
      { name, kind: 'demand', subject: w.id },
    );
  });
}

/**
 * For each pool of a candidate at a site, whether its devices come from the installed base: an option
 * that cannot be bought must use installed devices; an option with a lead time gets both variants
 * when enough devices are installed (the installed-only one starts at once).
 */
export function poolVariants(
  cand: TrainingCandidate,
  site: SiteData,
  options: ReadonlyMap<string, OptionData>,
): boolean[][] {
  let variants: boolean[][] = [[]];
  for (const pool of cand.pools) {
    const option = options.get(pool.optionId)!;
    const installed = site.installed[pool.optionId] ?? 0;
    const choices: boolean[] = [];
    if (option.available) choices.push(false);
    if (installed >= pool.devices && (!option.available || option.leadTimeDays > 0)) choices.push(true);
    variants = variants.flatMap((v) => choices.map((c) => [...v, c]));
  }
  return variants;
}
