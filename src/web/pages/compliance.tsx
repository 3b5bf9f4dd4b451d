/**
 * Compliance: the organisation's domestic share per metric as gauges, each site against each rule,
 * the trajectory chart, and an inventory import from a file chosen in the browser: the server's
 * preview (what would be added, changed, deleted, and what is already stored) is shown first, and
 * nothing is written until the user confirms; a replace names how many records it deletes.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { formatSharePercent } from '../../core/policy/evaluate';
import { type ApiIssue, api, apiText } from '../api';
import { Chart } from '../charts';
import { shiftYears } from '../dates';
import { download } from '../download';
import { type Key, useI18n } from '../i18n';
import { issueText, translateMessage } from '../messages';

const METRICS = ['count', 'bf16Compute', 'spend', 'power'] as const;
type Shares = Record<(typeof METRICS)[number], number | null>;
interface Rule {
  id: string;
  metric: string;
  comparator: string;
  threshold: number;
  /** The share this rule measured, under its own definition of domestic. */
  share: number | null;
  pass: boolean | null;
}
interface Scope {
  shares: Shares;
  packages: number;
  rules: Rule[];
}
interface Status {
  asOf: string;
  compliant: boolean | null;
  verdict: 'compliant' | 'not-compliant' | 'unknown' | 'no-rule-in-force';
  organisation: Scope;
  sites: (Scope & { site: string; notApplicable: { id: string; detail: string }[] })[];
  warnings: string[];
}
interface Trajectory {
  points: Status[];
}
interface Preview {
  hardware: { added: number; changed: number; removed: number; duplicates: number };
  samples: { added: string[]; changed: string[]; removed: string[]; duplicates: string[] };
  confirmation: string;
  warnings: string[];
}
/** A chosen file waiting for the user's confirmation. */
interface PendingImport {
  fileName: string;
  text: string;
  replace: boolean;
  preview: Preview;
}

const today = () => new Date().toISOString().slice(0, 10);

