/**
 * ECharts, tree-shaken to what the pages draw (bars, lines, scatter marks, gauges) with the SVG renderer: crisp
 * screenshots and countable DOM nodes in end-to-end tests.
 */
import { BarChart, GaugeChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'preact/hooks';

use([
  BarChart,
  LineChart,
  ScatterChart,
  GaugeChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  SVGRenderer,
]);

export function Chart(props: { option: EChartsCoreOption; height?: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);
  useEffect(() => {
    if (!ref.current) return undefined;
    const instance = init(ref.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const onResize = () => instance.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    // no animation: an edit redraws at once, and screenshots never catch a half-drawn series
    chart.current?.setOption({ animation: false, ...props.option }, { notMerge: true, lazyUpdate: true });
  }, [props.option]);
  return (
    <div class="chart" ref={ref} style={{ height: `${props.height ?? 260}px` }} data-testid={props.testId} />
  );
}
