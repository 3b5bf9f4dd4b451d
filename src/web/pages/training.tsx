/**
 * Training: model and hardware forms; the estimate is recomputed in a Web Worker on every edit;
 * step-time and memory charts; the error band; a server-side layout search with progress and cancel.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SearchJob } from '../../core/job';
import { FRAMEWORKS } from '../../core/train/framework';
import { layoutText } from '../../core/train/layout-text';
import type { TrainEstimate } from '../../core/train/request';
import { TRAIN_PRECISIONS } from '../../core/train/types';
import { type ApiIssue, api, issuesOf } from '../api';
import { Chart } from '../charts';
import { type Key, useI18n } from '../i18n';
import { fieldLabel, issueField, translateMessage } from '../messages';
import {
  CUSTOM,
  DEFAULT_FORM,
  type Form,
  LAYOUT_CHOICES,
  LAYOUT_NUMBERS,
  LAYOUT_SWITCHES,
  searchKey,
  toBody,
} from '../train-form';
import type { EstimateReply } from '../worker/estimate-worker';

/** The search's columns: every layout number, so two rows never look alike. */
const TOP_COLUMNS = ['tp', 'pp', 'vp', 'dp', 'cp', 'ep', 'etp', 'mbs', 'recompute', 'zero'] as const;

/** A found layout as form fields: every field given, so the estimate is exactly that layout. */
function layoutFields(l: TrainEstimate['layout']): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const k of LAYOUT_NUMBERS) fields[k] = String(l[k]);
  fields.recompute = l.recompute;
  fields.zero = String(l.zero);
  fields.schedule = l.schedule;
  fields.attention = l.flashAttention ? 'flash' : 'unfused';
  fields.experts = l.groupedExperts ? 'grouped' : 'looped';
  fields.dispatcher = l.moeDispatcher;
  fields.layersPerStage = l.layersPerStage ? l.layersPerStage.join(',') : '';
  fields.sequenceParallel = String(l.sequenceParallel);
  fields.tpOverlap = String(l.overlapTpComm);
  fields.gradOverlap = String(l.overlapDpGrad);
  fields.paramGatherOverlap = String(l.overlapParamGather);
  fields.epOverlap = String(l.overlapEpComm);
  fields.cudaGraph = String(l.fullIterationCudaGraph);
  fields.reuseFp32Params = String(l.reuseFp32Params);
  return fields;
}

