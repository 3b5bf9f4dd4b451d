/**
 * Catalog: a sortable table with the main specs and their units, each value marked with its
 * confidence; filters; a detail card with sources (linkable as #/catalog/<id>); a comparison chart
 * (linkable as #/catalog?ids=a,b). Both links follow the hash: no reload needed.
 */
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { type ApiError, api, prefetched } from '../api';
import { issueText, translateMessage } from '../messages';

/** Entries one comparison takes (GET /api/catalog/compare: 2 to 8). */
const MAX_COMPARED = 8;

import { Chart } from '../charts';
import { type I18n, type Key, useI18n } from '../i18n';

interface Row {
  id: string;
  kind: 'chip' | 'system';
  vendor: string;
  name: string;
  domestic: boolean;
  status: string;
}
interface Spec {
  value: number;
  unit: string;
  confidence: string;
  sources: { title: string; url: string }[];
  note?: string;
}
interface Entry {
  id: string;
  name: string;
  vendor: string;
  kind: 'chip' | 'system';
  status: string;
  domestic: boolean;
  specs: Record<string, Spec>;
  notes?: string;
}
interface Metric {
  unit: string;
  values: (number | null)[];
  confidences: (string | null)[];
}
interface Comparison {
  ids: string[];
  scopes: ('chip' | 'system')[];
  metrics: Record<string, Metric>;
}

/** The table's spec columns: per chip for a chip, whole-system totals for a system (as compared). */
const SPEC_COLUMNS = [
  'bf16DenseTflops',
  'fp8DenseTflops',
  'hbmCapacityGB',
  'hbmBandwidthTBps',
  'scaleUpBandwidthGBps',
  'powerKW',
  'priceUsd',
] as const;
type SpecColumn = (typeof SPEC_COLUMNS)[number];
const TEXT_COLUMNS = ['name', 'vendor', 'kind', 'status', 'origin'] as const;
type Column = SpecColumn | (typeof TEXT_COLUMNS)[number];
/** The compare endpoint takes 2 to 8 ids: the table's specs come in batches of 8. */
const BATCH = 8;

const CONFIDENCE_MARK: Record<string, string> = { official: '●', analysis: '◑', derived: '◔', rumour: '○' };

/** A spec or metric name in words: `bf16DenseTflopsPerWatt` → "BF16 dense per W". */
export function metricLabel(i18n: Pick<I18n, 't'>, name: string): string {
  const { t } = i18n;
  const known = (n: string) => {
    const text = t(`spec.${n}` as Key);
    return text === `spec.${n}` ? null : text;
  };
  const direct = known(name);
  if (direct) return direct;
  for (const [suffix, key] of [
    ['PerWatt', 'catalog.perWatt'],
    ['PerUsd', 'catalog.perUsd'],
  ] as const)
    if (name.endsWith(suffix)) {
      const base = known(name.slice(0, -suffix.length));
      if (base) return t(key, { metric: base });
    }
  return name;
}

/** A unit as the language writes it (`USD` → 美元); technical units stay as they are. */
export function unitLabel(i18n: Pick<I18n, 't'>, unit: string): string {
  const parts = unit.split(' per ');
  const one = (u: string) => {
    const key = `unit.${u}` as Key;
    const text = i18n.t(key);
    return text === key ? u : text;
  };
  return parts.map(one).join('/');
}

function Confidence(props: { level: string | null }) {
  const { t } = useI18n();
  if (!props.level) return null;
  return (
    <span
      class={`conf ${props.level}`}
      title={t(`confidence.${props.level}` as Key)}
      data-confidence={props.level}
    >
      {CONFIDENCE_MARK[props.level] ?? '?'}
    </span>
  );
}

