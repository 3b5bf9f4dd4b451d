/**
 * Compare: one workload on several systems (POST /api/compare, the request of
 * src/core/compare/request.ts). The link holds the request (`#/compare?kind=train&model=...`): the
 * form edits the link, the link is what is compared, so a comparison can be sent to someone. One bar
 * chart per normalisation (per device, kW, M USD, rack) with the error band as whiskers, and the
 * verdict against the first system in words.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CompareResponse, CompareRow } from '../../core/compare/request';
import { type ApiIssue, api } from '../api';
import { type Key, useI18n } from '../i18n';
import { issueText, translateMessage } from '../messages';

/** The request's fields as they travel in the link, text as typed; blank = not sent. */
const FIELDS = [
  'kind',
  'model',
  'hardware',
  'devices',
  'equal',
  'precision',
  'seqLen',
  'globalBatch',
  'tokens',
  'inputLen',
  'outputLen',
  'tpotMs',
  'engine',
] as const;
type Field = (typeof FIELDS)[number];
type Form = Record<Field, string>;

const TRAIN_ONLY: readonly Field[] = ['seqLen', 'globalBatch', 'tokens'];
const INFER_ONLY: readonly Field[] = ['inputLen', 'outputLen', 'tpotMs', 'engine'];
const NUMBERS: readonly Field[] = ['devices', 'seqLen', 'globalBatch', 'inputLen', 'outputLen', 'tpotMs'];

/** The press claim the docs start from: Llama-3-70B pretraining on 1,024 H100s against 910Cs. */
const DEFAULTS: Form = {
  kind: 'train',
  model: 'llama3-70b',
  hardware: 'nvidia-dgx-h100,huawei-ascend-910c',
  devices: '1024',
  equal: 'devices',
  precision: '',
  seqLen: '8192',
  globalBatch: '1024',
  tokens: '15T',
  inputLen: '2048',
  outputLen: '512',
  tpotMs: '50',
  engine: '',
};

export function formFromQuery(query: URLSearchParams): Form {
  const form = { ...DEFAULTS };
  for (const f of FIELDS) {
    const v = query.get(f);
    if (v !== null) form[f] = v;
  }
  return form;
}

/** The link of a form: only the fields its kind uses. */
export function queryOf(form: Form): string {
  const skip = form.kind === 'infer' ? TRAIN_ONLY : INFER_ONLY;
  const q = new URLSearchParams();
  for (const f of FIELDS) if (!skip.includes(f) && form[f].trim() !== '') q.set(f, form[f].trim());
  return q.toString();
}

/** The form as the request body; what is not a number is passed on as text so the schema names it. */
export function bodyOf(form: Form): Record<string, unknown> {
  const skip = form.kind === 'infer' ? TRAIN_ONLY : INFER_ONLY;
  const body: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const v = form[f].trim();
    if (v === '' || skip.includes(f)) continue;
    body[f] = NUMBERS.includes(f) && Number.isFinite(Number(v)) ? Number(v) : v;
  }
  return body;
}

interface Normalisation {
  readonly key: Key;
  readonly value: (r: CompareRow) => number | null;
}
const NORMALISATIONS: readonly Normalisation[] = [
  { key: 'compare.perDevice', value: (r) => r.tokensPerSecondPerDevice },
  { key: 'compare.perKW', value: (r) => r.tokensPerSecondPerKW },
  { key: 'compare.perMillionUsd', value: (r) => r.tokensPerSecondPerMillionUsd },
  { key: 'compare.perRack', value: (r) => r.tokensPerSecondPerRack },
];

/**
 * Horizontal bars with whiskers. Every normalisation divides the same total by a fixed quantity
 * (devices, kW, USD, racks), so the band scales with the value: low/point and high/point of the
 * per-device band.
 */
