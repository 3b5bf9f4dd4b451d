/** Small validators shared by the importers. */
import type { Catalog } from '../core/catalog/catalog';
import { say } from '../core/messages/say';

/**
 * User text echoed in a message, cut to a readable length: a 4 MB column name or cell must not come
 * back as a 4 MB error line.
 */
export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

// With the u flag a class of surrogates matches only unpaired ones (a pair is one code point).
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * The path of the first string in a parsed JSON value that holds a lone surrogate (`"\ud800"`), or
 * null. Such a string is not Unicode text: a store writes it as U+FFFD, so two different ids would
 * become one and a snapshot would no longer re-import (issue 13).
 */
export function loneSurrogatePath(value: unknown): string | null {
  // an explicit stack: JSON.parse accepts nesting far deeper than the call stack
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'string') {
      if (LONE_SURROGATE.test(item)) return path;
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push([item[i], `${path}[${i}]`]);
    } else if (typeof item === 'object' && item !== null) {
      const entries = Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const childPath = path ? `${path}.${clip(key)}` : clip(key);
        if (LONE_SURROGATE.test(key)) return childPath;
        stack.push([child, childPath]);
      }
    }
  }
  return null;
}

/** Whether JSON `text` may decode to a lone surrogate (one raw, or a `\uD800`-`\uDFFF` escape). */
export function mayHoldLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text) || /\\u[dD][89a-fA-F]/.test(text);
}

/** The 1-based line of the first lone surrogate in `text`, or null. */
export function loneSurrogateLine(text: string): number | null {
  const match = LONE_SURROGATE.exec(text);
  return match ? text.slice(0, match.index).split('\n').length : null;
}

export const LONE_SURROGATE_MESSAGE = say('import.lone-surrogate');

/** A real calendar date written YYYY-MM-DD (the core's one check). */
export { isIsoDate } from '../core/iso-date';

/** Whether the catalog knows `id` as a chip or a system. */
export function knownHardware(catalog: Catalog, id: string): boolean {
  return catalog.chips.has(id) || catalog.systems.has(id);
}

/** `unknown hardware id "x"`, with the closest catalog ids when there are some. */
export function unknownHardwareMessage(catalog: Catalog, id: string, shown = id): string {
  const ids = suggestIds(catalog, id);
  return ids
    ? say('import.unknown-hardware-suggest', { id: shown, ids })
    : say('import.unknown-hardware', { id: shown });
}

/** The closest catalog ids to an unknown id (`a, b`), or an empty string. */
export function suggestIds(catalog: Catalog, id: string): string {
  // Edit distance costs length x length per catalog id: a long string is no typo of an id.
  if (id.length > 64) return '';
  const wanted = id.toLowerCase();
  const ids = [...catalog.chips.keys(), ...catalog.systems.keys()];
  const scored = ids
    .map((candidate) => ({
      candidate,
      score:
        candidate.includes(wanted) || (wanted.length > 2 && candidate.endsWith(wanted))
          ? 0
          : distance(wanted, candidate),
    }))
    .filter((s) => s.score <= Math.max(3, Math.floor(wanted.length / 3)))
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  // Only the closest: a one-letter typo should not also suggest ids two edits away.
  const best = scored.filter((s) => s.score === scored[0]?.score).slice(0, 3);
  return best.map((s) => s.candidate).join(', ');
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
