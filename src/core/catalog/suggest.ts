/** "Did you mean" for unknown ids: edit distance, with a bonus for ids that contain what was typed. */

/** Levenshtein distance (insert, delete, substitute cost 1). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Up to `limit` ids closest to `query`, best first. An id that contains the query (`h100` in
 * `nvidia-h100-sxm5-80gb`) ranks by how much it adds; otherwise ids within an edit distance of
 * max(3, 40% of the query) qualify.
 */
export function closestIds(query: string, ids: ReadonlyArray<string>, limit = 3): string[] {
  const q = query.toLowerCase();
  const scored: Array<{ id: string; score: number }> = [];
  for (const id of ids) {
    const distance = id.includes(q) ? (id.length - q.length) / 100 : editDistance(q, id);
    if (id.includes(q) || distance <= Math.max(3, Math.ceil(q.length * 0.4)))
      scored.push({ id, score: distance });
  }
  scored.sort((x, y) => x.score - y.score || x.id.localeCompare(y.id));
  return scored.slice(0, limit).map((s) => s.id);
}