export function TrainingPage() {
  const i18n = useI18n();
  const { t, num } = i18n;
  const [form, setForm] = useState<Form>(DEFAULT_FORM);
  const [presets, setPresets] = useState<string[]>([]);
  const [hardware, setHardware] = useState<{ id: string; name: string; domestic: boolean }[]>([]);
  const [estimate, setEstimate] = useState<TrainEstimate | null>(null);
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [ms, setMs] = useState<number | null>(null);
  const [job, setJob] = useState<SearchJob | null>(null);
  /** The form (less its layout) the shown search ran for. */
  const [searchedKey, setSearchedKey] = useState<string | null>(null);
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    api<{ presets: { name: string }[] }>('GET', '/api/models').then(
      (r) => setPresets(r.presets.map((p) => p.name)),
      () => {},
    );
    api<{ entries: { id: string; name: string; domestic: boolean }[] }>('GET', '/api/catalog').then(
      (r) => setHardware(r.entries),
      () => {},
    );
    const w = new Worker(new URL('../worker/estimate-worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<EstimateReply>) => {
      if (e.data.seq !== seq.current) return; // a newer edit is on its way
      setMs(e.data.ms);
      if (e.data.ok) {
        setEstimate(e.data.value);
        setIssues([]);
      } else setIssues(e.data.issues);
    };
    worker.current = w;
    return () => w.terminate();
  }, []);

  useEffect(() => {
    seq.current++;
    worker.current?.postMessage({ seq: seq.current, body: toBody(form) });
  }, [form, worker.current]);

  const set = (key: keyof Form) => (e: Event) =>
    setForm({ ...form, [key]: (e.target as HTMLInputElement).value });
  const setLayout = (key: string) => (e: Event) =>
    setForm({ ...form, layout: { ...form.layout, [key]: (e.target as HTMLInputElement).value } });
  // the shown estimate belongs to an earlier form while the current one has problems
  const stale = issues.length > 0;
  const invalid = (path: string) =>
    issues.some((i) => issueField(i.path) === path || i.path.startsWith(`${path}.`));

  const startSearch = async () => {
    try {
      const started = await api<SearchJob>('POST', '/api/train/search', { request: toBody(form), top: 5 });
      setSearchedKey(searchKey(form));
      setJob(started);
      let view = started;
      while (view.state === 'running') {
        await new Promise((r) => setTimeout(r, 250));
        view = await api<SearchJob>('GET', `/api/jobs/${started.id}`);
        setJob(view);
      }
    } catch (e) {
      setIssues(issuesOf(e));
    }
  };
  const cancel = async () => {
    if (job) setJob(await api<SearchJob>('DELETE', `/api/jobs/${job.id}`));
  };

  const breakdownOption = useMemo(() => {
    if (!estimate) return null;
    const entries = Object.entries(estimate.breakdown).filter(([, v]) => v > 0);
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 150, right: 30, top: 10, bottom: 30 },
      xAxis: { type: 'value', name: t('unit.s') },
      yAxis: {
        type: 'category',
        data: entries.map(([k]) => t(`breakdown.${k.replace(/Seconds$/, '')}` as Key)),
      },
      series: [
        { type: 'bar', data: entries.map(([, v]) => Number(v.toFixed(4))), itemStyle: { color: '#4f8cff' } },
      ],
    };
  }, [estimate]);
  const memoryOption = useMemo(() => {
    if (!estimate) return null;
    const parts = ['weightsGB', 'gradientsGB', 'optimizerStatesGB', 'activationsGB', 'reservedGB'] as const;
    const capacity = estimate.memory.capacityGB;
    const total = parts.reduce((sum, p) => sum + estimate.memory[p], 0);
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 50, right: 30, top: 20, bottom: 50 },
      xAxis: { type: 'category', data: [estimate.hardware.chipId] },
      // the capacity line always shows: the axis reaches past it even when the model uses a fraction
      yAxis: { type: 'value', name: t('unit.GB'), max: Math.ceil(Math.max(total, capacity) * 1.1) },
      series: parts.map((p, i) => ({
        name: t(`memory.${p.replace(/GB$/, '')}` as Key),
        type: 'bar',
        stack: 'm',
        data: [Number(estimate.memory[p].toFixed(2))],
        ...(i === 0
          ? {
              markLine: {
                symbol: 'none',
                data: [{ yAxis: capacity, name: t('train.capacity') }],
                label: {
                  formatter: `${t('train.capacity')} ${num(capacity, 0)} GB`,
                  position: 'insideEndTop',
                },
                lineStyle: { color: '#d33', type: 'dashed', width: 2 },
              },
            }
          : {}),
      })),
    };
  }, [estimate, t]);

  return (
    <section class="grid2" data-testid="training-page">
      <form class="card" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('train.model')}
          <select value={form.model} onChange={set('model')} data-testid="model">
            {(presets.length ? presets : [form.model]).map((p) => (
              <option key={p}>{p}</option>
            ))}
            <option value={CUSTOM}>{t('train.customConfig')}</option>
          </select>
        </label>
        {form.model === CUSTOM && (
          <textarea
            rows={6}
            placeholder={t('train.configPlaceholder')}
            value={form.config}
            onInput={set('config')}
            aria-invalid={invalid('model')}
          />
        )}
        <label>
          {t('train.hardware')}
          <select
            value={form.hardware}
            onChange={set('hardware')}
            data-testid="hardware"
            aria-invalid={invalid('hardware')}
          >
            {(hardware.length ? hardware : [{ id: form.hardware, name: form.hardware, domestic: true }]).map(
              (h) => (
                <option key={h.id} value={h.id}>
                  {h.domestic ? 'CN · ' : ''}
                  {h.name} ({h.id})
                </option>
              ),
            )}
          </select>
        </label>
        <div class="row">
          {(['devices', 'seqLen', 'globalBatch'] as const).map((k) => (
            <label key={k}>
              {t(`train.${k}`)}
              <input
                value={form[k]}
                onInput={set(k)}
                inputMode="numeric"
                size={8}
                data-testid={k}
                aria-invalid={invalid(k)}
              />
            </label>
          ))}
          <label>
            {t('train.precision')}
            <select value={form.precision} onChange={set('precision')}>
              {TRAIN_PRECISIONS.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
          <label>
            {t('train.tokens')}
            <input
              value={form.tokens}
              onInput={set('tokens')}
              size={8}
              data-testid="tokens"
              aria-invalid={invalid('tokens')}
            />
          </label>
          <label>
            {t('train.framework')}
            <select value={form.framework} onChange={set('framework')} data-testid="framework">
              <option value="">{t('train.default')}</option>
              {FRAMEWORKS.map((f) => (
                <option key={f}>{f}</option>
              ))}
            </select>
          </label>
        </div>
        <p class="muted">{t('train.layout')}</p>
        <div class="layout-grid">
          {LAYOUT_NUMBERS.map((k) => (
            <label key={k}>
              {t(`layout.${k}`)}
              <input
                value={form.layout[k] ?? ''}
                placeholder={t('train.bestFound')}
                onInput={setLayout(k)}
                data-testid={`layout-${k}`}
                aria-invalid={invalid(`layout.${k}`)}
              />
            </label>
          ))}
          <label>
            {t('layout.layersPerStage')}
            <input
              value={form.layout.layersPerStage ?? ''}
              placeholder={t('train.evenSplit')}
              onInput={setLayout('layersPerStage')}
              data-testid="layout-layersPerStage"
              aria-invalid={invalid('layout.layersPerStage')}
            />
          </label>
          {Object.entries(LAYOUT_CHOICES).map(([k, choices]) => (
            <label key={k}>
              {t(`layout.${k}` as Key)}
              <select
                value={form.layout[k] ?? ''}
                onChange={setLayout(k)}
                data-testid={`layout-${k}`}
                aria-invalid={invalid(`layout.${k}`)}
              >
                <option value="">
                  {k === 'attention' || k === 'experts' || k === 'schedule'
                    ? t('train.default')
                    : t('train.bestFound')}
                </option>
                {choices.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            </label>
          ))}
        </div>
        <p class="muted">{t('train.switches')}</p>
        <div class="layout-grid">
          {LAYOUT_SWITCHES.map((k) => (
            <label key={k}>
              {t(`layout.${k}`)}
              <select value={form.layout[k] ?? ''} onChange={setLayout(k)} data-testid={`layout-${k}`}>
                <option value="">{t('train.default')}</option>
                <option value="true">{t('common.yes')}</option>
                <option value="false">{t('common.no')}</option>
              </select>
            </label>
          ))}
        </div>
        {issues.length > 0 && (
          <ul class="issues" data-testid="issues">
            {issues.map((i) => (
              <li key={`${i.path}:${i.message}`} data-path={i.path}>
                {i.path
                  ? t('common.issue', {
                      path: fieldLabel(i18n, i.path),
                      message: translateMessage(i18n, i.message),
                    })
                  : translateMessage(i18n, i.message)}
              </li>
            ))}
          </ul>
        )}
        <p>
          <button
            type="button"
            onClick={startSearch}
            disabled={job?.state === 'running'}
            data-testid="search"
          >
            {t('train.search')}
          </button>
        </p>
      </form>
      <div>
        {estimate && (
          <div class={stale ? 'card stale' : 'card'} data-testid="estimate" data-stale={String(stale)}>
            {stale && (
              <p class="stale-note" data-testid="stale-note">
                {t('train.stale')}
              </p>
            )}
            <h3>
              {t('train.resultOf', {
                model: estimate.model,
                devices: num(estimate.devices, 0),
                hardware: estimate.hardware.id,
              })}
            </h3>
            <div class="kpis">
              <Kpi
                k={t('train.stepTime')}
                v={`${num(estimate.stepSeconds, 3)} ${t('unit.s')}`}
                testId="step-seconds"
              />
              <Kpi k={t('train.mfu')} v={num(estimate.mfu * 100, 1) + '%'} />
              <Kpi k={t('train.tokensPerDevice')} v={num(estimate.tokensPerSecondPerDevice, 0)} />
              <Kpi
                k={t(estimate.ranksPerDevice > 1 ? 'train.memoryPerDie' : 'train.memory')}
                v={`${num(estimate.memoryPerDeviceGB, 1)} / ${num(estimate.memory.capacityGB, 0)} GB`}
              />
              <Kpi k={t('train.fits')} v={estimate.fits ? t('common.yes') : t('common.no')} testId="fits" />
              {estimate.fits && estimate.daysToTrain !== null && (
                <Kpi k={t('train.days')} v={num(estimate.daysToTrain, 1)} testId="days" />
              )}
              {!estimate.fits && <Kpi k={t('train.days')} v={t('train.noFit')} testId="days-no-fit" />}
              <Kpi
                k={t('train.band')}
                v={`${num(estimate.errorBand.low, 0)}–${num(estimate.errorBand.high, 0)}`}
                title={estimate.errorBand.basis}
              />
            </div>
            <p class="muted" data-testid="estimate-ms" data-ms={ms ?? ''}>
              {estimate.framework}: {layoutText(estimate.layout)} ·{' '}
              {ms !== null && t('train.computedIn', { ms: num(ms, 1) })}
            </p>
            {estimate.warnings.length > 0 && (
              <ul class="muted">
                {estimate.warnings.map((w) => (
                  <li key={w}>{translateMessage(i18n, w)}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {estimate && breakdownOption && (
          <div class={stale ? 'card stale' : 'card'}>
            <h4>{t('train.breakdown')}</h4>
            <Chart option={breakdownOption} height={240} testId="breakdown-chart" />
            <h4>{t('train.memoryChart')}</h4>
            {memoryOption && <Chart option={memoryOption} height={240} testId="memory-chart" />}
          </div>
        )}
        {job && (
          <div class="card" data-testid="search-job">
            {job.state === 'running' && (
              <p>
                <progress value={job.progress} max={1} />{' '}
                {t('train.searching', { pct: `${Math.round(job.progress * 100)}%` })}{' '}
                <button type="button" onClick={cancel}>
                  {t('train.cancel')}
                </button>
              </p>
            )}
            {job.state === 'cancelled' && <p>{t('train.cancelled')}</p>}
            {job.state === 'failed' && (
              <p class="issues">
                {t('train.failed', {
                  msg: (job.issues ?? []).map((i) => translateMessage(i18n, i.message)).join('; '),
                })}
              </p>
            )}
            {job.state === 'done' && job.result && searchedKey !== searchKey(form) && (
              <p class="muted" data-testid="search-stale">
                {t('train.searchStale')}
              </p>
            )}
            {job.state === 'done' && job.result && searchedKey === searchKey(form) && (
              <>
                <h4>{t('train.topLayouts', { n: num(job.result.evaluated, 0) })}</h4>
                <table data-testid="top-layouts">
                  <thead>
                    <tr>
                      {TOP_COLUMNS.map((c) => (
                        <th key={c} title={t(`layout.${c}`)}>
                          {c === 'recompute' ? t('layout.recompute') : c === 'zero' ? 'ZeRO' : c}
                        </th>
                      ))}
                      <th class="num">{t('train.stepTime')}</th>
                      <th class="num">{t('train.mfu')}</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {job.result.top.map((e, rank) => (
                      <tr key={layoutText(e.layout)} data-rank={rank}>
                        {TOP_COLUMNS.map((c) => (
                          <td key={c}>{String(e.layout[c])}</td>
                        ))}
                        <td class="num">
                          {num(e.stepSeconds, 3)} {t('unit.s')}
                        </td>
                        <td class="num">{num(e.mfu * 100, 1)}%</td>
                        <td>
                          <button
                            type="button"
                            title={t('train.applyHint')}
                            data-testid={`apply-${rank}`}
                            onClick={() => setForm({ ...form, layout: layoutFields(e.layout) })}
                          >
                            {t('train.apply')}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {(job.result.top[0]?.warnings.length ?? 0) > 0 && (
                  // the best layout's caveats qualify the whole table, as on the CLI (`train search`)
                  <ul class="muted" data-testid="top-warnings">
                    {job.result.top[0]!.warnings.map((w) => (
                      <li key={w}>#1: {translateMessage(i18n, w)}</li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

function Kpi(props: { k: string; v: string; title?: string; testId?: string }) {
  return (
    <div class="kpi" title={props.title} data-testid={props.testId}>
      <div class="v">{props.v}</div>
      <div class="k">{props.k}</div>
    </div>
  );
}
