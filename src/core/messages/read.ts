/**
 * A core message in another language. The core's lines travel as English (./en.ts); this module reads
 * a line back to its code and parameters by the same templates (anchored, most literal text first) and
 * renders the language's own template with those parameters. Parameters named in NESTED_PARAMS hold a
 * message of their own and are rendered the same way; parameters in the language's TERMS (a metric,
 * a plan status, ...) are named in that language. A line no template reads is returned as it is.
 */
import { MESSAGES_EN, type MessageCode } from './en';
import { fillTemplate } from './say';
import { MESSAGES_ZH, TERMS_ZH } from './zh';

export type MessageLang = 'en' | 'zh';

/** Placeholders that hold a whole message (a rule's detail, a failure's reason, a wrapped warning). */
export const NESTED_PARAMS: ReadonlySet<string> = new Set([
  'warning',
  'detail',
  'reason',
  'cause',
  'step',
  'basis',
  'description',
  'constraint',
  'what',
]);

/**
 * Nested placeholders whose value must itself be a known message for the template to match: a wrapper
 * (`{subject}: {warning}`) or a generic phrase (`expected {what}`) around an unknown English line
 * would only half-translate it, so such a line is left whole, in English.
 */
export const STRICT_NESTED_PARAMS: ReadonlySet<string> = new Set(['warning', 'what']);

export interface ReadMessage {
  readonly code: MessageCode;
  readonly params: Readonly<Record<string, string>>;
}

interface Compiled {
  readonly code: MessageCode;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Literal characters of a template: the more, the more specific (tried first). */
const literalLength = (template: string) => template.replace(/\{\w+\}/g, '').length;

let compiled: Compiled[] | null = null;

function templates(): Compiled[] {
  if (compiled) return compiled;
  compiled = (Object.keys(MESSAGES_EN) as MessageCode[])
    .map((code) => {
      const template: string = MESSAGES_EN[code];
      const names: string[] = [];
      const source = template
        .split(/(\{\w+\})/)
        .map((part) => {
          const hole = /^\{(\w+)\}$/.exec(part);
          if (!hole) return escapeRegExp(part);
          names.push(hole[1]!);
          // a value (an id, a number, a list) never holds ': ', which ends a wrapping subject
          // (`site-b: count share unknown ...`); a nested message may
          return NESTED_PARAMS.has(hole[1]!) ? '([\\s\\S]*?)' : '((?:(?!: )[\\s\\S])*?)';
        })
        .join('');
      return { code, pattern: new RegExp(`^${source}$`), names, literal: literalLength(template) };
    })
    .sort((a, b) => b.literal - a.literal || a.names.length - b.names.length)
    .map(({ code, pattern, names }) => ({ code, pattern, names }));
  return compiled;
}

/** The code and parameters of a core line, or null when no template reads it. */
export function readMessage(text: string): ReadMessage | null {
  for (const t of templates()) {
    const m = t.pattern.exec(text);
    if (!m) continue;
    const params: Record<string, string> = {};
    t.names.forEach((name, i) => {
      params[name] = m[i + 1] ?? '';
    });
    if (t.names.some((name) => STRICT_NESTED_PARAMS.has(name) && readMessage(params[name]!) === null))
      continue;
    return { code: t.code, params };
  }
  return null;
}

/** Chinese characters and full-width punctuation (“” included): no space between two of them. */
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u201c\u201d]/;

/**
 * A Chinese template filled in: the template spaces a value off from Chinese text (`按 {metric} 计`),
 * as Latin text and numbers are spaced in Chinese; a value that is Chinese itself loses those spaces
 * (`按数量计`, `按 BF16 算力计`). Spaces inside values are kept.
 */
function fillZh(template: string, values: Readonly<Record<string, string>>): string {
  const parts = template.split(/(\{\w+\})/);
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const hole = /^\{(\w+)\}$/.exec(part);
    if (!hole || !Object.hasOwn(values, hole[1]!)) {
      out += part;
      continue;
    }
    const value = values[hole[1]!]!;
    if (CJK.test(value.charAt(0)) && out.endsWith(' ') && CJK.test(out.charAt(out.length - 2)))
      out = out.slice(0, -1);
    out += value;
    const next = parts[i + 1];
    if (next?.startsWith(' ') && CJK.test(value.charAt(value.length - 1)) && CJK.test(next.charAt(1)))
      parts[i + 1] = next.slice(1);
  }
  return out;
}

/** A template of `lang` filled in (Chinese: spaces between Chinese text and a Chinese value dropped). */
export function fillText(
  lang: MessageLang,
  template: string,
  values: Readonly<Record<string, string | number>>,
): string {
  if (lang === 'en') return fillTemplate(template, values);
  return fillZh(template, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])));
}

/** A message in `lang` from its code and parameters. */
export function renderMessage(
  lang: MessageLang,
  code: MessageCode,
  params: Readonly<Record<string, string | number>> = {},
): string {
  if (lang === 'en') return fillTemplate(MESSAGES_EN[code], params);
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    const text = String(value);
    shown[name] = NESTED_PARAMS.has(name) ? translateLine(lang, text) : (TERMS_ZH[name]?.[text] ?? text);
  }
  return fillZh(MESSAGES_ZH[code], shown);
}

/** A core line (as the CLI and the API give it) in `lang`; a line no template reads stays as it is. */
export function translateLine(lang: MessageLang, text: string): string {
  if (lang === 'en') return text;
  const read = readMessage(text);
  return read ? renderMessage(lang, read.code, read.params) : text;
}
