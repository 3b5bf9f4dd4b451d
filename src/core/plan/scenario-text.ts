/**
 * The one scenario reader (the CLI's file, the API's body), read with bounds: YAML's aliases are capped (an alias bomb is
 * refused, not expanded), duplicate keys are found in one pass instead of the yaml library's
 * pairwise check (19,000 keys took it 7.5 s), and a document nested too deep is an error, not a crash.
 * The server runs it in its document worker, never on the HTTP thread.
 */
import { isMap, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { Catalog } from '../catalog/catalog';
import { say } from '../messages/say';
import { fail, type Result } from '../result';
import { readScenario } from './plan';
import type { Scenario } from './scenario';

/** At most this many alias uses in one document (the yaml library's default, stated). */
export const MAX_YAML_ALIASES = 100;

const issue = (message: string) => fail({ code: 'yaml', path: 'scenario', message });

/** YAML (or JSON, a subset of it) text to a plain value, or the first problem. */
export function parseScenarioText(text: string): Result<unknown> {
  try {
    const lines = new LineCounter();
    const doc = parseDocument(text, { uniqueKeys: false, lineCounter: lines, prettyErrors: false });
    const error = doc.errors[0];
    if (error) {
      const cause = error.message.split('\n')[0] ?? '';
      return issue(
        say('scenario.not-yaml', {
          cause: /call stack/i.test(cause) ? say('scenario.nested-too-deep') : cause,
        }),
      );
    }
    let duplicate: string | null = null;
    visit(doc, {
      Map(_, map) {
        if (!isMap(map)) return undefined;
        const seen = new Set<string>();
        for (const pair of map.items) {
          if (!isScalar(pair.key)) continue;
          const key = String(pair.key.value);
          if (seen.has(key)) {
            const at = pair.key.range ? lines.linePos(pair.key.range[0]).line : 0;
            const shown = key.length > 60 ? `${key.slice(0, 60)}…` : key;
            duplicate = at
              ? say('scenario.duplicate-key-at', { key: shown, line: at })
              : say('scenario.duplicate-key', { key: shown });
            return visit.BREAK;
          }
          seen.add(key);
        }
        return undefined;
      },
    });
    if (duplicate) return issue(say('scenario.not-yaml', { cause: duplicate }));
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) };
  } catch (error) {
    // an alias bomb (ReferenceError), nesting deeper than the stack (RangeError)
    const message = (error as Error).message.split('\n')[0] ?? 'unreadable';
    return issue(
      say('scenario.not-yaml', {
        cause:
          error instanceof RangeError || /call stack/i.test(message)
            ? say('scenario.nested-too-deep')
            : message.length > 120
              ? `${message.slice(0, 120)}…`
              : message,
      }),
    );
  }
}

/** The checked scenario of a plan request (text or object): `chipmix plan` and the API read it here. */
export function readScenarioDocument(
  scenario: string | Record<string, unknown>,
  catalog: Catalog,
  today: string,
): Result<{ scenario: Scenario; asOf: string }> {
  const doc =
    typeof scenario === 'string' ? parseScenarioText(scenario) : { ok: true as const, value: scenario };
  if (!doc.ok) return doc;
  return readScenario(doc.value, catalog, today);
}
