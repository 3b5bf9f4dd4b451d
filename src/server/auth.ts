/**
 * Access control. `none`: no login (allowed only on a loopback bind, enforced by the Node entry).
 * `token`: every /api call carries `Authorization: Bearer <token>`; the token is hashed (SHA-256, as
 * stored) and the stored hash compared in constant time. Roles: viewer reads and computes, editor
 * also writes the inventory, admin also reads the change log and changes the compliance rules
 * (policies), by any route: an inventory import that carries policies is checked again there.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import { ROLES, type Role, verifyApiToken } from '../store/users';

export type AuthMode = 'none' | 'token';

export interface AuthConfig {
  readonly mode: AuthMode;
}

export interface Principal {
  readonly name: string;
  readonly role: Role;
}

/** The principal used when auth is off: a local user who may do everything. */
export const LOCAL_PRINCIPAL: Principal = { name: 'local', role: 'admin' };

export const roleAtLeast = (role: Role, needed: Role): boolean =>
  ROLES.indexOf(role) >= ROLES.indexOf(needed);

/** The bearer token of an Authorization header, or null. */
export function bearerToken(header: string | undefined): string | null {
  // the scheme is case-insensitive (RFC 9110 §11.1): `bearer x` is `Bearer x`
  const match = /^Bearer\s+([A-Za-z0-9_\-.~+/=]{8,200})$/i.exec(header?.trim() ?? '');
  return match ? match[1]! : null;
}

/** The user a token belongs to, or null (unknown or revoked): the store's one token check. */
export async function verifyToken(db: Kysely<Database>, token: string): Promise<Principal | null> {
  const user = await verifyApiToken(db, token);
  return user && { name: user.name, role: user.role };
}

/** Whether the store holds at least one active token (a non-loopback server needs one to be usable). */
export async function hasActiveToken(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('api_tokens')
    .select('id')
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** The least role a request needs: reads and what-if computations are viewer, writes editor. */
export function neededRole(method: string, path: string): Role {
  if (path.startsWith('/api/changes')) return 'admin';
  // every user's jobs, for an admin to find one to cancel
  if (path === '/api/jobs') return 'admin';
  if (/^\/api\/(policies|rules)(\/|$)/.test(path) && method !== 'GET' && method !== 'HEAD') return 'admin';
  if (method === 'GET' || method === 'HEAD') return 'viewer';
  // POSTs that only compute (no store write) and cancelling one's own job
  if (
    /^\/api\/(train\/(estimate|search)|infer\/estimate|compare|compliance\/what-if|plan|plan\/validate)$/.test(
      path,
    )
  )
    return 'viewer';
  if (method === 'DELETE' && path.startsWith('/api/jobs/')) return 'viewer';
  return 'editor';
}
