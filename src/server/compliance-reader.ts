/**
 * The server's compliance answers (status, trajectory, what-if), computed in a worker thread with
 * its own connection to the store. The thread keeps the inventory as a ComplianceTimeline with the
 * sites and rules, rebuilt only when the store's revision moves (one row read per request); an
 * answer is then a search per (site, hardware id) series, however many records there are. Building
 * the timeline of 100,000 records costs this thread, never the HTTP thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Catalog } from '../core/catalog/catalog';
import { type ComplianceResult, evaluateCompliance } from '../core/compliance/evaluate';
import { ComplianceTimeline } from '../core/compliance/timeline';
import { complianceTrajectory } from '../core/compliance/trajectory';
import type { ComplianceSite } from '../core/compliance/types';
import { whatIf } from '../core/compliance/what-if';
import type { RuleOutcome } from '../core/policy/evaluate';
import type { Rule } from '../core/policy/schema';
import { storeRevision } from '../store/changelog';
import { complianceChanges } from '../store/compliance';
import { describeStoreFailure } from '../store/errors';
import { openStore, type Store, type StoreLocation } from '../store/open';
import { activeRules } from '../store/policies';
import { listSites } from '../store/sites';
import type { ReaderReply, ReaderRequest } from './compliance';
import { serveRequests } from './worker-spawn';

const { store: location, catalog } = workerData as { store: StoreLocation; catalog: Catalog };
let opened: Promise<Store> | null = null;
const store = () => {
  opened ??= openStore(
    location.kind === 'postgres'
      ? { url: location.url, env: {} }
      : { dataDir: location.file.replace(/[\\/]chipmix\.db$/, ''), env: {} },
  );
  return opened;
};

interface Snapshot {
  readonly revision: number;
  readonly sites: ComplianceSite[];
  readonly records: ComplianceTimeline;
  readonly rules: Rule[];
}
let cached: Snapshot | null = null;

/** Sites, rules and the timeline as of the store's current revision (read again only when it moved). */
async function snapshot(): Promise<Snapshot> {
  const db = (await store()).db;
  // the revision first: data read after it may be newer (refreshed next time), never older
  const revision = await storeRevision(db);
  if (cached?.revision === revision) return cached;
  const [sites, changes, rules] = await Promise.all([listSites(db), complianceChanges(db), activeRules(db)]);
  cached = { revision, sites, records: ComplianceTimeline.fromChanges(changes), rules };
  return cached;
}

const ruleJson = (r: RuleOutcome) => ({
  id: r.id,
  metric: r.metric,
  comparator: r.comparator,
  threshold: r.threshold,
  pass: r.pass,
});

/** The same JSON shape as `chipmix comply status --json`, plus the overall verdict and warnings. */
const statusJson = (r: ComplianceResult) => ({
  asOf: r.asOf,
  basis: r.basis,
  compliant: r.compliant,
  organisation: {
    shares: r.organisation.shares,
    packages: r.organisation.packages,
    rules: r.organisation.rules.map(ruleJson),
  },
  sites: r.sites.map((s) => ({
    site: s.site,
    shares: s.shares,
    packages: s.packages,
    rules: s.rules.map(ruleJson),
    notApplicable: s.notApplicable,
  })),
  warnings: r.warnings,
});

async function handle(request: ReaderRequest): Promise<ReaderReply> {
  const input = { ...(await snapshot()), catalog };
  switch (request.kind) {
    case 'status':
      return { status: 200, body: statusJson(evaluateCompliance(input, request)) };
    case 'trajectory': {
      const t = complianceTrajectory(input, request);
      return {
        status: 200,
        body: { from: t.from, to: t.to, basis: t.basis, points: t.points.map(statusJson) },
      };
    }
    case 'what-if': {
      const unknown = request.add
        .map((a, i) => ({ a, i }))
        .filter(({ a }) => !catalog.chips.has(a.hardwareId) && !catalog.systems.has(a.hardwareId));
      const issues = unknown.map(({ a, i }) => ({
        path: `add.${i}.hardwareId`,
        message: `unknown catalog id "${a.hardwareId.length > 60 ? `${a.hardwareId.slice(0, 60)}…` : a.hardwareId}"`,
      }));
      const result = issues.length === 0 ? whatIf(input, request, request) : null;
      if (result && !result.ok)
        issues.push(...result.issues.map((i) => ({ path: i.path, message: i.message })));
      if (!result?.ok)
        return {
          status: 400,
          body: { error: issues.map((i) => `${i.path}: ${i.message}`)[0] ?? '', issues },
        };
      return {
        status: 200,
        body: { before: statusJson(result.value.before), after: statusJson(result.value.after) },
      };
    }
  }
}

serveRequests<ReaderRequest, ReaderReply>(
  parentPort!,
  async (request) => {
    try {
      return await handle(request);
    } catch (error) {
      const failure = describeStoreFailure(
        error,
        location.kind === 'postgres' ? 'the PostgreSQL store' : location.file,
      );
      if (failure) return { status: 503, body: { error: failure.message } };
      return {
        status: 500,
        body: { error: 'internal error' },
        internal: error instanceof Error ? (error.stack ?? error.message) : String(error),
      };
    }
  },
  async () => {
    if (opened) await (await opened.catch(() => null))?.close();
  },
);
