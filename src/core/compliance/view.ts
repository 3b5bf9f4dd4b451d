/**
 * The one JSON shape of each compliance answer (described by the schemas in ./contract.ts), built
 * from the core's results. Kept free of zod so that `chipmix comply status` starts fast.
 */
import type { RuleOutcome } from '../policy/evaluate';
import type { StatusView, TrajectoryView, WhatIfView } from './contract';
import type { ComplianceResult } from './evaluate';
import type { Trajectory } from './trajectory';
import type { WhatIfResult } from './what-if';

export type { StatusView, TrajectoryView, WhatIfRequest, WhatIfView } from './contract';

const ruleVerdict = (r: RuleOutcome) => ({
  id: r.id,
  metric: r.metric,
  comparator: r.comparator,
  threshold: r.threshold,
  share: r.share,
  pass: r.pass,
});

/** The one JSON shape of a compliance status. */
export function statusView(r: ComplianceResult): StatusView {
  return {
    asOf: r.asOf,
    basis: r.basis,
    compliant: r.compliant,
    verdict: r.verdict,
    organisation: {
      shares: r.organisation.shares,
      packages: r.organisation.packages,
      rules: r.organisation.rules.map(ruleVerdict),
    },
    sites: r.sites.map((s) => ({
      site: s.site,
      shares: s.shares,
      packages: s.packages,
      rules: s.rules.map(ruleVerdict),
      notApplicable: s.notApplicable,
    })),
    warnings: r.warnings,
  };
}

export const trajectoryView = (t: Trajectory): TrajectoryView => ({
  from: t.from,
  to: t.to,
  basis: t.basis,
  points: t.points.map(statusView),
});

export const whatIfView = (w: WhatIfResult): WhatIfView => ({
  before: statusView(w.before),
  after: statusView(w.after),
});