export function CompliancePage() {
  const i18n = useI18n();
  const { t, pct, date, num } = i18n;
  const [asOf, setAsOf] = useState(today);
  const [status, setStatus] = useState<Status | null>(null);
  const [trajectory, setTrajectory] = useState<Trajectory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [replace, setReplace] = useState(false);
  const [pending, setPending] = useState<PendingImport | null>(null);
  /** The batch of the last import, for its undo button. */
  const [lastBatch, setLastBatch] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  /** Whose shares the gauges show: '' = the organisation, else a site. */
  const [scope, setScope] = useState('');

  useEffect(() => {
    setError(null);
    // an answer for a date the user has since changed arrives too late to be shown (a slow 2025 answer after 2026's)
    let current = true;
    const keep =
      <T,>(set: (value: T) => void) =>
      (value: T) => {
        if (current) set(value);
      };
    const failed = keep((e: Error) => setError(e.message));
    api<Status>('GET', `/api/compliance/status?asOf=${asOf}`).then(keep(setStatus), failed);
    api<Trajectory>(
      'GET',
      `/api/compliance/trajectory?from=${shiftYears(asOf, -1)}&to=${shiftYears(asOf, 2)}`,
    ).then(keep(setTrajectory), failed);
    return () => {
      current = false;
    };
  }, [asOf, version]);

  const fail = (x: unknown) => {
    setError((x as Error).message);
    setIssues((x as { issues?: ApiIssue[] }).issues ?? []);
  };

  // The preview of a file with the replace choice: nothing is written yet.
  const askPreview = async (fileName: string, text: string, replaceAll: boolean) => {
    setMessage(null);
    setError(null);
    setIssues([]);
    setPending(null);
    try {
      const preview = await api<Preview>('POST', '/api/inventory/import', {
        text,
        fileName,
        replace: replaceAll,
        dryRun: true,
      });
      setPending({ fileName, text, replace: replaceAll, preview });
    } catch (x) {
      fail(x);
    }
  };

  // Choosing a file only asks for the preview.
  const onFile = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const text = await file.text();
    input.value = '';
    await askPreview(file.name, text, replace);
  };

  // Ticking or unticking "replace" with a preview open asks for that preview again: the confirmation must be for
  // what will be written (it kept the first answer and merged where the box said replace)
  const onReplace = () => {
    const next = !replace;
    setReplace(next);
    if (pending) void askPreview(pending.fileName, pending.text, next);
  };

  const confirmImport = async () => {
    if (!pending) return;
    try {
      const summary = await api<{
        batch: string;
        hardwareCreated: number;
        hardwareUpdated: number;
        hardwareDeleted: number;
        hardwareDuplicates: number;
      }>('POST', '/api/inventory/import', {
        text: pending.text,
        fileName: pending.fileName,
        replace: pending.replace,
        confirm: pending.preview.confirmation,
      });
      setMessage(
        t('comply.imported', {
          file: pending.fileName,
          created: summary.hardwareCreated,
          updated: summary.hardwareUpdated,
          deleted: summary.hardwareDeleted,
          duplicates: summary.hardwareDuplicates,
        }),
      );
      setLastBatch(summary.batch);
      setVersion((v) => v + 1);
    } catch (x) {
      fail(x);
    }
    // a replace is confirmed once, for one file: the box does not stay ticked
    setPending(null);
    setReplace(false);
  };

  const cancelImport = () => {
    setPending(null);
    setReplace(false);
  };

  /** The HTML report as of the chosen date, in the page's language (GET /api/compliance/report). */
  const downloadReport = async () => {
    const lang = i18n.lang === 'zh' ? 'zh-CN' : 'en';
    try {
      const html = await apiText(`/api/compliance/report?asOf=${asOf}&lang=${lang}`);
      const suffix = lang === 'en' ? '' : `-${lang}`;
      download(`chipmix-compliance-${asOf}${suffix}.html`, 'text/html', html);
    } catch (x) {
      fail(x);
    }
  };

  const undoImport = async () => {
    if (!lastBatch) return;
    try {
      const undone = await api<{ hardwareRemoved: number; hardwareRestored: number }>(
        'POST',
        '/api/inventory/undo',
        { change: lastBatch },
      );
      setMessage(t('comply.undone', { removed: undone.hardwareRemoved, restored: undone.hardwareRestored }));
      setLastBatch(null);
      setVersion((v) => v + 1);
    } catch (x) {
      fail(x);
    }
  };

  const gauge = (metric: (typeof METRICS)[number]) => {
    const shown = status?.sites.find((x) => x.site === scope) ?? status?.organisation;
    const value = shown?.shares[metric] ?? null;
    return {
      series: [
        {
          type: 'gauge',
          min: 0,
          max: 100,
          axisLine: {
            lineStyle: {
              width: 10,
              color: [
                [0.5, '#f3b3b3'],
                [1, '#b7e4c7'],
              ],
            },
          },
          axisTick: { show: false },
          // ticks sit on the ring and the labels inside them, clear of the ticks: a label is centred
          // `distance` px in from the ring, and half of "100" at 9 px is about 8 px
          splitNumber: 4,
          splitLine: { distance: 0, length: 6 },
          axisLabel: { distance: 22, fontSize: 9 },
          // the progress arc shows the value; the number sits in the middle and the metric's name below
          // the ring's open ends, so neither meets the 0 and 100 labels
          pointer: { show: false },
          // always on (an unknown share draws an empty arc at 0): switching it off and on between dates threw inside
          // ECharts' gauge pointer code
          progress: { show: true, width: 10 },
          title: { offsetCenter: [0, '95%'], fontSize: 12 },
          detail: {
            valueAnimation: false,
            fontSize: 18,
            offsetCenter: [0, '0%'],
            color: value === null ? '#6a7890' : '#1d2433',
            formatter: () => (value === null ? t('comply2.unknownMetric') : pct(value)),
          },
          data: [
            {
              value: value === null ? 0 : Number((value * 100).toFixed(1)),
              name: t(`metric.${metric}` as Key),
            },
          ],
        },
      ],
    };
  };

  const trajectoryOption = useMemo(() => {
    if (!trajectory) return null;
    const points = trajectory.points;
    const siteNames = [...new Set(points.flatMap((p) => p.sites.map((s) => s.site)))];
    const thresholds = [
      ...new Set(
        points
          .flatMap((p) => [...p.organisation.rules, ...p.sites.flatMap((s) => s.rules)])
          .map((r) => r.threshold),
      ),
    ];
    // an unknown share (no hardware, or a metric unknown for it) is a gap, never a point at 0%
    const line = (name: string, values: (number | null)[]) => ({
      name,
      type: 'line',
      step: 'end',
      symbolSize: 4,
      data: points.map((p, i) => [p.asOf, values[i] === null ? '-' : Number((values[i]! * 100).toFixed(1))]),
    });
    const siteShare = (p: Status, site: string) => {
      const s = p.sites.find((x) => x.site === site);
      return !s || s.packages === 0 ? null : s.shares.count;
    };
    const siteLabel = (site: string) =>
      points.every((p) => siteShare(p, site) === null) ? `${site} (${t('comply2.noHardware')})` : site;
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, type: 'scroll' },
      grid: { left: 50, right: 30, top: 20, bottom: 60 },
      xAxis: {
        type: 'time',
        axisLabel: { formatter: (v: number) => date(new Date(v).toISOString().slice(0, 10)) },
      },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          ...line(
            t('comply.organisation'),
            points.map((p) => p.organisation.shares.count),
          ),
          lineStyle: { width: 3 },
          markLine: {
            symbol: 'none',
            data: thresholds.map((x) => ({ yAxis: x * 100 })),
            lineStyle: { color: '#d33' },
          },
        },
        ...siteNames.map((site) =>
          line(
            siteLabel(site),
            points.map((p) => siteShare(p, site)),
          ),
        ),
      ],
    };
  }, [trajectory, t]);

  /** "site: rule" for every failing verdict (the organisation's under its own name). */
  const failing = useMemo(() => {
    if (!status) return [];
    const out = status.organisation.rules
      .filter((r) => r.pass === false)
      .map((r) => `${t('comply.organisation')}: ${r.id}`);
    for (const s of status.sites)
      for (const r of s.rules) if (r.pass === false) out.push(`${s.site}: ${r.id}`);
    return out;
  }, [status, t]);

  const verdict = (pass: boolean | null) =>
    pass === null ? (
      <span>{t('comply.na')}</span>
    ) : pass ? (
      <span class="pass">{t('comply.pass')}</span>
    ) : (
      <span class="fail">{t('comply.fail')}</span>
    );

  return (
    <section data-testid="compliance-page">
      <div class="card row">
        <label>
          {t('comply.asOf')}
          <input
            type="date"
            value={asOf}
            onChange={(e) => setAsOf((e.target as HTMLInputElement).value || today())}
          />
        </label>
        <label>
          {t('comply.import')}
          <input
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={onFile}
            data-testid="import-file"
          />
        </label>
        <label style={{ flexDirection: 'row', alignItems: 'center' }}>
          <input type="checkbox" checked={replace} onChange={onReplace} data-testid="import-replace" />{' '}
          {t('comply.replace')}
        </label>
        <button type="button" onClick={downloadReport} data-testid="report-download">
          {t('comply.report')}
        </button>
        {status && (
          <strong data-testid="overall" data-compliant={String(status.compliant)}>
            {t('comply.overall')}:{' '}
            {status.verdict === 'no-rule-in-force'
              ? t('comply.noRule')
              : status.compliant === null
                ? t('comply.unknown')
                : status.compliant
                  ? t('comply.compliant')
                  : t('comply.notCompliant')}
            {failing.length > 0 && (
              <span class="fail" data-testid="failing">
                {' '}
                ({t('comply2.failing', { list: failing.join(', ') })})
              </span>
            )}
          </strong>
        )}
      </div>
      {pending && (
        <div class="card" data-testid="import-preview">
          <p>
            {t('comply.preview', {
              file: pending.fileName,
              added: pending.preview.hardware.added,
              changed: pending.preview.hardware.changed,
              removed: pending.preview.hardware.removed,
              duplicates: pending.preview.hardware.duplicates,
            })}
          </p>
          {pending.replace && pending.preview.hardware.removed > 0 && (
            <p class="fail" data-testid="replace-warning">
              {t('comply.replaceWarning', { n: pending.preview.hardware.removed })}
            </p>
          )}
          <ul class="muted">
            {(['added', 'changed', 'removed', 'duplicates'] as const).flatMap((kind) =>
              pending.preview.samples[kind].slice(0, 5).map((line) => (
                <li key={`${kind}${line}`}>
                  {t('comply.sample', {
                    kind: t(`comply.sample.${kind}`),
                    line: translateMessage(i18n, line),
                  })}
                </li>
              )),
            )}
            {pending.preview.warnings.map((w) => (
              <li key={w}>{translateMessage(i18n, w)}</li>
            ))}
          </ul>
          <button type="button" onClick={confirmImport} data-testid="import-confirm">
            {pending.replace && pending.preview.hardware.removed > 0
              ? t('comply.confirmReplace', { n: pending.preview.hardware.removed })
              : t('comply.confirmImport')}
          </button>{' '}
          <button type="button" onClick={cancelImport} data-testid="import-cancel">
            {t('comply.cancel')}
          </button>
        </div>
      )}
      {message && (
        <p class="card pass" data-testid="import-message">
          {message}{' '}
          {lastBatch && (
            <button type="button" onClick={undoImport} data-testid="import-undo">
              {t('comply.undo')}
            </button>
          )}
        </p>
      )}
      {error && (
        <div class="card issues" data-testid="compliance-error">
          {translateMessage(i18n, error)}
          <ul>
            {issues.slice(0, 20).map((i) => (
              <li key={`${i.path}${i.message}`}>{issueText(i18n, i)}</li>
            ))}
          </ul>
        </div>
      )}
      {status && (
        <div class="card">
          <h3>
            <select
              value={scope}
              onChange={(e) => setScope((e.target as HTMLSelectElement).value)}
              data-testid="gauge-scope"
            >
              <option value="">{t('comply.organisation')}</option>
              {status.sites.map((x) => (
                <option key={x.site}>{x.site}</option>
              ))}
            </select>{' '}
            · <span data-testid="as-of">{date(status.asOf)}</span> ·{' '}
            {num((status.sites.find((x) => x.site === scope) ?? status.organisation).packages, 0)}{' '}
            {t('comply.packages')}
          </h3>
          <div class="gauges" data-testid="gauges">
            {METRICS.map((m) => (
              <Chart key={m} option={gauge(m)} height={190} testId={`gauge-${m}`} />
            ))}
          </div>
          <div class="scroll-x">
            <table data-testid="sites-table">
              <thead>
                <tr>
                  <th>{t('comply.site')}</th>
                  {METRICS.map((m) => (
                    <th class="num" key={m}>
                      {t(`metric.${m}` as Key)}
                    </th>
                  ))}
                  <th>{t('comply.rules')}</th>
                </tr>
              </thead>
              <tbody>
                {status.sites.map((s) => (
                  <tr key={s.site} data-site={s.site}>
                    <td>{s.site}</td>
                    {METRICS.map((m) =>
                      s.packages === 0 ? (
                        <td class="num muted" key={m} data-metric={m} data-empty="true">
                          {t('comply2.noHardware')}
                        </td>
                      ) : (
                        <td class="num" key={m} data-metric={m}>
                          {s.shares[m] === null ? t('comply2.unknownMetric') : pct(s.shares[m])}
                        </td>
                      ),
                    )}
                    <td>
                      {s.rules.map((r) => (
                        <div
                          key={r.id}
                          title={`${t(`metric.${r.metric}` as Key)} ${r.comparator} ${pct(r.threshold)}`}
                        >
                          {r.id}: {r.share === null ? '' : `${formatSharePercent(r.share, r.threshold)} `}
                          {verdict(r.pass)}
                        </div>
                      ))}
                      {s.notApplicable.map((n) => (
                        <div key={n.id} class="muted" title={translateMessage(i18n, n.detail)}>
                          {n.id}: {t('comply.na')}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {status.warnings.length > 0 && (
            <ul class="muted">
              {status.warnings.map((w) => (
                <li key={w}>{translateMessage(i18n, w)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {trajectoryOption && (
        <div class="card">
          <h4>{t('comply.trajectory')}</h4>
          <Chart option={trajectoryOption} height={300} testId="trajectory-chart" />
        </div>
      )}
    </section>
  );
}
