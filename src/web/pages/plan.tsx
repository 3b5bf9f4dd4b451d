/**
 * Fleet plan: a scenario editor (YAML) checked by the server as the user types, a solve that runs as a
 * cancellable job whose progress streams over server-sent events, and everything `chipmix plan` says:
 * the conflicts and least relaxations of an infeasible scenario, purchases, the sites' installed pools,
 * per-workload layouts, rule verdicts per scope, binding constraints, evidence caveats beside the
 * hardware they qualify, and the cost/time versus domestic-share chart with its infeasible points.
 * The response types are the core's (core/plan/request.ts, core/job.ts); exports use the core's CSV and SVG.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PlanJob } from '../../core/job';
import { renderMessage } from '../../core/messages/read';
import { SWEEP_CHART_LABEL_CODES, sweepChartSvg, sweepCsv } from '../../core/plan/chart';
import type { PlanOutput } from '../../core/plan/request';
import { type ApiIssue, api, getToken, issuesOf } from '../api';
import { Chart } from '../charts';
import { download } from '../download';
import { type I18n, type Key, useI18n } from '../i18n';
import { issueText, translateMessage } from '../messages';
import { PlanRoadmap } from './plan-roadmap';

type Plan = PlanOutput;

/**
 * Evidence warnings ("ID: ...") by the hardware id they qualify; the rest stay general. Each is in the
 * page's language (the core's lines read back to code and parameters, src/web/messages.ts).
 */
function splitWarnings(plan: Plan, i18n: I18n): { byHardware: Map<string, string[]>; general: string[] } {
  const ids = new Set<string>([
    ...plan.purchases.map((p) => p.hardware),
    ...plan.sites.flatMap((s) => Object.keys(s.devices)),
  ]);
  const byHardware = new Map<string, string[]>();
  const general: string[] = [];
  for (const w of plan.warnings) {
    const id = w.slice(0, w.indexOf(':'));
    if (ids.has(id) && !w.slice(id.length).startsWith(' on ')) {
      byHardware.set(id, [
        ...(byHardware.get(id) ?? []),
        translateMessage(i18n, w.slice(id.length + 1).trim()),
      ]);
    } else general.push(translateMessage(i18n, w));
  }
  return { byHardware, general };
}

/** Follows a job's server-sent events (fetch, so the bearer token travels); resolves with the final view. */
async function followJob(id: string, onView: (patch: Partial<PlanJob>) => void): Promise<PlanJob> {
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`/api/jobs/${id}/events`, { headers });
  if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
      const event = /^event: ?(.*)$/m.exec(block)?.[1];
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).replace(/^ /, ''))
        .join('\n');
      if (!data) continue;
      const parsed = JSON.parse(data) as Partial<PlanJob>;
      if (event === 'end') {
        void reader.cancel();
        return parsed as PlanJob;
      }
      onView(parsed);
    }
  }
  return api<PlanJob>('GET', `/api/jobs/${id}`);
}

/** This tab's scenario text and last solve (`{ id, scenario }`), kept across pages and reloads. */
const SCENARIO_KEY = 'chipmix.plan.scenario';
const JOB_KEY = 'chipmix.plan.job';

