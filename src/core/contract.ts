/**
 * What every use case's contract shares. A use case (train estimate, plan, comply status, ...) has one
 * request schema and one response schema, in the core beside the use case; the CLI turns its options
 * into that request, the HTTP API validates its body with it, the web worker imports it, and the
 * OpenAPI document is generated from the same schemas. This module holds the pieces they share: the
 * error body, dates, and turning a failed parse into coded issues.
 */
import { z } from 'zod';
import { isIsoDate } from './iso-date';
import { say } from './messages/say';
import { fail, type Issue, ok, type Result } from './result';

/**
 * One problem of a request, for an API client: what rule it broke (`code`: zod's issue code, `too_big`,
 * `invalid_type`, ..., or the core's own, `unknown_id`, `no_fit`, ...), a dotted path (`layout.tp`) and one line.
 */
export const issueSchema = z.strictObject({ code: z.string(), path: z.string(), message: z.string() });
export type ApiIssue = z.output<typeof issueSchema>;

/** Every 4xx/5xx body: one line for people, and the precise problems when there are several. */
export const errorSchema = z.strictObject({
  error: z.string(),
  issues: z.array(issueSchema).optional(),
});

/** A calendar date YYYY-MM-DD: the pattern, and a day that exists (2025-02-30 was read as 2 March). */
export const isoDate = z
  .string()
  // not in the YYYY-MM-DD form: that one issue (`tomorrow` is not also 'a date that does not exist')
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: say('request.date'), abort: true })
  .refine(isIsoDate, { error: () => say('request.calendar-date') });

/** A message may quote a key or value the client sent: each line stays readable. */
const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

const dotted = (path: ReadonlyArray<PropertyKey>) => clip(path.map(String).join('.'));

/** zod issues as `{ path, message }` (path dotted, `layout.tp`), at most 100. */
export function zodIssues(error: z.ZodError): ApiIssue[] {
  return error.issues
    .slice(0, 100)
    .map((i) => ({ code: i.code, path: dotted(i.path), message: clip(i.message) }));
}

/** Core issues (code, path, message) as API issues. */
export const apiIssues = (issues: readonly Issue[]): ApiIssue[] =>
  issues.map((i) => ({ code: i.code, path: i.path, message: i.message }));

/** Runs a use case's request schema: the parsed request, or issues with dotted paths. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return fail(
    ...parsed.error.issues
      .slice(0, 100)
      .map((i) => ({ code: i.code, path: dotted(i.path), message: clip(i.message) })),
  );
}

/** 10000000 as 10,000,000 (toLocaleString costs a millisecond a call, and schemas are built at start-up). */
export const grouped = (n: number) => (n >= 1e15 ? String(n) : String(n).replace(/\B(?=(\d{3})+$)/g, ','));

/** A positive whole number, with the message every adapter shows (`--tp: expected a positive integer`). */
export const positiveInt = (max = Number.MAX_SAFE_INTEGER) =>
  z
    .number({ error: say('request.positive-int') })
    // the bound first: a whole number past 2^53 fails zod's (safe) integer check too, and "at most" is the rule broken
    .max(max, { error: say('request.at-most', { max: grouped(max) }), abort: true })
    .int({ error: say('request.positive-int') })
    .positive({ error: say('request.positive-int') });

export const positiveNumber = (max = Number.MAX_VALUE) =>
  z
    .number({ error: say('request.positive-number') })
    .positive({ error: say('request.positive-number') })
    .finite({ error: say('request.positive-number') })
    .max(max, { error: say('request.at-most', { max: grouped(max) }) });

/** One of a list of names, with the message `expected one of a, b, c`. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: say('request.one-of', { values: values.join(', ') }) });

/**
 * Compile-time check that every value of a core type `T` is described by the schema `S`: a field the
 * core adds or retypes fails the type check (`Assert<Describes<S, T>>`). Fields the schema lacks are
 * refused at run time by its strict objects, in the contract and golden tests.
 */
export type Describes<S extends z.ZodType, T> = [T] extends [DeepReadonly<z.output<S>>] ? true : false;

/** Readonly all the way down: the core marks its arrays readonly, a schema's output does not. */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
export type Assert<T extends true> = T;
