/**
 * The server's compliance answers (status, trajectory, what-if), computed in a worker thread with
 * its own connection to the store. The thread keeps the inventory as a ComplianceTimeline with the
 * sites and rules, rebuilt only when the store's revision moves (one row read per request); an
 * answer is then a search per (site, hardware id) series, however many records there are. Building
 * the timeline of 100,000 records costs this thread, never the HTTP thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Catalog } from '../core/catalog/catalog';
import { effectiveRules, evaluateCompliance } from '../core/compliance/evaluate';
import { ComplianceTimeline } from '../core/compliance/timeline';
import { complianceTrajectory } from '../core/compliance/trajectory';
import type { ComplianceSite } from '../core/compliance/types';
import { statusView, trajectoryView, whatIfView } from '../core/compliance/view';
import { whatIf } from '../core/compliance/what-if';
import { apiIssues } from '../core/contract';
import type { Rule } from '../core/policy/schema';
import { formatIssue } from '../core/result';
import { renderHtml } from '../report/html';
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

async function handle(request: ReaderRequest): Promise<ReaderReply> {
  const input = { ...(await snapshot()), catalog };
  switch (request.kind) {
    case 'status':
      return { status: 200, body: statusView(evaluateCompliance(input, request)) };
    case 'trajectory':
      return { status: 200, body: trajectoryView(complianceTrajectory(input, request)) };
    case 'what-if': {
      const result = whatIf(input, request, request);
      if (!result.ok)
        return {
          status: 400,
          body: { error: formatIssue(result.issues[0]!), issues: apiIssues(result.issues) },
        };
      return { status: 200, body: whatIfView(result.value) };
    }
    case 'report': {
      const status = evaluateCompliance(input, { asOf: request.asOf });
      const trajectory = complianceTrajectory(input, { from: request.from, to: request.to });
      const report = {
        status,
        trajectory,
        rules: [...effectiveRules(input.rules)],
        usingDefaultRule: input.rules.length === 0,
        generatedAt: request.generatedAt,
      };
      return { status: 200, body: { html: renderHtml(report, { lang: request.lang }) } };
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