export function PlanPage() {
  const i18n = useI18n();
  const { t, num, pct } = i18n;
  const [examples, setExamples] = useState<{ name: string; yaml: string }[]>([]);
  // the scenario and the last solve outlive a visit to another page (and a reload) in this tab
  const storedText = useRef(sessionStorage.getItem(SCENARIO_KEY));
  const [text, setText] = useState(() => storedText.current ?? '');
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [valid, setValid] = useState<boolean | null>(null);
  const [sweep, setSweep] = useState(true);
  const [job, setJob] = useState<PlanJob | null>(null);
  /** The scenario text the shown plan was solved for: an edit since dates it. */
  const [solvedText, setSolvedText] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  /** The latest validation asked: an older answer arriving late (a cold worker) is dropped. */
  const asked = useRef(0);

  useEffect(() => {
    api<{ examples: { name: string; yaml: string }[] }>('GET', '/api/plan/examples').then(
      (r) => {
        setExamples(r.examples);
        const first = r.examples.find((e) => e.name === 'plan-mixed-two-sites') ?? r.examples[0];
        // the example only where this tab has no scenario of its own yet
        if (first && storedText.current === null) setText(first.yaml);
      },
      () => {},
    );
    // a solve started before leaving the page: shown again, and followed while it runs
    const saved = sessionStorage.getItem(JOB_KEY);
    if (saved) {
      const { id, scenario } = JSON.parse(saved) as { id: string; scenario: string };
      api<PlanJob>('GET', `/api/jobs/${id}`).then(
        (found) => {
          setSolvedText(scenario);
          setJob(found);
          if (found.state === 'running') void follow(found);
        },
        () => sessionStorage.removeItem(JOB_KEY), // gone (a restarted server) or not this user's
      );
    }
  }, []);

  useEffect(() => {
    sessionStorage.setItem(SCENARIO_KEY, text);
  }, [text]);

  // validation as you type, debounced: the server runs the planner's own checks, without a solve
  useEffect(() => {
    window.clearTimeout(timer.current);
    if (!text.trim()) {
      // nothing to check and nothing to solve: the last verdict ("valid") must not stay on screen
      asked.current += 1;
      setValid(null);
      setIssues([]);
      return undefined;
    }
    timer.current = window.setTimeout(() => {
      const mine = ++asked.current;
      api<{ ok: boolean; issues: ApiIssue[] }>('POST', '/api/plan/validate', { scenario: text }).then(
        (r) => {
          if (mine !== asked.current) return;
          setValid(r.ok);
          setIssues(r.issues);
        },
        (e: { issues?: ApiIssue[]; message: string }) => {
          if (mine !== asked.current) return;
          setValid(false);
          setIssues(issuesOf(e));
        },
      );
    }, 250);
    return () => window.clearTimeout(timer.current);
  }, [text]);

  /** Follows a running job to its end: its event stream, else polling. */
  const follow = async (started: PlanJob) => {
    let final: PlanJob;
    try {
      final = await followJob(started.id, (patch) =>
        setJob((j) => (j && j.id === started.id && j.state === 'running' ? { ...j, ...patch } : j)),
      );
    } catch {
      // no event stream (a proxy that buffers it): poll instead
      final = started;
      while (final.state === 'running') {
        await new Promise((r) => setTimeout(r, 300));
        final = await api<PlanJob>('GET', `/api/jobs/${started.id}`);
        setJob(final);
      }
    }
    setJob((j) => (j && j.id === started.id && j.state === 'cancelled' ? j : final));
  };

  const solve = async () => {
    try {
      const started = await api<PlanJob>('POST', '/api/plan', {
        scenario: text,
        ...(sweep ? { sweep: { from: 0, to: 100, step: 10 } } : {}),
      });
      setSolvedText(text);
      setJob(started);
      sessionStorage.setItem(JOB_KEY, JSON.stringify({ id: started.id, scenario: text }));
      await follow(started);
    } catch (e) {
      setIssues(issuesOf(e));
    }
  };
  const cancel = async () => {
    if (job) setJob(await api<PlanJob>('DELETE', `/api/jobs/${job.id}`));
  };

  const plan = job?.state === 'done' ? job.result : undefined;
  const sweepOption = useMemo(() => {
    if (!plan?.sweep) return null;
    const points = plan.sweep;
    const costs = points.map((p) => (p.totalUsd === null ? null : Number((p.totalUsd / 1e6).toFixed(2))));
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 60, right: 60, top: 30, bottom: 80 },
      xAxis: {
        type: 'category',
        name: t('plan.threshold'),
        nameLocation: 'middle',
        nameGap: 30,
        data: points.map((p) => `${Math.round(p.threshold * 100)}%`),
      },
      yAxis: [
        { type: 'value', name: t('plan.costM'), min: 0 },
        { type: 'value', name: t('plan.days'), splitLine: { show: false }, min: 0 },
      ],
      series: [
        { name: t('plan.costM'), type: 'line', data: costs.map((c) => c ?? '-') },
        // what the swept rules' deny lists cost at each point (they are kept at every threshold, the 0% one too)
        ...(points.some((p) => (p.denyUsd ?? 0) > 0)
          ? [
              {
                name: t('plan.denyM'),
                type: 'line',
                lineStyle: { type: 'dotted' },
                data: points.map((p) => (p.denyUsd === null ? '-' : Number((p.denyUsd / 1e6).toFixed(2)))),
              },
            ]
          : []),
        {
          name: t('plan.days'),
          type: 'line',
          yAxisIndex: 1,
          lineStyle: { type: 'dashed' },
          data: points.map((p) => (p.completionDays === null ? '-' : Number(p.completionDays.toFixed(1)))),
        },
        {
          // infeasible thresholds: a red cross on the threshold axis, as in the CLI's SVG
          name: t('plan2.infeasiblePoint'),
          type: 'scatter',
          symbol: 'path://M0,0 L10,10 M10,0 L0,10 Z',
          symbolSize: 12,
          itemStyle: { color: '#c01818', borderColor: '#c01818', borderWidth: 2 },
          data: points.map((p) => (p.status === 'infeasible' ? 0 : '-')),
        },
      ],
    };
  }, [plan, t]);

  const status = (s: Plan['status']) => t(`plan2.status.${s}` as Key);

  return (
    <section class="plan-grid" data-testid="plan-page">
      <div class="card">
        <label>
          {t('plan.example')}
          <select
            onChange={(e) =>
              setText(examples.find((x) => x.name === (e.target as HTMLSelectElement).value)?.yaml ?? text)
            }
          >
            {examples.map((e) => (
              <option key={e.name} selected={e.name === 'plan-mixed-two-sites'}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('plan.scenario')}
          <textarea
            rows={30}
            spellcheck={false}
            value={text}
            onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
            aria-invalid={valid === false}
            data-testid="scenario"
            style={{ fontFamily: 'monospace', fontSize: '0.8rem', width: '100%', boxSizing: 'border-box' }}
          />
        </label>
        <p data-testid="scenario-status" data-valid={String(valid)}>
          {valid === null ? (
            ''
          ) : valid ? (
            <span class="pass">✓ {t('plan.valid')}</span>
          ) : (
            <span class="fail">{t('plan.invalid')}</span>
          )}
        </p>
        {issues.length > 0 && (
          <ul class="issues" data-testid="plan-issues">
            {issues.map((i) => (
              <li key={`${i.path}${i.message}`}>{issueText(i18n, i)}</li>
            ))}
          </ul>
        )}
        <label style={{ flexDirection: 'row', alignItems: 'center', gap: '0.4rem' }}>
          <input
            type="checkbox"
            checked={sweep}
            onChange={() => setSweep(!sweep)}
            data-testid="sweep-toggle"
          />{' '}
          {t('plan.sweep')}
        </label>
        <p>
          <button
            type="button"
            onClick={solve}
            disabled={valid !== true || job?.state === 'running'}
            data-testid="solve"
          >
            {t('plan.solve')}
          </button>
        </p>
      </div>
      <div style={{ minWidth: 0 }}>
        {job?.state === 'running' && (
          <div class="card" data-testid="plan-progress">
            <progress
              value={job.progress}
              max={1}
              data-testid="plan-progress-bar"
              data-value={job.progress}
            />{' '}
            {pct(job.progress)} {t('plan.solving')}{' '}
            <button type="button" onClick={cancel}>
              {t('train.cancel')}
            </button>
            {job.step && (
              <div class="muted" data-testid="plan-step">
                {t('plan2.step', {
                  done: job.step.done,
                  total: job.step.total,
                  label: translateMessage(i18n, job.step.label),
                })}
              </div>
            )}
          </div>
        )}
        {job?.state === 'cancelled' && <p class="card">{t('train.cancelled')}</p>}
        {job?.state === 'failed' && (
          <p class="card issues">{job.issues?.map((i) => translateMessage(i18n, i.message)).join('; ')}</p>
        )}
        {plan && solvedText !== text && (
          <p class="card muted" data-testid="plan-stale" style={{ color: '#9a5b00' }}>
            {t('plan2.stale')}
          </p>
        )}
        {plan && <PlanResult plan={plan} status={status(plan.status)} />}
        {plan && sweepOption && plan.sweep && (
          <div class="card">
            <h4>{t('plan.sweepChart')}</h4>
            <Chart option={sweepOption} height={300} testId="sweep-chart" />
            <p class="muted" data-testid="sweep-infeasible">
              {plan.sweep
                .filter((p) => p.status === 'infeasible')
                .map((p) => `${num(p.threshold * 100, 1)}%`)
                .join(', ')}
              {plan.sweep.some((p) => p.status === 'infeasible') ? ` · ✕ ${t('plan2.infeasiblePoint')}` : ''}
            </p>
          </div>
        )}
        {plan?.periods?.length ? (
          <div class="card" data-testid="plan-roadmap">
            <PlanRoadmap periods={plan.periods} />
          </div>
        ) : null}
        {plan && (
          <div class="card row" data-testid="plan-export">
            <strong>{t('plan2.export')}</strong>
            <button
              type="button"
              data-testid="export-json"
              onClick={() => download('plan.json', 'application/json', `${JSON.stringify(plan, null, 2)}\n`)}
            >
              plan.json
            </button>
            {plan.sweep && (
              <>
                <button
                  type="button"
                  data-testid="export-csv"
                  onClick={() => download('sweep.csv', 'text/csv', sweepCsv(plan.sweep ?? []))}
                >
                  sweep.csv
                </button>
                <button
                  type="button"
                  data-testid="export-svg"
                  onClick={() =>
                    download(
                      'sweep.svg',
                      'image/svg+xml',
                      sweepChartSvg(
                        plan.sweep ?? [],
                        renderMessage(i18n.lang, 'chart.sweep-title', { scenario: plan.scenario ?? 'plan' }),
                        {
                          threshold: renderMessage(i18n.lang, SWEEP_CHART_LABEL_CODES.threshold),
                          cost: renderMessage(i18n.lang, SWEEP_CHART_LABEL_CODES.cost),
                          days: renderMessage(i18n.lang, SWEEP_CHART_LABEL_CODES.days),
                          infeasible: renderMessage(i18n.lang, SWEEP_CHART_LABEL_CODES.infeasible),
                        },
                      ),
                    )
                  }
                >
                  sweep.svg
                </button>
              </>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

/** A caveat mark beside a hardware id: the evidence warnings that qualify its numbers, visible. */
function Caveats(props: { notes: string[] | undefined }) {
  if (!props.notes?.length) return null;
  return (
    <div class="muted" data-testid="caveat" style={{ color: '#9a5b00' }}>
      {props.notes.map((n) => (
        <div key={n}>⚠ {n}</div>
      ))}
    </div>
  );
}

function PlanResult(props: { plan: Plan; status: string }) {
  const i18n = useI18n();
  const { t, num, pct } = i18n;
  const { plan } = props;
  const feasible = plan.status === 'optimal' || (plan.status === 'time_limit' && plan.purchases.length > 0);
  const { byHardware, general } = splitWarnings(plan, i18n);
  const scopeName = (scope: string) => (scope === 'organisation' ? t('comply.organisation') : scope);
  const caveatCount = [...byHardware.values()].reduce((n, v) => n + v.length, 0);
  const usdM = (v: number) => `$${num(v / 1e6, 2)}M`;
  const bought = (site: string, hw: string) =>
    plan.purchases.filter((p) => p.site === site && p.hardware === hw).reduce((n, p) => n + p.count, 0);

  return (
    <div class="card" data-testid="plan-result" data-status={plan.status}>
      <h3>
        {plan.scenario ?? ''} ·{' '}
        <span class={feasible ? 'pass' : 'fail'} data-testid="plan-status">
          {props.status}
        </span>
      </h3>
      {!feasible && (
        <div data-testid="plan-infeasible">
          <p class="fail">{t('plan2.noPlan')}</p>
          {plan.conflicts.length > 0 && (
            <>
              <h4>
                {new Set(plan.conflicts.map((c) => c.set ?? 1)).size > 1
                  ? t('plan2.conflictSets')
                  : t('plan2.conflicts')}
              </h4>
              <ul data-testid="plan-conflicts">
                {plan.conflicts.map((c) => (
                  <li key={c.constraint}>
                    {new Set(plan.conflicts.map((x) => x.set ?? 1)).size > 1 && c.set
                      ? `${t('plan2.conflictSet', { set: c.set })} `
                      : ''}
                    <code>{c.constraint}</code>
                    {t('plan2.colon')}
                    {translateMessage(i18n, c.message)}
                  </li>
                ))}
              </ul>
            </>
          )}
          {plan.relaxations.length > 0 && (
            <>
              <h4>{t('plan2.relaxations')}</h4>
              <ul data-testid="plan-relaxations">
                {plan.relaxations.map((r) => (
                  <li key={r.constraint}>
                    <code>{r.constraint}</code>
                    {t('plan2.colon')}
                    {translateMessage(i18n, r.message)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {feasible && (
        <>
          <div class="kpis">
            <div class="kpi" data-testid="kpi-total">
              <div class="v">{usdM(plan.costs.totalUsd)}</div>
              <div class="k">{t('plan.total')}</div>
              {caveatCount > 0 && (
                <div class="muted" style={{ color: '#9a5b00' }} data-testid="total-caveat">
                  ⚠ {t('plan2.caveatsOnTotal', { n: caveatCount })}
                </div>
              )}
            </div>
            <div class="kpi">
              <div class="v">{usdM(plan.costs.capexUsd)}</div>
              <div class="k">{t('plan.capex')}</div>
            </div>
            <div class="kpi">
              <div class="v">{usdM(plan.costs.energyUsd)}</div>
              <div class="k">{t('plan2.energy')}</div>
            </div>
            <div class="kpi">
              <div class="v">{pct(plan.domesticShare.count)}</div>
              <div class="k">{t('plan.domestic')}</div>
            </div>
            {plan.completionDays !== null && (
              <div class="kpi">
                <div class="v">{num(plan.completionDays, 1)}</div>
                <div class="k">{t('plan.days')}</div>
              </div>
            )}
          </div>
          <h4>{t('plan2.purchases')}</h4>
          <table data-testid="purchases">
            <thead>
              <tr>
                <th>{t('comply.site')}</th>
                <th>{t('train.hardware')}</th>
                <th class="num">{t('train.devices')}</th>
                <th class="num">{t('plan2.units')}</th>
                <th class="num">{t('plan.capex')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.purchases.map((p) => (
                <tr key={`${p.site}${p.hardware}`}>
                  <td>{p.site}</td>
                  <td>
                    {p.hardware}
                    <Caveats notes={byHardware.get(p.hardware)} />
                  </td>
                  <td class="num">{num(p.count, 0)}</td>
                  <td class="num">{num(p.units, 0)}</td>
                  <td class="num">{usdM(p.capexUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h4>{t('plan2.sites')}</h4>
          <table data-testid="plan-sites">
            <thead>
              <tr>
                <th>{t('comply.site')}</th>
                <th>{t('train.hardware')}</th>
                <th class="num">{t('plan2.installed')}</th>
                <th class="num">{t('plan2.bought')}</th>
                <th class="num">{t('plan2.retired')}</th>
                <th class="num">{t('plan2.power')}</th>
                <th class="num">{t('plan.domestic')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.sites.flatMap((s) => {
                const hws = [...new Set([...Object.keys(s.devices), ...Object.keys(s.retired)])].sort();
                return hws.map((hw, k) => {
                  const total = s.devices[hw] ?? 0;
                  const buy = bought(s.site, hw);
                  return (
                    <tr key={`${s.site}${hw}`} data-site={s.site} data-hardware={hw}>
                      <td>{k === 0 ? s.site : ''}</td>
                      <td>
                        {hw}
                        <Caveats notes={buy > 0 ? undefined : byHardware.get(hw)} />
                      </td>
                      <td class="num" data-col="installed">
                        {num(total - buy, 0)}
                      </td>
                      <td class="num">{num(buy, 0)}</td>
                      <td class="num">{num(s.retired[hw] ?? 0, 0)}</td>
                      <td class="num">
                        {k === 0
                          ? `${num(s.powerMW, 2)}${s.powerCapMW === null ? '' : ` / ${num(s.powerCapMW, 2)}`}`
                          : ''}
                      </td>
                      <td class="num">{k === 0 ? pct(s.domesticShare.count) : ''}</td>
                    </tr>
                  );
                });
              })}
            </tbody>
          </table>
          <h4>{t('plan2.workloads')}</h4>
          <table data-testid="plan-workloads">
            <thead>
              <tr>
                <th>{t('plan2.workload')}</th>
                <th>{t('comply.site')}</th>
                <th>{t('train.hardware')}</th>
                <th>{t('plan2.layout')}</th>
                <th class="num">{t('plan.days')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.workloads.flatMap((w) =>
                w.kind === 'training'
                  ? [
                      <tr key={w.id} data-workload={w.id}>
                        <td>{w.id}</td>
                        <td>{w.site}</td>
                        <td>
                          {w.hardware.map((hw, i) => (
                            <div key={hw}>
                              {num(w.devices[i] ?? 0, 0)} × {hw}
                              {w.installed[i] ? ` (${t('plan2.installed')})` : ''}
                            </div>
                          ))}
                          {w.notes.map((n) => (
                            <div key={n} class="muted" style={{ color: '#9a5b00' }} data-testid="caveat">
                              ⚠ {translateMessage(i18n, n)}
                            </div>
                          ))}
                        </td>
                        <td>
                          <code style={{ wordBreak: 'break-word' }}>{w.layout}</code>
                        </td>
                        <td class="num">
                          {num(w.completionDays, 1)}
                          {w.deadlineDays !== null && (
                            <div class="muted">{t('plan2.deadline', { days: num(w.deadlineDays, 0) })}</div>
                          )}
                        </td>
                      </tr>,
                    ]
                  : w.replicas.map((r, i) => (
                      <tr key={`${w.id}${i}`} data-workload={w.id}>
                        <td>{i === 0 ? w.id : ''}</td>
                        <td>{r.site}</td>
                        <td>
                          {num(r.replicas, 0)} × {num(r.devicesPerReplica, 0)} {r.hardware}
                        </td>
                        <td>
                          <code>{r.layout}</code>{' '}
                          <span class="muted">
                            {t('plan.ttft', { load: num(r.ttftMs, 0), alone: num(r.ttftAloneMs, 0) })} · TPOT{' '}
                            {num(r.tpotMs, 1)} ms
                          </span>
                        </td>
                        <td class="num">
                          {i === 0
                            ? t('plan2.serving', {
                                have: num(w.outputTokensPerSecond, 0),
                                need: num(w.demandOutputTokensPerSecond, 0),
                              })
                            : ''}
                        </td>
                      </tr>
                    )),
              )}
            </tbody>
          </table>
        </>
      )}
      {plan.rules.length > 0 && (
        <>
          <h4>{t('plan2.rules')}</h4>
          <table data-testid="plan-rules">
            <thead>
              <tr>
                <th>{t('plan2.rule')}</th>
                <th>{t('plan2.scope')}</th>
                <th class="num">{t('plan2.share')}</th>
                <th>{t('plan2.requirement')}</th>
                <th>{t('plan2.verdict')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.rules.map((r) => (
                <tr key={`${r.rule}@${r.scope}`} data-rule={r.rule} data-scope={r.scope}>
                  <td>{r.rule}</td>
                  <td>{scopeName(r.scope)}</td>
                  <td class="num">{pct(r.share)}</td>
                  <td>
                    {t(`metric.${r.metric}` as Key)} {r.comparator} {pct(r.threshold)}
                    {r.denied.length > 0 && (
                      <div class="muted">{t('plan2.denied', { list: r.denied.join(', ') })}</div>
                    )}
                  </td>
                  <td>
                    {r.pass === null ? (
                      t('comply.na')
                    ) : r.pass ? (
                      <span class="pass">{t('comply.pass')}</span>
                    ) : (
                      <span class="fail">{t('comply.fail')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {plan.binding.length > 0 && (
        <>
          <h4>{t('plan2.binding')}</h4>
          <table data-testid="plan-binding">
            <thead>
              <tr>
                <th>{t('plan2.constraint')}</th>
                <th>{t('catalog.details')}</th>
                <th class="num">{t('plan2.price')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.binding.map((b) => (
                <tr key={b.constraint}>
                  <td>
                    <code>{b.constraint}</code>
                  </td>
                  <td>{translateMessage(i18n, b.detail)}</td>
                  <td class="num">{b.priceUsd === undefined ? '' : usdM(b.priceUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {general.length > 0 && (
        <>
          <h4>{t('plan2.warnings')}</h4>
          <ul class="muted" data-testid="plan-warnings">
            {general.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </>
      )}
      <p class="muted" data-testid="plan-solver">
        {t('plan2.solver', {
          name: plan.solver.name,
          solves: plan.solver.solves,
          seconds: num(plan.solver.solveSeconds, 2),
          engine: plan.candidates.engineCalls,
        })}
      </p>
    </div>
  );
}
