/** Text rendering of catalog views for the terminal (the JSON forms are the core views as they are). */
import Table from 'cli-table3';
import type { AuditedEntry, CatalogAudit } from '../core/catalog/audit';
import type { Comparison } from '../core/catalog/compare';
import type { Confidence, Source } from '../core/catalog/schema';
import type { EntryView, ListRow } from '../core/catalog/view';

/** 4 significant digits, thousands separators, no trailing zeros: 300,000 · 1.667 · 0.0375. */
export function formatNumber(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  return String(Number(value.toPrecision(4)));
}

/** Marks a value's confidence: nothing for official, `~` analysis, `*` derived, `?` rumour. */
const MARK: Record<Confidence, string> = { official: '', analysis: ' ~', derived: ' *', rumour: ' ?' };
export const CONFIDENCE_LEGEND =
  'Confidence: unmarked = official, ~ = analysis, * = derived (our arithmetic), ? = rumour.';

const plain = {
  chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  style: { head: [], border: [] },
};

export function renderList(rows: ReadonlyArray<ListRow>): string {
  const table = new Table({ head: ['id', 'kind', 'vendor', 'name', 'domestic', 'status'], ...plain });
  for (const row of rows) {
    table.push([row.id, row.kind, row.vendor, row.name, row.domestic ? 'yes' : 'no', row.status]);
  }
  return `${table.toString()}\n${rows.length} entries`;
}

const sourceLine = (s: Source) => `${s.title} <${s.url}>`;

export function renderEntry(view: EntryView): string {
  const lines: string[] = [`${view.id} (${view.kind}): ${view.name}`];
  lines.push(
    `  vendor: ${view.vendor}; status: ${view.status}; domestic (PRC vendor): ${view.domestic ? 'yes' : 'no'}`,
  );
  if (view.chip !== undefined) {
    const c = view.chip;
    lines.push(
      `  family: ${c.family}; vendor country: ${c.vendorCountry}; software: ${c.softwareStack.join(', ')}`,
    );
    if (c.aliasOf !== undefined) lines.push(`  alias of ${c.aliasOf.id}: ${c.aliasOf.reason}`);
    if (c.defaultSystem !== undefined) lines.push(`  default system: ${c.defaultSystem}`);
    const e = c.exportControl;
    lines.push(`  US export control for China: ${e.status} (as of ${e.asOf})${e.note ? `: ${e.note}` : ''}`);
    for (const s of e.sources) lines.push(`      source: ${sourceLine(s)}`);
  }
  if (view.system !== undefined) lines.push(`  chip: ${view.system.chipId}`);
  const a = view.availableFrom;
  if (a !== undefined) {
    lines.push(`  available from: ${a.value} [${a.confidence}]${a.note ? ` ${a.note}` : ''}`);
    for (const s of a.sources) lines.push(`      source: ${sourceLine(s)}`);
    for (const alt of a.alternatives ?? []) lines.push(`      disputed: ${alt.value} [${alt.confidence}]`);
  }
  for (const n of view.notApplicable ?? []) {
    lines.push(`  ${n.spec}: not applicable (${n.reason})`);
    for (const s of n.sources) lines.push(`      source: ${sourceLine(s)}`);
  }
  if (view.notes !== undefined) lines.push(`  notes: ${view.notes}`);
  const specs = Object.entries(view.specs);
  lines.push('', specs.length === 0 ? 'No sourced numeric specs.' : 'Specs:');
  for (const [name, spec] of specs) {
    lines.push(`  ${name}: ${formatNumber(spec.value)} ${spec.unit} [${spec.confidence}]`);
    if (spec.note !== undefined) lines.push(`      note: ${spec.note}`);
    for (const s of spec.sources) lines.push(`      source: ${sourceLine(s)}`);
    for (const a of spec.alternatives ?? []) {
      lines.push(
        `      disputed: ${formatNumber(a.value)} ${spec.unit} [${a.confidence}]${a.note ? ` ${a.note}` : ''}`,
      );
      for (const s of a.sources) lines.push(`          source: ${sourceLine(s)}`);
    }
  }
  return lines.join('\n');
}

export function renderComparison(comparison: Comparison): string {
  const withRatio = comparison.ids.length === 2;
  const head = ['metric', 'unit', ...comparison.ids.map((id, i) => `${id} (${comparison.scopes[i]})`)];
  if (withRatio) head.push('ratio 1st/2nd');
  const table = new Table({ head, ...plain });
  for (const [name, metric] of Object.entries(comparison.metrics)) {
    if (metric.values.every((v) => v === null)) continue;
    const cells = metric.values.map((v, i) => {
      const confidence = metric.confidences[i];
      return v === null || confidence == null ? '-' : `${formatNumber(v)}${MARK[confidence]}`;
    });
    const row = [name, metric.unit, ...cells];
    if (withRatio) row.push(metric.ratio === null ? '-' : `${formatNumber(metric.ratio)}x`);
    table.push(row);
  }
  const mixed = comparison.scopes.includes('system') && comparison.scopes.includes('chip');
  const scope = comparison.scopes.includes('system')
    ? `\nSystems are compared by whole-system totals (published totals where they exist, else chips x per-chip value).${
        mixed
          ? "\nThis sets one chip against whole systems: compare a chip with the system's chip for a per-chip ratio."
          : ''
      }`
    : '';
  return `${table.toString()}${scope}\n${CONFIDENCE_LEGEND}`;
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const ids = (entries: ReadonlyArray<AuditedEntry>) => entries.map((e) => e.id).join(', ');

/** One block per metric: counts, then the ids lacking a value, holding only rumours, or absent on purpose. */
export function renderAudit(audit: CatalogAudit): string {
  const lines = [
    `Catalog audit: ${plural(audit.chips, 'chip')}, ${plural(audit.systems, 'system')}. Compute and memory are audited on chips (a system takes its chip's); availableFrom on roadmap entries (announced, rumoured) only.`,
  ];
  for (const m of audit.metrics) {
    const fields = [m.fields.chip && `chip ${m.fields.chip}`, m.fields.system && `system ${m.fields.system}`]
      .filter(Boolean)
      .join(', ');
    lines.push(
      '',
      `${m.metric} (${fields}): ${m.covered} of ${m.audited} with a value better than rumour; ${m.missing.length} missing, ${m.rumourOnly.length} rumour only, ${m.notApplicable.length} not applicable`,
    );
    if (m.missing.length > 0) lines.push(`  missing: ${ids(m.missing)}`);
    if (m.rumourOnly.length > 0) lines.push(`  rumour only: ${ids(m.rumourOnly)}`);
    const byReason = new Map<string, string[]>();
    for (const n of m.notApplicable) byReason.set(n.reason, [...(byReason.get(n.reason) ?? []), n.id]);
    for (const [reason, group] of byReason) lines.push(`  not applicable (${reason}): ${group.join(', ')}`);
  }
  return lines.join('\n');
}
