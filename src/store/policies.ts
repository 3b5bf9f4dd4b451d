/**
 * Policies: versioned documents of rules. Adding a policy whose id exists stores the next version;
 * evaluation uses the latest version of each policy (rules carry their own effective dates, so
 * history of the regulation lives in the rules and history of our configuration in the versions).
 */
import type { Kysely } from 'kysely';
import { MAX_VERSION } from '../core/compliance/types';
import type { PolicyVersion } from '../core/inventory/records';
import type { PolicyFile, Rule } from '../core/policy/schema';
import { logChanges } from './changelog';
import type { WriteContext } from './context';
import { InvalidRecordError } from './errors';
import type { Database } from './schema';

/** A stored policy version. */
export type StoredPolicy = PolicyVersion;

export async function addPolicy(
  db: Kysely<Database>,
  ctx: WriteContext,
  document: PolicyFile,
): Promise<StoredPolicy> {
  const latest = await db
    .selectFrom('policies')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('id', '=', document.id)
    .executeTakeFirst();
  const version = Number(latest?.v ?? 0) + 1;
  if (version > MAX_VERSION)
    throw new InvalidRecordError(
      `policy ${document.id}: version ${version} is above ${MAX_VERSION}, the largest a store keeps; nothing was written`,
    );
  await db
    .insertInto('policies')
    .values({
      id: document.id,
      version,
      document: JSON.stringify(document),
      created_at: ctx.at,
      created_by: ctx.actor,
    })
    .execute();
  await logChanges(db, ctx, [
    {
      entity: 'policy',
      entityId: `${document.id}@${version}`,
      action: 'create',
      before: null,
      after: document,
    },
  ]);
  return { id: document.id, version, document, createdAt: ctx.at, createdBy: ctx.actor };
}

/** Every version of every policy, oldest first. */
export async function listPolicyVersions(db: Kysely<Database>): Promise<StoredPolicy[]> {
  const rows = await db.selectFrom('policies').selectAll().orderBy('id').orderBy('version').execute();
  // The schema (and zod) is loaded only when there is a document to read: most stores run on the
  // default rule, and `comply status` should not pay for the parser.
  if (rows.length === 0) return [];
  const { policyFileSchema } = await import('../core/policy/schema');
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    // Stored documents were validated on the way in; parse again so defaults apply uniformly.
    document: policyFileSchema.parse(JSON.parse(r.document)),
    createdAt: r.created_at,
    createdBy: r.created_by,
  }));
}

/** The latest version of each policy. */
export async function listPolicies(db: Kysely<Database>): Promise<StoredPolicy[]> {
  const latest = new Map<string, StoredPolicy>();
  for (const p of await listPolicyVersions(db)) latest.set(p.id, p);
  return [...latest.values()];
}

/** The rules of the latest version of every policy; empty when none is configured. */
export async function activeRules(db: Kysely<Database>): Promise<Rule[]> {
  return (await listPolicies(db)).flatMap((p) => p.document.rules);
}

/** Removes one policy version (undo of the import that added it); logged with everything to restore it. */
export async function removePolicyVersion(
  db: Kysely<Database>,
  ctx: WriteContext,
  id: string,
  version: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('policies')
    .selectAll()
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) return false;
  await db.deleteFrom('policies').where('id', '=', id).where('version', '=', version).execute();
  const before: PolicyVersion = {
    id,
    version,
    createdAt: row.created_at,
    createdBy: row.created_by,
    document: JSON.parse(row.document) as PolicyFile,
  };
  await logChanges(db, ctx, [
    { entity: 'policy', entityId: `${id}@${version}`, action: 'delete', before, after: null },
  ]);
  return true;
}

/** The stored document of one policy version, or null. */
export async function getPolicyVersion(
  db: Kysely<Database>,
  id: string,
  version: number,
): Promise<PolicyFile | null> {
  const row = await db
    .selectFrom('policies')
    .select('document')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? (JSON.parse(row.document) as PolicyFile) : null;
}

/**
 * Writes one policy version exactly as given (id, version, author, date), logged once: a snapshot's
 * import, or putting back a removed version (undo of an undo).
 */
export async function insertPolicyVersion(
  db: Kysely<Database>,
  ctx: WriteContext,
  record: PolicyVersion,
): Promise<void> {
  await db
    .insertInto('policies')
    .values({
      id: record.id,
      version: record.version,
      document: JSON.stringify(record.document),
      created_at: record.createdAt,
      created_by: record.createdBy,
    })
    .execute();
  await logChanges(db, ctx, [
    {
      entity: 'policy',
      entityId: `${record.id}@${record.version}`,
      action: 'create',
      before: null,
      after: record.document,
    },
  ]);
}

/** Puts back a removed policy version exactly (undo of an undo). */
export const restorePolicyVersion = insertPolicyVersion;
