/** Sites: created on first mention by an import, edited with optimistic locking. */
import type { Kysely } from 'kysely';
import { type SiteAttributes, type StoredSite, siteNameSchema, TEXT_LIMITS } from '../core/inventory/records';
import { DEFAULT_SITE_ATTRIBUTES } from '../core/inventory/site-defaults';
import { say } from '../core/messages/say';
import { logChanges } from './changelog';
import type { WriteContext } from './context';
import { ConflictError, InvalidRecordError, NotFoundError } from './errors';
import type { Database, SiteTable } from './schema';

export function siteFromRow(row: SiteTable): StoredSite {
  return {
    name: row.name,
    region: row.region,
    stateFunded: row.state_funded === 1,
    projectCompletionPct: row.project_completion_pct === null ? null : Number(row.project_completion_pct),
    commissioningDate: row.commissioning_date,
    notes: row.notes,
    version: row.version,
  };
}

function attributeColumns(a: SiteAttributes) {
  return {
    region: a.region,
    state_funded: a.stateFunded ? 1 : 0,
    project_completion_pct: a.projectCompletionPct,
    commissioning_date: a.commissioningDate,
    notes: a.notes,
  };
}

export async function listSites(db: Kysely<Database>): Promise<StoredSite[]> {
  const rows = await db.selectFrom('sites').selectAll().orderBy('name').execute();
  return rows.map(siteFromRow);
}

export async function getSite(db: Kysely<Database>, name: string): Promise<StoredSite | null> {
  const row = await db.selectFrom('sites').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? siteFromRow(row) : null;
}

/** A site's region and notes within the snapshot's limits, whoever writes them (the same in both stores). */
function checkSiteText(name: string, site: Partial<SiteAttributes>): void {
  for (const field of ['region', 'notes'] as const) {
    const value = site[field];
    if (typeof value === 'string' && value.length > TEXT_LIMITS[field])
      throw new InvalidRecordError(
        `site "${name}": ${field} ${say('record.too-long', { max: TEXT_LIMITS[field] })}; nothing was written`,
      );
  }
}

/**
 * Creates sites that do not exist yet (defaults: not state-funded, completion unknown), by
 * `INSERT ... ON CONFLICT DO NOTHING`: a writer that creates the same new site at the same moment
 * makes this one skip it rather than fail on the key (PostgreSQL waits for that writer's commit).
 * Only the sites this call created are returned and logged.
 */
export async function createSites(
  db: Kysely<Database>,
  ctx: WriteContext,
  sites: ReadonlyArray<{ name: string } & Partial<SiteAttributes>>,
): Promise<StoredSite[]> {
  const wanted = new Map<string, StoredSite>();
  for (const site of sites) {
    // every writer (the CLI's `inventory site`, the importers) meets the snapshot's rule: an export re-imports
    const named = siteNameSchema.safeParse(site.name);
    if (!named.success)
      throw new InvalidRecordError(`site "${site.name}": ${named.error.issues[0]!.message}`);
    checkSiteText(site.name, site);
  }
  for (const site of sites)
    if (!wanted.has(site.name)) wanted.set(site.name, { ...DEFAULT_SITE_ATTRIBUTES, ...site, version: 1 });
  const createdNames = new Set<string>();
  const list = [...wanted.values()];
  // 10 columns x 500 rows: under both dialects' bound-parameter limits
  for (let i = 0; i < list.length; i += 500) {
    const rows = await db
      .insertInto('sites')
      .values(
        list.slice(i, i + 500).map((stored) => ({
          name: stored.name,
          organisation_id: 'default',
          ...attributeColumns(stored),
          version: 1,
          created_at: ctx.at,
          updated_at: ctx.at,
        })),
      )
      .onConflict((oc) => oc.column('name').doNothing())
      .returning('name')
      .execute();
    for (const row of rows) createdNames.add(row.name);
  }
  // in the order given (RETURNING promises no order)
  const created = list.filter((site) => createdNames.has(site.name));
  await logChanges(
    db,
    ctx,
    created.map((s) => ({ entity: 'site', entityId: s.name, action: 'create', before: null, after: s })),
  );
  return created;
}

/**
 * Updates a site if it is still at `expectedVersion`; otherwise throws ConflictError and writes nothing.
 */
export async function updateSite(
  db: Kysely<Database>,
  ctx: WriteContext,
  name: string,
  expectedVersion: number,
  patch: Partial<SiteAttributes>,
): Promise<StoredSite> {
  const before = await getSite(db, name);
  if (!before) throw new NotFoundError('site', name);
  checkSiteText(name, patch);
  const after: StoredSite = { ...before, ...patch, version: expectedVersion + 1 };
  const result = await db
    .updateTable('sites')
    .set({ ...attributeColumns(after), version: after.version, updated_at: ctx.at })
    .where('name', '=', name)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new ConflictError('site', name, expectedVersion, (await getSite(db, name))?.version ?? null);
  }
  await logChanges(db, ctx, [{ entity: 'site', entityId: name, action: 'update', before, after }]);
  return after;
}

/** Deletes a site that no record refers to any more, if it is still at `expectedVersion` (undo). */
export async function deleteSite(
  db: Kysely<Database>,
  ctx: WriteContext,
  name: string,
  expectedVersion: number,
): Promise<void> {
  const before = await getSite(db, name);
  if (!before) throw new NotFoundError('site', name);
  const result = await db
    .deleteFrom('sites')
    .where('name', '=', name)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1)
    throw new ConflictError('site', name, expectedVersion, (await getSite(db, name))?.version ?? null);
  await logChanges(db, ctx, [{ entity: 'site', entityId: name, action: 'delete', before, after: null }]);
}
