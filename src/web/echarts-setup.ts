/**
 * ECharts, tree-shaken to what the pages draw (bars, lines, scatter marks, gauges) with the SVG renderer: crisp
 * screenshots and countable DOM nodes in end-to-end tests. Its own chunk, loaded by the first chart
 * drawn: a page without a chart (the catalog list) never downloads it.
 */
import { BarChart, GaugeChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/** Registers the parts once and returns `init` (a call, not a module side effect the bundler may drop). */
let registered = false;
export function setup(): typeof init {
  if (!registered) {
    registered = true;
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
  }
  return init;
}
