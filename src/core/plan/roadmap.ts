/**
 * Roadmap plans (docs/PLANNER.md#roadmap-plans): the periods, each option's purchase window and
 * supply cap, each workload's periods and each rule's periods in force, derived from the scenario and
 * the catalog's roadmap dates. Pure date arithmetic on ISO days (no clock).
 */

import { availableFromDate } from '../catalog/availability';
import type { Catalog } from '../catalog/catalog';
import { ruleInForce } from '../policy/evaluate';
import type { OptionData, PeriodData, RoadmapData, RuleBinding } from './problem';
import { periodDate, type Scenario } from './scenario';

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.25;
/**
 * Hours in a planning year: 365.25 days, the mean calendar year with its leap days, so that a
 * multi-year horizon or a run of roadmap periods counts the leap days it spans on average. The one
 * constant for the energy of single-period plans (horizonYears) and of roadmap periods alike.
 */
export const HOURS_PER_YEAR = YEAR_DAYS * 24;

/** Days from ISO day `a` to ISO day `b`. */
export function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS;
}

export function periodsOf(scenario: Scenario): PeriodData[] {
  const raw = scenario.periods ?? [];
  const dates = raw.map(periodDate);
  const first = dates[0]!;
  // Years as years (2027 is one year after 2026, whatever the leap days); dates by days / 365.25.
  const starts = dates.map((d, i) =>
    typeof raw[i] === 'number' && typeof raw[0] === 'number'
      ? (raw[i] as number) - (raw[0] as number)
      : daysBetween(first, d) / YEAR_DAYS,
  );
  return dates.map((date, i) => {
    const next = starts[i + 1];
    const length = next !== undefined ? next - starts[i]! : i > 0 ? starts[i]! - starts[i - 1]! : 1;
    return { label: String(raw[i]), date, startYears: starts[i]!, lengthYears: length };
  });
}

/** The index of the period that holds `date` (the first period when the date is before all). */
export function periodOf(periods: readonly PeriodData[], date: string): number {
  let at = 0;
  periods.forEach((p, i) => {
    if (p.date <= date) at = i;
  });
  return at;
}

/**
 * A roadmap's training deadlines are dates: `deadlineDays` becomes the days from the job's start (or
 * the first period) to its deadline, so the candidate search and the deadline rows read one number.
 */
export function withDeadlineDays(scenario: Scenario): Scenario {
  const first = periodDate(scenario.periods![0]!);
  return {
    ...scenario,
    workloads: scenario.workloads.map((w) =>
      w.kind === 'training' && w.deadline !== undefined
        ? { ...w, deadlineDays: Math.max(1, daysBetween(w.start ?? first, w.deadline)) }
        : w,
    ),
  };
}

export function roadmapData(
  scenario: Scenario,
  catalog: Catalog,
  options: readonly OptionData[],
  rules: readonly RuleBinding[],
): RoadmapData {
  const periods = periodsOf(scenario);
  const listed = new Map(scenario.hardware.map((h) => [h.id, h]));
  const optionWindows: Record<string, RoadmapData['options'][string]> = {};
  for (const o of options) {
    const given = listed.get(o.id);
    const from = given?.availableFrom ?? catalogAvailableFrom(catalog, o);
    const until = given?.availableUntil;
    const open = periods
      .map((p, i) => ({ p, i }))
      .filter(
        ({ p }) =>
          o.available && (from === null || p.date >= from) && (until === undefined || p.date < until),
      )
      .map(({ i }) => i);
    optionWindows[o.id] = {
      periods: open,
      maxDevicesPerPeriod: given?.maxDevicesPerPeriod ?? null,
      priceDeclinePerYear: given?.priceDeclinePerYear ?? scenario.priceDeclinePerYear ?? 0,
    };
  }
  const workloadPeriods: Record<string, number[]> = {};
  for (const w of scenario.workloads) {
    const start = w.start ? periodOf(periods, w.start) : 0;
    workloadPeriods[w.id] =
      w.kind === 'training' ? [start] : periods.map((_, i) => i).filter((i) => i >= start);
  }
  return {
    periods,
    lifetimeYears: scenario.lifetimeYears ?? null,
    discountRate: scenario.discountRate ?? 0,
    options: optionWindows,
    workloadPeriods,
    rulePeriods: rules.map((b) =>
      periods.map((p, i) => (ruleInForce(b.rule, p.date) ? i : -1)).filter((i) => i >= 0),
    ),
  };
}

/** The catalog's roadmap date of the option's system or chip (null: no date, buyable throughout). */
function catalogAvailableFrom(catalog: Catalog, o: OptionData): string | null {
  const system = catalog.systems.get(o.id);
  return (
    availableFromDate(system?.availableFrom) ?? availableFromDate(catalog.chips.get(o.chipId)?.availableFrom)
  );
}

/** Whether devices bought in period `bought` are still in service in period `at`. */
export function inService(roadmap: RoadmapData, bought: number, at: number): boolean {
  if (at < bought) return false;
  if (roadmap.lifetimeYears === null) return true;
  const age = roadmap.periods[at]!.startYears - roadmap.periods[bought]!.startYears;
  return age < roadmap.lifetimeYears - 1e-9;
}

/** Present-value factor of money spent `years` after the first period. */
export function discount(roadmap: RoadmapData, years: number): number {
  return (1 + roadmap.discountRate) ** -years;
}