export function CatalogPage(props: { query: URLSearchParams; detailId: string | null }) {
  const i18n = useI18n();
  const { t, sig } = i18n;
  // on a cold load the rows were asked for beside this chunk (main.tsx): drawn in the first render when here
  const [rows, setRows] = useState<Row[] | null>(
    () => prefetched<{ entries: Row[] }>('/api/catalog')?.entries ?? null,
  );
  const [specs, setSpecs] = useState<Map<string, Record<string, { v: number | null; c: string | null }>>>(
    () => new Map(),
  );
  const [error, setError] = useState<string | null>(null);
  /** A linked detail that is not in the catalog: its own state, cleared when the link goes (the list's error stays). */
  const [detailError, setDetailError] = useState<string | null>(null);
  /** What the linked comparison's request said: cleared by the next link, shown apart from the page's errors. */
  const [compareError, setCompareError] = useState<string | null>(null);
  const [vendor, setVendor] = useState('');
  const [origin, setOrigin] = useState('');
  const [status, setStatus] = useState('');
  const [kind, setKind] = useState('');
  const [sort, setSort] = useState<{ col: Column; dir: 1 | -1 }>({ col: 'name', dir: 1 });
  const linkedIds = props.query.get('ids') ?? '';
  const [selected, setSelected] = useState<string[]>(() => linkedIds.split(',').filter(Boolean));
  const [detail, setDetail] = useState<Entry | null>(null);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [metric, setMetric] = useState('bf16DenseTflops');

  // a layout effect: the rows are asked for (or, on a cold load, awaited) before the first paint, not a
  // frame later, and drawn as soon as they come
  useLayoutEffect(() => {
    api<{ entries: Row[] }>('GET', '/api/catalog').then(
      (r) => setRows(r.entries),
      (e: Error) => setError(e.message),
    );
  }, []);

  // the spec columns: the comparison's per-entry values, 8 ids a request, asked for once the rows are
  // drawn (an effect runs after paint): their requests and answers stay out of the rows' first frame
  useEffect(() => {
    if (!rows) return;
    const ids = rows.map((e) => e.id);
    const found = new Map<string, Record<string, { v: number | null; c: string | null }>>();
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += BATCH) batches.push(ids.slice(i, i + BATCH));
    const last = batches.at(-1);
    if (last && last.length === 1 && ids.length > 1) last.unshift(ids[ids.length - 2]!);
    Promise.all(
      batches.map(async (batch) => {
        const c = await api<Comparison>('GET', `/api/catalog/compare?ids=${batch.join(',')}`);
        c.ids.forEach((id, i) => {
          const values: Record<string, { v: number | null; c: string | null }> = {};
          for (const col of SPEC_COLUMNS) {
            const m = c.metrics[col];
            values[col] = { v: m?.values[i] ?? null, c: m?.confidences[i] ?? null };
          }
          found.set(id, values);
        });
      }),
    ).then(
      () => setSpecs(found),
      (e: Error) => setError(e.message),
    );
  }, [rows]);

  // a linked or newly chosen comparison (#/catalog?ids=a,b) follows the hash
  useEffect(() => {
    const ids = linkedIds.split(',').filter(Boolean);
    if (ids.length < 2) {
      setComparison(null);
      setCompareError(null);
      return;
    }
    setSelected(ids);
    api<Comparison>('GET', `/api/catalog/compare?ids=${ids.map(encodeURIComponent).join(',')}`).then(
      (answer) => {
        setCompareError(null);
        setComparison(answer);
        // the ids as the catalog writes them (a link may say NVIDIA-H20): the boxes tick by those
        setSelected(answer.ids);
      },
      (e: ApiError) => {
        // the previous comparison must not stay on screen under the error for this link, nor an id no box has
        setComparison(null);
        setSelected((chosen) => chosen.filter((id) => rows?.some((r) => r.id === id) ?? true));
        setCompareError(
          e.issues?.length
            ? e.issues.map((i) => issueText(i18n, i)).join('; ')
            : translateMessage(i18n, e.message),
        );
      },
    );
  }, [linkedIds]);

  // a linked detail (#/catalog/<id>) follows the hash too
  useEffect(() => {
    setDetailError(null);
    if (!props.detailId) {
      setDetail(null);
      return;
    }
    api<Entry>('GET', `/api/catalog/${encodeURIComponent(props.detailId)}`).then(setDetail, () => {
      setDetail(null);
      setDetailError(t('catalog.notFound', { id: props.detailId ?? '' }));
    });
  }, [props.detailId]);

  const vendors = useMemo(() => [...new Set((rows ?? []).map((r) => r.vendor))].sort(), [rows]);
  const statuses = useMemo(() => [...new Set((rows ?? []).map((r) => r.status))].sort(), [rows]);
  const shown = useMemo(() => {
    const filtered = (rows ?? []).filter(
      (r) =>
        (vendor === '' || r.vendor === vendor) &&
        (origin === '' || r.domestic === (origin === 'domestic')) &&
        (status === '' || r.status === status) &&
        (kind === '' || r.kind === kind),
    );
    const text = (r: Row): string =>
      sort.col === 'origin'
        ? String(r.domestic)
        : String(r[sort.col as 'name' | 'vendor' | 'kind' | 'status']);
    return filtered.sort((a, b) => {
      if ((TEXT_COLUMNS as readonly string[]).includes(sort.col))
        return sort.dir * text(a).localeCompare(text(b)) || a.id.localeCompare(b.id);
      // unknown values last in either direction
      const va = specs.get(a.id)?.[sort.col]?.v ?? null;
      const vb = specs.get(b.id)?.[sort.col]?.v ?? null;
      if (va === null && vb === null) return a.id.localeCompare(b.id);
      if (va === null) return 1;
      if (vb === null) return -1;
      return sort.dir * (va - vb) || a.id.localeCompare(b.id);
    });
  }, [rows, specs, vendor, origin, status, kind, sort]);

  /** The API compares 2 to 8 entries: a ninth tick is not taken. */
  const toggle = (id: string) =>
    setSelected((s) =>
      s.includes(id) ? s.filter((x) => x !== id) : s.length >= MAX_COMPARED ? s : [...s, id],
    );
  const sortBy = (col: Column) =>
    setSort((s) =>
      // text sorts A→Z first, a spec largest first
      s.col === col
        ? { col, dir: s.dir === 1 ? -1 : 1 }
        : { col, dir: (TEXT_COLUMNS as readonly string[]).includes(col) ? 1 : -1 },
    );
  const hashFor = (detailId: string | null) =>
    `#/catalog${detailId ? `/${encodeURIComponent(detailId)}` : ''}${linkedIds ? `?ids=${linkedIds}` : ''}`;

  const m = comparison?.metrics[metric];
  const option = useMemo(
    () =>
      comparison && m
        ? {
            tooltip: { trigger: 'axis' },
            grid: { left: 70, right: 20, top: 30, bottom: 60 },
            xAxis: { type: 'category', data: comparison.ids, axisLabel: { rotate: 20 } },
            yAxis: { type: 'value', name: unitLabel(i18n, m.unit) },
            series: [
              {
                type: 'bar',
                name: metricLabel(i18n, metric),
                // an unknown value has no bar ('-' is ECharts' missing value); a 0 bar claimed a measurement
                data: m.values.map((v) => v ?? '-'),
                itemStyle: { color: '#4f8cff' },
              },
            ],
          }
        : null,
    [comparison, metric, i18n],
  );

  const header = (col: Column, label: string, unit?: string) => (
    <th
      key={col}
      class={unit !== undefined ? 'sortable num' : 'sortable'}
      title={t('catalog.sortBy', { col: label })}
      onClick={() => sortBy(col)}
      // reachable and usable from the keyboard, as a click target must be
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          sortBy(col);
        }
      }}
      data-sort={col}
      aria-sort={sort.col === col ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
    >
      {label}
      {sort.col === col ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
      {unit !== undefined && <span class="unit">{unitLabel(i18n, unit)}</span>}
    </th>
  );
  const UNITS: Record<SpecColumn, string> = {
    bf16DenseTflops: 'TFLOP/s',
    fp8DenseTflops: 'TFLOP/s',
    hbmCapacityGB: 'GB',
    hbmBandwidthTBps: 'TB/s',
    scaleUpBandwidthGBps: 'GB/s',
    powerKW: 'kW',
    priceUsd: 'USD',
  };

  return (
    <section data-testid="catalog-page">
      <div class="card row">
        <label>
          {t('catalog.vendor')}
          <select
            value={vendor}
            onChange={(e) => setVendor((e.target as HTMLSelectElement).value)}
            data-testid="filter-vendor"
          >
            <option value="">{t('common.all')}</option>
            {vendors.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
        <label>
          {t('catalog.origin')}
          <select
            value={origin}
            onChange={(e) => setOrigin((e.target as HTMLSelectElement).value)}
            data-testid="filter-origin"
          >
            <option value="">{t('common.all')}</option>
            <option value="domestic">{t('catalog.domestic')}</option>
            <option value="foreign">{t('catalog.foreign')}</option>
          </select>
        </label>
        <label>
          {t('catalog.status')}
          <select value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
            <option value="">{t('common.all')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}` as Key)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('catalog.kind')}
          <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
            <option value="">{t('common.all')}</option>
            <option value="chip">{t('catalog.chip')}</option>
            <option value="system">{t('catalog.system')}</option>
          </select>
        </label>
        <button
          type="button"
          disabled={selected.length < 2}
          onClick={() => {
            location.hash = `#/catalog?ids=${selected.join(',')}`;
          }}
          data-testid="compare"
        >
          {t('catalog.compare')} ({selected.length})
        </button>
        <span class="muted">{rows ? t('catalog.entries', { n: shown.length }) : t('common.loading')}</span>
        <span class="muted" data-testid="confidence-legend">
          {t('catalog.confidenceLegend')}
        </span>
      </div>
      {(error || detailError) && (
        <p class="issues" data-testid="catalog-error">
          {[error, detailError].filter(Boolean).join('; ')}
        </p>
      )}
      {compareError && (
        <p class="issues" data-testid="compare-error">
          {compareError}
        </p>
      )}
      {comparison && (
        <div class="card" data-testid="comparison">
          <div class="row">
            <label>
              {t('catalog.metric')}
              <select
                value={metric}
                onChange={(e) => setMetric((e.target as HTMLSelectElement).value)}
                data-testid="compare-metric"
              >
                {Object.keys(comparison.metrics).map((k) => (
                  <option key={k} value={k}>
                    {metricLabel(i18n, k)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {option && <Chart option={option} testId="compare-chart" />}
          <div class="scroll-x">
            <table data-testid="compare-table">
              <thead>
                <tr>
                  <th>{t('catalog.metric')}</th>
                  {comparison.ids.map((id, i) => (
                    <th class="num" key={id}>
                      <a href={`#/catalog/${encodeURIComponent(id)}?ids=${linkedIds}`}>{id}</a>
                      <span class="unit">{t(`catalog.scope.${comparison.scopes[i] ?? 'chip'}` as Key)}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {Object.entries(comparison.metrics).map(([name, mm]) => (
                  <tr key={name}>
                    <td>
                      {metricLabel(i18n, name)} <span class="muted">{unitLabel(i18n, mm.unit)}</span>
                    </td>
                    {mm.values.map((v, i) => (
                      <td class="num" key={comparison.ids[i]}>
                        {v === null ? '–' : sig(v)}
                        <Confidence level={mm.confidences[i] ?? null} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      <div class={detail ? 'catalog-layout' : ''}>
        <div class="card scroll-x">
          <table data-testid="catalog-table">
            <thead>
              <tr>
                <th />
                {header('name', t('catalog.name'))}
                {header('vendor', t('catalog.vendor'))}
                {header('kind', t('catalog.kind'))}
                {header('status', t('catalog.status'))}
                {header('origin', t('catalog.origin'))}
                {!detail && SPEC_COLUMNS.map((col) => header(col, metricLabel(i18n, col), UNITS[col]))}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id} data-row={r.id} class={detail?.id === r.id ? 'selected' : ''}>
                  <td>
                    <input
                      type="checkbox"
                      checked={selected.includes(r.id)}
                      disabled={!selected.includes(r.id) && selected.length >= MAX_COMPARED}
                      onChange={() => toggle(r.id)}
                      data-id={r.id}
                    />
                  </td>
                  <td>
                    <a href={hashFor(r.id)} data-testid={`detail-link-${r.id}`}>
                      {r.name}
                    </a>
                    <div class="muted">{r.id}</div>
                  </td>
                  <td>{r.vendor}</td>
                  <td>{r.kind === 'chip' ? t('catalog.chip') : t('catalog.system')}</td>
                  <td>{t(`status.${r.status}` as Key)}</td>
                  <td>
                    <span class={r.domestic ? 'badge cn' : 'badge'}>
                      {r.domestic ? t('catalog.domestic') : t('catalog.foreign')}
                    </span>
                  </td>
                  {!detail &&
                    SPEC_COLUMNS.map((col) => {
                      const cell = specs.get(r.id)?.[col];
                      return (
                        <td class="num" key={col} data-col={col}>
                          {cell?.v == null ? '–' : sig(cell.v)}
                          <Confidence level={cell?.c ?? null} />
                        </td>
                      );
                    })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {detail && (
          <div class="card detail-card" data-testid="entry-detail">
            <div class="row" style={{ justifyContent: 'space-between' }}>
              <h3>{detail.name}</h3>
              <a href={hashFor(null)} data-testid="detail-close">
                {t('catalog.close')}
              </a>
            </div>
            <p class="muted">
              {detail.id} · {detail.vendor} · {t(`status.${detail.status}` as Key)} ·{' '}
              <a href={`#/catalog/${encodeURIComponent(detail.id)}`} data-testid="detail-permalink">
                {t('catalog.link')}
              </a>
            </p>
            <table>
              <thead>
                <tr>
                  <th>{t('catalog.metric')}</th>
                  <th class="num">{t('catalog.specs')}</th>
                  <th>{t('catalog.confidence')}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(detail.specs).map(([name, spec]) => (
                  <tr key={name} data-spec={name}>
                    <td>{metricLabel(i18n, name)}</td>
                    <td class="num">
                      {sig(spec.value)} {unitLabel(i18n, spec.unit)}
                    </td>
                    <td>
                      <Confidence level={spec.confidence} /> {t(`confidence.${spec.confidence}` as Key)}
                      <div class="muted">
                        {spec.sources.map((s) => (
                          <div key={s.url}>
                            <a href={s.url} target="_blank" rel="noreferrer">
                              {s.title}
                            </a>
                          </div>
                        ))}
                        {spec.note}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {detail.notes && <p class="muted">{detail.notes}</p>}
          </div>
        )}
      </div>
    </section>
  );
}
