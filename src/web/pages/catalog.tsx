/** Catalog: filter by vendor, origin, status and kind; details with sources; compare with a chart. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api';
import { Chart } from '../charts';
import { useI18n } from '../i18n';

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
  specs: Record<string, Spec>;
  notes?: string;
}
interface Comparison {
  ids: string[];
  metrics: Record<string, { unit: string; values: (number | null)[]; confidences: (string | null)[] }>;
}

const sourceText = (s: Spec) =>
  `${s.value} ${s.unit} · ${s.confidence}${s.note ? ` · ${s.note}` : ''}\n${s.sources.map((x) => `${x.title} <${x.url}>`).join('\n')}`;

export function CatalogPage(props: { query: URLSearchParams }) {
  const { t, num } = useI18n();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [vendor, setVendor] = useState('');
  const [origin, setOrigin] = useState('');
  const [status, setStatus] = useState('');
  const [kind, setKind] = useState('');
  const [selected, setSelected] = useState<string[]>(() =>
    (props.query.get('ids') ?? '').split(',').filter(Boolean),
  );
  const [detail, setDetail] = useState<Entry | null>(null);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [metric, setMetric] = useState('bf16DenseTflops');

  useEffect(() => {
    api<{ entries: Row[] }>('GET', '/api/catalog')
      .then((r) => setRows(r.entries))
      .catch((e: Error) => setError(e.message));
  }, []);

  const vendors = useMemo(() => [...new Set((rows ?? []).map((r) => r.vendor))].sort(), [rows]);
  const statuses = useMemo(() => [...new Set((rows ?? []).map((r) => r.status))].sort(), [rows]);
  const shown = (rows ?? []).filter(
    (r) =>
      (vendor === '' || r.vendor === vendor) &&
      (origin === '' || r.domestic === (origin === 'domestic')) &&
      (status === '' || r.status === status) &&
      (kind === '' || r.kind === kind),
  );

  const compare = async (ids: string[]) => {
    history.replaceState(null, '', `#/catalog?ids=${ids.join(',')}`);
    try {
      setComparison(
        await api<Comparison>('GET', `/api/catalog/compare?ids=${ids.map(encodeURIComponent).join(',')}`),
      );
    } catch (e) {
      setError((e as Error).message);
    }
  };
  // a linked comparison (#/catalog?ids=a,b) opens directly
  useEffect(() => {
    if (selected.length >= 2) void compare(selected);
  }, []);

  const toggle = (id: string) =>
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const m = comparison?.metrics[metric];
  const option = useMemo(
    () =>
      comparison && m
        ? {
            tooltip: { trigger: 'axis' },
            grid: { left: 60, right: 20, top: 20, bottom: 60 },
            xAxis: { type: 'category', data: comparison.ids, axisLabel: { rotate: 20 } },
            yAxis: { type: 'value', name: m.unit },
            series: [{ type: 'bar', data: m.values.map((v) => v ?? 0), itemStyle: { color: '#4f8cff' } }],
          }
        : null,
    [comparison, metric],
  );

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
              <option key={s}>{s}</option>
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
          onClick={() => compare(selected)}
          data-testid="compare"
        >
          {t('catalog.compare')} ({selected.length})
        </button>
        <span class="muted">{rows ? t('catalog.entries', { n: shown.length }) : t('common.loading')}</span>
      </div>
      {error && <p class="issues">{error}</p>}
      {comparison && (
        <div class="card" data-testid="comparison">
          <div class="row">
            <label>
              {t('catalog.metric')}
              <select value={metric} onChange={(e) => setMetric((e.target as HTMLSelectElement).value)}>
                {Object.keys(comparison.metrics).map((k) => (
                  <option key={k}>{k}</option>
                ))}
              </select>
            </label>
          </div>
          {option && <Chart option={option} testId="compare-chart" />}
          <table>
            <thead>
              <tr>
                <th>{t('catalog.metric')}</th>
                {comparison.ids.map((id) => (
                  <th class="num" key={id}>
                    {id}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Object.entries(comparison.metrics).map(([name, mm]) => (
                <tr key={name}>
                  <td>
                    {name} <span class="muted">{mm.unit}</span>
                  </td>
                  {mm.values.map((v, i) => (
                    <td
                      class="num"
                      key={comparison.ids[i]}
                      title={`${t('catalog.confidence')}: ${mm.confidences[i] ?? '–'}`}
                    >
                      {v === null ? '–' : num(v, v < 10 ? 3 : 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div class={detail ? 'grid2' : ''}>
        <div class="card">
          <table data-testid="catalog-table">
            <thead>
              <tr>
                <th />
                <th>{t('catalog.name')}</th>
                <th>{t('catalog.vendor')}</th>
                <th>{t('catalog.kind')}</th>
                <th>{t('catalog.status')}</th>
                <th>{t('catalog.origin')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id}>
                  <td>
                    <input
                      type="checkbox"
                      checked={selected.includes(r.id)}
                      onChange={() => toggle(r.id)}
                      data-id={r.id}
                    />
                  </td>
                  <td>
                    <a
                      href={`#/catalog?ids=${selected.join(',')}`}
                      onClick={(e) => {
                        e.preventDefault();
                        api<Entry>('GET', `/api/catalog/${encodeURIComponent(r.id)}`).then(
                          setDetail,
                          (x: Error) => setError(x.message),
                        );
                      }}
                    >
                      {r.name}
                    </a>
                    <div class="muted">{r.id}</div>
                  </td>
                  <td>{r.vendor}</td>
                  <td>{r.kind === 'chip' ? t('catalog.chip') : t('catalog.system')}</td>
                  <td>{r.status}</td>
                  <td>
                    <span class={r.domestic ? 'badge cn' : 'badge'}>
                      {r.domestic ? t('catalog.domestic') : t('catalog.foreign')}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {detail && (
          <div class="card" data-testid="entry-detail">
            <h3>{detail.name}</h3>
            <table>
              <tbody>
                {Object.entries(detail.specs).map(([name, spec]) => (
                  <tr key={name}>
                    <td>{name}</td>
                    <td class="num">
                      <span class="sourced" title={sourceText(spec)}>
                        {num(spec.value, 3)} {spec.unit}
                      </span>
                    </td>
                    <td>
                      <span class="badge">{spec.confidence}</span>
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
