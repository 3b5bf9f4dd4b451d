/**
 * The anchors of the spread per confidence grade (src/core/plan/risk-spread.ts, docs/PLANNER.md "Plans with
 * a stated risk"): for every catalog spec with a disputed alternative, |alternative / value - 1|, grouped by
 * the grade of the catalog's value. Prints the count of specs per grade, and per grade the number of
 * disputes with their median and p90. Usage: npx tsx bench/risk-spreads.ts
 */
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import type { Spec } from '../src/core/catalog/schema';

const catalog = loadBuiltinCatalog();
const specs: Spec[] = [];
const isSpec = (x: unknown): x is Spec =>
  typeof x === 'object' && x !== null && 'confidence' in x && 'value' in x;
for (const owner of [...catalog.chips.values(), ...catalog.systems.values()])
  for (const s of Object.values(owner.specs as Record<string, unknown>)) if (isSpec(s)) specs.push(s);

const specsByGrade = new Map<string, number>();
const disputes = new Map<string, number[]>();
for (const s of specs) {
  specsByGrade.set(s.confidence, (specsByGrade.get(s.confidence) ?? 0) + 1);
  for (const a of s.alternatives ?? [])
    if (s.value > 0)
      disputes.set(s.confidence, [...(disputes.get(s.confidence) ?? []), Math.abs(a.value / s.value - 1)]);
}
const at = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
for (const grade of ['official', 'derived', 'analysis', 'rumour']) {
  const d = (disputes.get(grade) ?? []).sort((a, b) => a - b);
  const specsWithDispute = specs.filter(
    (s) => s.confidence === grade && (s.alternatives?.length ?? 0) > 0,
  ).length;
  console.log(
    `${grade.padEnd(9)} specs ${String(specsByGrade.get(grade) ?? 0).padStart(4)}, disputed ${String(specsWithDispute).padStart(3)}, alternatives ${String(d.length).padStart(3)}: median ${d.length ? (at(d, 0.5) * 100).toFixed(0) : '-'}%, p90 ${d.length ? (at(d, 0.9) * 100).toFixed(0) : '-'}%`,
  );
}
