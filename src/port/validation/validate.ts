/**
 * `chipmix port validate`: the committed cases, leave-one-out errors and coverage, and whether the
 * committed calibration is what a re-fit on the cases gives (pure; the cases are bundled data).
 */
import { PORT_CALIBRATION } from '../calibration-fitted';
import { fitInput, loadCases, type PortCase } from './cases';
import { type LooCase, validate } from './fit';
import { historyAccountsForCode, MAX_LINES_PER_AUTHOR_DAY } from './history';

export interface ValidationReport {
  readonly cases: readonly (LooCase & { target: string; title: string; unitsLeft: number; kloc: number })[];
  readonly excluded: readonly { id: string; reason: string }[];
  readonly medianAbsError: number;
  readonly medianErrorFactor: number;
  readonly inside: number;
  readonly overlaps: number;
  readonly refit: ReturnType<typeof validate>['calibration'];
  /** The committed calibration equals the re-fit (to 3 significant digits). */
  readonly reproducible: boolean;
  readonly commitsPerAuthorDay: number;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-3 * Math.max(Math.abs(a), Math.abs(b), 1e-9);

export function usableCases(cases: readonly PortCase[]): {
  used: PortCase[];
  excluded: { id: string; reason: string }[];
} {
  const used: PortCase[] = [];
  const excluded: { id: string; reason: string }[] = [];
  for (const c of cases) {
    if (historyAccountsForCode(c.evidence)) used.push(c);
    else {
      const lines = c.evidence.linesAdded + c.evidence.linesDeleted;
      excluded.push({
        id: c.id,
        reason: `${lines} changed lines over ${c.evidence.authorDays} visible author-days (more than ${MAX_LINES_PER_AUTHOR_DAY} a day): the history does not show the work`,
      });
    }
  }
  return { used, excluded };
}

export function validatePorts(): ValidationReport {
  const file = loadCases();
  const { used, excluded } = usableCases(file.cases);
  const v = validate(used.map(fitInput));
  const byId = new Map(used.map((c) => [c.id, c] as const));
  const c = PORT_CALIBRATION;
  const r = v.calibration;
  return {
    cases: v.cases.map((l) => {
      const k = byId.get(l.id)!;
      return {
        ...l,
        target: k.target,
        title: k.title,
        unitsLeft: k.inputs.unitsLeft,
        kloc: k.inputs.productSourceLines / 1000,
      };
    }),
    excluded,
    medianAbsError: v.medianAbsError,
    medianErrorFactor: v.medianErrorFactor,
    inside: v.inside,
    overlaps: v.overlaps,
    refit: r,
    reproducible:
      close(c.baselineDaysPerKloc, r.baselineDaysPerKloc) &&
      close(c.baselineExponent, r.baselineExponent) &&
      close(c.kernelScale, r.kernelScale) &&
      close(c.tritonScale, r.tritonScale) &&
      close(c.otherScale, r.otherScale) &&
      close(c.bandFactor, r.bandFactor),
    commitsPerAuthorDay: file.commitsPerAuthorDay,
  };
}