function WhiskerChart(props: { rows: readonly CompareRow[]; norm: Normalisation; testId: string }) {
  const { t, num } = useI18n();
  const bars = props.rows
    .map((r) => {
      const v = props.norm.value(r);
      if (v === null) return null;
      const k = v / r.tokensPerSecondPerDevice;
      return {
        id: r.hardware,
        ref: r.relativeToFirst === null,
        v,
        low: r.band.low * k,
        high: r.band.high * k,
      };
    })
    .filter((b) => b !== null);
  if (!bars.length) return null;
  const label = 170;
  const width = 620;
  const rowH = 34;
  const height = bars.length * rowH + 24;
  const max = Math.max(...bars.map((b) => b.high)) * 1.05;
  const x = (v: number) => label + (v / max) * (width - label - 70);
  return (
    <figure class="card" data-testid={props.testId}>
      <figcaption>{t(props.norm.key)}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={t(props.norm.key)}>
        {bars.map((b, i) => {
          const y = i * rowH + 8;
          const mid = y + 11;
          return (
            <g key={b.id}>
              <text x={label - 8} y={mid + 4} text-anchor="end" font-size="12">
                {b.id}
              </text>
              <rect x={label} y={y} width={x(b.v) - label} height={22} fill={b.ref ? '#8a94a6' : '#4f8cff'} />
              <g class="whisker" stroke="#222" stroke-width="1.5">
                <line x1={x(b.low)} x2={x(b.high)} y1={mid} y2={mid} />
                <line x1={x(b.low)} x2={x(b.low)} y1={mid - 6} y2={mid + 6} />
                <line x1={x(b.high)} x2={x(b.high)} y1={mid - 6} y2={mid + 6} />
              </g>
              <text x={x(b.high) + 6} y={mid + 4} font-size="12">
                {num(b.v, 0)}
              </text>
            </g>
          );
        })}
        <line x1={label} x2={label} y1={0} y2={height - 16} stroke="#999" />
      </svg>
    </figure>
  );
}

type I18n = ReturnType<typeof useI18n>;

function verdictWords(t: I18n['t'], num: I18n['num']) {
  return (r: CompareRow, first: CompareRow) => {
    const rel = r.relativeToFirst!;
    return t(`compare.verdict.${rel.verdict}` as Key, {
      hw: r.hardware,
      ref: first.hardware,
      ratio: num(rel.ratio, 2),
      low: num(rel.low, 2),
      high: num(rel.high, 2),
    });
  };
}

