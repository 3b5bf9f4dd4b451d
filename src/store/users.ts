/** Users with roles, and API tokens stored only as SHA-256 hashes. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { logChanges } from './changelog';
import { newId, type WriteContext } from './context';
import { ConflictError, NotFoundError } from './errors';
import type { Database } from './schema';

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface StoredUser {
  readonly name: string;
  readonly role: Role;
  readonly version: number;
}

export async function createUser(
  db: Kysely<Database>,
  ctx: WriteContext,
  name: string,
  role: Role,
): Promise<StoredUser> {
  await db
    .insertInto('users')
    .values({ name, role, version: 1, created_at: ctx.at, updated_at: ctx.at })
    .execute();
  const user: StoredUser = { name, role, version: 1 };
  await logChanges(db, ctx, [
    { entity: 'user', entityId: name, action: 'create', before: null, after: user },
  ]);
  return user;
}

export async function getUser(db: Kysely<Database>, name: string): Promise<StoredUser | null> {
  const row = await db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? { name: row.name, role: row.role as Role, version: row.version } : null;
}

export async function setUserRole(
  db: Kysely<Database>,
  ctx: WriteContext,
  name: string,
  expectedVersion: number,
  role: Role,
): Promise<StoredUser> {
  const before = await getUser(db, name);
  if (!before) throw new NotFoundError('user', name);
  const result = await db
    .updateTable('users')
    .set({ role, version: expectedVersion + 1, updated_at: ctx.at })
    .where('name', '=', name)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new ConflictError('user', name, expectedVersion, (await getUser(db, name))?.version ?? null);
  }
  const after: StoredUser = { name, role, version: expectedVersion + 1 };
  await logChanges(db, ctx, [{ entity: 'user', entityId: name, action: 'update', before, after }]);
  return after;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a token for `userName`; the returned plaintext is shown once and never stored. */
export async function createApiToken(
  db: Kysely<Database>,
  ctx: WriteContext,
  userName: string,
  label: string | null = null,
): Promise<{ id: string; token: string }> {
  if (!(await getUser(db, userName))) throw new NotFoundError('user', userName);
  const id = newId('tok');
  const token = `chipmix_${randomBytes(24).toString('base64url')}`;
  await db
    .insertInto('api_tokens')
    .values({
      id,
      user_name: userName,
      label,
      token_hash: hashToken(token),
      created_at: ctx.at,
      revoked_at: null,
    })
    .execute();
  // The log records the token's id and owner, never the token or its hash.
  await logChanges(db, ctx, [
    { entity: 'api_token', entityId: id, action: 'create', before: null, after: { id, userName, label } },
  ]);
  return { id, token };
}

/** The user a token belongs to, or null for an unknown or revoked token. */
export async function verifyApiToken(db: Kysely<Database>, token: string): Promise<StoredUser | null> {
  const hash = hashToken(token);
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.name', 'api_tokens.user_name')
    .select(['users.name', 'users.role', 'users.version', 'api_tokens.token_hash', 'api_tokens.revoked_at'])
    .where('api_tokens.token_hash', '=', hash)
    .executeTakeFirst();
  // The lookup is by hash (an index); the final equality is constant-time on equal-length digests.
  const expected = Buffer.from(row?.token_hash ?? '0'.repeat(64), 'hex');
  const given = Buffer.from(hash, 'hex');
  const same = expected.length === given.length && timingSafeEqual(expected, given);
  if (!row || !same || row.revoked_at !== null) return null;
  return { name: row.name, role: row.role as Role, version: row.version };
}

export async function revokeApiToken(db: Kysely<Database>, ctx: WriteContext, id: string): Promise<void> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: ctx.at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new NotFoundError('active api token', id);
  await logChanges(db, ctx, [
    {
      entity: 'api_token',
      entityId: id,
      action: 'update',
      before: { revokedAt: null },
      after: { revokedAt: ctx.at },
    },
  ]);
}
