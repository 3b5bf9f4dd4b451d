/**
 * `say(code, params)`: a core message as its English line (./en.ts has the templates). The parameters
 * are checked against the template's placeholders at compile time: a missing or extra one is a type
 * error, and a template without placeholders takes none.
 */
import { MESSAGES_EN, type MessageCode } from './en';

export type { MessageCode } from './en';

/** The `{name}` placeholders of a template, as a union of names. */
type Holes<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Holes<Rest> : never;

export type MessageParams<C extends MessageCode> = Readonly<
  Record<Holes<(typeof MESSAGES_EN)[C]>, string | number>
>;

type ParamArgs<C extends MessageCode> = [Holes<(typeof MESSAGES_EN)[C]>] extends [never]
  ? []
  : [params: MessageParams<C>];

/** A template with its placeholders filled in one pass (a value holding `{x}` is never filled again). */
export function fillTemplate(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (hole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : hole,
  );
}

export function say<C extends MessageCode>(code: C, ...params: ParamArgs<C>): string {
  const template: string = MESSAGES_EN[code];
  return params[0] ? fillTemplate(template, params[0]) : template;
}
