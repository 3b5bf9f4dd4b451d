/**
 * Fleet plan: a scenario editor (YAML) checked by the server as the user types, a solve that runs as a
 * cancellable job, the resulting purchases and costs, and the cost/time versus domestic-share chart.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PeriodPlan } from '../../core/plan/roadmap-solve';
import { type ApiIssue, api } from '../api';
import { Chart } from '../charts';
import { useI18n } from '../i18n';
import { PlanRoadmap } from './plan-roadmap';

interface SweepPoint {
  threshold: number;
  status: string;
  totalUsd: number | null;
  completionDays: number | null;
}
interface PlanResult {
  status: string;
  scenario: string | null;
  purchases: { site: string; hardware: string; count: number; units: number; capexUsd: number }[];
  costs: { capexUsd: number; energyUsd: number; totalUsd: number };
  domesticShare: { count: number | null; bf16Compute: number | null };
  completionDays: number | null;
  conflicts: { message?: string }[];
  warnings: string[];
  sweep?: SweepPoint[];
  periods?: PeriodPlan[];
}
interface Job {
  id: string;
  state: string;
  progress: number;
  result?: PlanResult;
  issues?: ApiIssue[];
}

export function PlanPage() {
  const { t, num, pct } = useI18n();
  const [examples, setExamples] = useState<{ name: string; yaml: string }[]>([]);
  const [text, setText] = useState('');
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [valid, setValid] = useState<boolean | null>(null);
  const [sweep, setSweep] = useState(true);
  const [job, setJob] = useState<Job | null>(null);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    api<{ examples: { name: string; yaml: string }[] }>('GET', '/api/plan/examples').then(
      (r) => {
        setExamples(r.examples);
        const first = r.examples.find((e) => e.name === 'plan-mixed-two-sites') ?? r.examples[0];
        if (first) setText(first.yaml);
      },
      () => {},
    );
  }, []);

  // validation as you type, debounced: the server runs the planner's own checks, without a solve
  useEffect(() => {
    if (!text.trim()) return undefined;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      api<{ ok: boolean; issues: ApiIssue[] }>('POST', '/api/plan/validate', { scenario: text }).then(
        (r) => {
          setValid(r.ok);
          setIssues(r.issues);
        },
        (e: { issues?: ApiIssue[]; message: string }) => {
          setValid(false);
          setIssues(e.issues ?? [{ path: '', message: e.message }]);
        },
      );
    }, 250);
    return () => window.clearTimeout(timer.current);
  }, [text]);

  const solve = async () => {
    try {
      const started = await api<Job>('POST', '/api/plan', {
        scenario: text,
        ...(sweep ? { sweep: { from: 0, to: 100, step: 10 } } : {}),
      });
      setJob(started);
      let view = started;
      while (view.state === 'running') {
        await new Promise((r) => setTimeout(r, 300));
        view = await api<Job>('GET', `/api/jobs/${started.id}`);
        setJob(view);
      }
    } catch (e) {
      setIssues((e as { issues?: ApiIssue[] }).issues ?? [{ path: '', message: (e as Error).message }]);
    }
  };
  const cancel = async () => {
    if (job) setJob(await api<Job>('DELETE', `/api/jobs/${job.id}`));
  };

  const plan = job?.state === 'done' ? job.result : undefined;
  const sweepOption = useMemo(() => {
    if (!plan?.sweep) return null;
    const points = plan.sweep;
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 60, right: 60, top: 30, bottom: 50 },
      xAxis: {
        type: 'category',
        name: t('plan.threshold'),
        data: points.map((p) => `${Math.round(p.threshold * 100)}%`),
      },
      yAxis: [
        { type: 'value', name: t('plan.costM') },
        { type: 'value', name: t('plan.days'), splitLine: { show: false } },
      ],
      series: [
        {
          name: t('plan.costM'),
          type: 'line',
          data: points.map((p) => (p.totalUsd === null ? null : Number((p.totalUsd / 1e6).toFixed(2)))),
        },
        {
          name: t('plan.days'),
          type: 'line',
          yAxisIndex: 1,
          data: points.map((p) => (p.completionDays === null ? null : Number(p.completionDays.toFixed(1)))),
        },
      ],
    };
  }, [plan, t]);

  return (
    <section class="grid2" data-testid="plan-page">
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
            rows={24}
            spellcheck={false}
            value={text}
            onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
            aria-invalid={valid === false}
            data-testid="scenario"
            style={{ fontFamily: 'monospace', fontSize: '0.8rem' }}
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
              <li key={`${i.path}${i.message}`}>{i.path ? `${i.path}: ${i.message}` : i.message}</li>
            ))}
          </ul>
        )}
        <label style={{ flexDirection: 'row', alignItems: 'center', gap: '0.4rem' }}>
          <input type="checkbox" checked={sweep} onChange={() => setSweep(!sweep)} /> {t('plan.sweep')}
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
      <div>
        {job?.state === 'running' && (
          <div class="card">
            <progress value={job.progress} max={1} /> {t('plan.solving')}{' '}
            <button type="button" onClick={cancel}>
              {t('train.cancel')}
            </button>
          </div>
        )}
        {job?.state === 'cancelled' && <p class="card">{t('train.cancelled')}</p>}
        {job?.state === 'failed' && <p class="card issues">{job.issues?.map((i) => i.message).join('; ')}</p>}
        {plan && (
          <div class="card" data-testid="plan-result">
            <h3>
              {plan.scenario ?? ''} · {plan.status}
            </h3>
            <div class="kpis">
              <div class="kpi">
                <div class="v">${num(plan.costs.totalUsd / 1e6, 1)}M</div>
                <div class="k">{t('plan.total')}</div>
              </div>
              <div class="kpi">
                <div class="v">${num(plan.costs.capexUsd / 1e6, 1)}M</div>
                <div class="k">{t('plan.capex')}</div>
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
            <table data-testid="purchases">
              <thead>
                <tr>
                  <th>{t('comply.site')}</th>
                  <th>{t('train.hardware')}</th>
                  <th class="num">{t('train.devices')}</th>
                  <th class="num">{t('plan.capex')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.purchases.map((p) => (
                  <tr key={`${p.site}${p.hardware}`}>
                    <td>{p.site}</td>
                    <td>{p.hardware}</td>
                    <td class="num">{num(p.count, 0)}</td>
                    <td class="num">${num(p.capexUsd / 1e6, 2)}M</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {sweepOption && (
              <>
                <h4>{t('plan.sweepChart')}</h4>
                <Chart option={sweepOption} height={280} testId="sweep-chart" />
              </>
            )}
            {plan.periods?.length ? <PlanRoadmap periods={plan.periods} /> : null}
          </div>
        )}
      </div>
    </section>
  );
}
