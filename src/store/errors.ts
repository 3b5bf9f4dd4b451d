/** Store failures a user can act on. The CLI maps them to one line and exit code 2. */

/** An optimistic-locking conflict: the row changed between read and write. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    readonly entity: string,
    readonly entityId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | null,
  ) {
    super(
      actualVersion === null
        ? `${entity} ${entityId} was deleted since you read it (version ${expectedVersion}); nothing was written`
        : `${entity} ${entityId}: the record changed since you read it (you had version ${expectedVersion}, it is now ${actualVersion}); re-read it and retry, nothing was written`,
    );
  }
}

/** A record the store refuses to hold (a bound of the schema broken by a caller that skipped it). */
export class InvalidRecordError extends Error {
  override readonly name = 'InvalidRecordError';
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(
    readonly entity: string,
    readonly entityId: string,
  ) {
    super(`no ${entity} ${entityId}`);
  }
}
