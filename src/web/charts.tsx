/** One chart: ECharts (src/web/echarts-setup.ts) loaded on first use, then drawn with the given option. */
import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'preact/hooks';

type Instance = ReturnType<ReturnType<typeof import('./echarts-setup')['setup']>>;
let echarts: Promise<typeof import('./echarts-setup')> | null = null;
const loadEcharts = () => {
  echarts ??= import('./echarts-setup');
  return echarts;
};

export function Chart(props: { option: EChartsCoreOption; height?: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<Instance | null>(null);
  const option = useRef(props.option);
  option.current = props.option;
  useEffect(() => {
    let disposed = false;
    let onResize: (() => void) | null = null;
    void loadEcharts().then(({ setup }) => {
      const init = setup();
      if (disposed || !ref.current) return;
      const instance = init(ref.current, undefined, { renderer: 'svg' });
      chart.current = instance;
      onResize = () => instance.resize();
      window.addEventListener('resize', onResize);
      instance.setOption({ animation: false, ...option.current }, { notMerge: true });
    });
    return () => {
      disposed = true;
      if (onResize) window.removeEventListener('resize', onResize);
      chart.current?.dispose();
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
