/**
 * A roadmap plan's fleet over time (plan --json `periods`): devices in service stacked by vendor,
 * domestic vendors at the bottom, and the rule's threshold as a dashed line in devices (the strictest
 * count-share rule in force times the fleet). The series come from the core (roadmapSeries), the
 * same numbers as the CLI's roadmap.svg.
 */
import { useMemo } from 'preact/hooks';
import { roadmapSeries, vendorColours } from '../../core/plan/roadmap-chart';
import type { PeriodPlan } from '../../core/plan/roadmap-solve';
import { Chart } from '../charts';
import { useI18n } from '../i18n';

export function PlanRoadmap(props: { periods: readonly PeriodPlan[] }) {
  const { t } = useI18n();
  const option = useMemo(() => {
    const series = roadmapSeries(props.periods);
    const colours = vendorColours(series);
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 70, right: 30, top: 30, bottom: 60 },
      xAxis: { type: 'category', boundaryGap: false, data: series.periods },
      yAxis: { type: 'value', name: t('plan.roadmapDevices') },
      series: [
        ...series.vendors.map((v, i) => ({
          name: v.vendor,
          type: 'line',
          stack: 'fleet',
          areaStyle: { opacity: 0.85 },
          lineStyle: { width: 1 },
          color: colours[i],
          showSymbol: false,
          data: v.devices,
        })),
        {
          name: t('plan.roadmapThreshold'),
          type: 'line',
          color: '#111',
          lineStyle: { type: 'dashed', width: 2 },
          data: series.thresholdShare.map((s, i) =>
            s === null ? null : Math.round(s * series.totalDevices[i]!),
          ),
        },
      ],
    };
  }, [props.periods, t]);
  return (
    <>
      <h4>{t('plan.roadmapChart')}</h4>
      <Chart option={option} height={300} testId="roadmap-chart" />
    </>
  );
}