export function ComparePage(props: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const linked = formFromQuery(props.query);
  const [form, setForm] = useState<Form>(linked);
  const [result, setResult] = useState<CompareResponse | null>(null);
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const link = queryOf(linked);

  // The link is the request: compare whenever it changes (and on arrival).
  useEffect(() => {
    setForm(linked);
    let live = true;
    setBusy(true);
    api<CompareResponse>('POST', '/api/compare', bodyOf(linked)).then(
      (r) => {
        if (!live) return;
        setResult(r);
        setIssues([]);
        setBusy(false);
      },
      (e: { issues?: ApiIssue[]; message?: string }) => {
        if (!live) return;
        setResult(null);
        setIssues(e.issues?.length ? e.issues : [{ path: '', message: e.message ?? 'error' }]);
        setBusy(false);
      },
    );
    return () => {
      live = false;
    };
  }, [link]);

  const set = (key: Field) => (e: Event) => setForm({ ...form, [key]: (e.target as HTMLInputElement).value });
  const invalid = (f: Field) =>
    issues.some((i) => i.path === f || i.path.startsWith(`${f}.`) || i.path.startsWith(`${f}[`));
  const input = (f: Field, labelKey: Key) => (
    <label key={f}>
      {t(labelKey)}
      <input value={form[f]} onInput={set(f)} aria-invalid={invalid(f)} data-testid={`compare-${f}`} />
    </label>
  );
  const words = verdictWords(t, num);
  const first = result?.rows[0];

  return (
    <section data-testid="compare-page">
      <form
        class="card"
        data-testid="compare-form"
        onSubmit={(e) => {
          e.preventDefault();
          location.hash = `#/compare?${queryOf(form)}`;
        }}
      >
        <div class="row">
          <label>
            {t('compare.kind')}
            <select value={form.kind} onChange={set('kind')} data-testid="compare-kind">
              <option value="train">{t('compare.kind.train')}</option>
              <option value="infer">{t('compare.kind.infer')}</option>
            </select>
          </label>
          {input('model', 'train.model')}
          {input('hardware', 'compare.hardware')}
          {input('devices', 'compare.devices')}
          <label>
            {t('compare.equal')}
            <select value={form.equal} onChange={set('equal')} data-testid="compare-equal">
              {(['devices', 'systems', 'power', 'capex'] as const).map((b) => (
                <option key={b} value={b}>
                  {t(`compare.equal.${b}` as Key)}
                </option>
              ))}
            </select>
          </label>
          {input('precision', 'train.precision')}
        </div>
        <div class="row">
          {form.kind === 'train'
            ? [
                input('seqLen', 'train.seqLen'),
                input('globalBatch', 'train.globalBatch'),
                input('tokens', 'train.tokens'),
              ]
            : [
                input('inputLen', 'compare.inputLen'),
                input('outputLen', 'compare.outputLen'),
                input('tpotMs', 'compare.tpotMs'),
                input('engine', 'compare.engine'),
              ]}
        </div>
        <button type="submit" data-testid="compare-run">
          {t('compare.run')}
        </button>{' '}
        <a href={`#/compare?${link}`} data-testid="compare-link">
          {t('compare.link')}
        </a>
        {busy && <span class="muted"> {t('common.loading')}</span>}
      </form>
      {issues.length > 0 && (
        <ul class="issues card" data-testid="compare-issues">
          {issues.map((i) => (
            <li key={`${i.path}:${i.message}`}>{issueText(i18n, i)}</li>
          ))}
        </ul>
      )}
      {result && first && (
        <div data-testid="compare-result">
          <div class="card">
            <p class="muted">
              {t('compare.basis', {
                model: result.model,
                equal: t(`compare.equal.${result.equal}` as Key),
                unit: t(result.kind === 'train' ? 'compare.unit.train' : 'compare.unit.infer'),
              })}
            </p>
            <ul data-testid="compare-verdicts">
              {result.rows.slice(1).map((r) => (
                <li key={r.hardware} data-verdict={r.relativeToFirst!.verdict}>
                  {words(r, first)}
                </li>
              ))}
              {result.failed.map((f) => (
                <li key={f.hardware}>
                  {t('compare.failed', { hw: f.hardware, reason: translateMessage(i18n, f.reason) })}
                </li>
              ))}
            </ul>
            <div class="scroll-x">
              <table data-testid="compare-table">
                <thead>
                  <tr>
                    <th>{t('compare.system')}</th>
                    <th class="num">{t('train.devices')}</th>
                    <th>{t('compare.layout')}</th>
                    <th class="num">{t('compare.perDevice')}</th>
                    <th class="num">{t('compare.band')}</th>
                    {result.kind === 'train' && <th class="num">{t('train.days')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {result.rows.map((r) => (
                    <tr key={r.hardware}>
                      <td>
                        {r.hardware} {r.domestic && <span class="badge cn">{t('catalog.domestic')}</span>}
                      </td>
                      <td class="num">{num(r.devices, 0)}</td>
                      <td>{r.layout}</td>
                      <td class="num">{num(r.tokensPerSecondPerDevice, 0)}</td>
                      <td class="num">
                        {num(r.band.low, 0)}–{num(r.band.high, 0)}
                      </td>
                      {result.kind === 'train' && (
                        <td class="num">{r.daysToTrain === null ? '–' : num(r.daysToTrain, 1)}</td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <div class="chart-grid">
            {NORMALISATIONS.map((n) => (
              <WhiskerChart key={n.key} rows={result.rows} norm={n} testId={`chart-${n.key.split('.')[1]}`} />
            ))}
          </div>
          {result.warnings.length > 0 && (
            <ul class="card muted" data-testid="compare-warnings">
              {result.warnings.map((w) => (
                <li key={w}>{translateMessage(i18n, w)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
