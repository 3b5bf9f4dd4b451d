/** Who and when for a write; every write of one command shares a batch id in the change log. */
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';

export interface WriteContext {
  readonly actor: string;
  /** ISO 8601 UTC. */
  readonly at: string;
  readonly batch: string;
}

/** A context for a command: actor from CHIPMIX_ACTOR, else the OS user. */
export function writeContext(
  actor?: string,
  env: Record<string, string | undefined> = process.env,
): WriteContext {
  return { actor: actor ?? env.CHIPMIX_ACTOR ?? osUser(), at: new Date().toISOString(), batch: newId('b') };
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A short random id, `prefix_` + 12 base-32 characters (60 bits). */
export function newId(prefix: string): string {
  const bytes = randomBytes(12);
  let out = `${prefix}_`;
  for (const byte of bytes) out += ALPHABET[byte & 31];
  return out;
}
