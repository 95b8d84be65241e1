/**
 * ECharts with only what Bantay draws (a province map, a small link graph, outcome trends,
 * money by month), on canvas. Imported lazily: the queue never downloads it. No tiles, no
 * fonts, nothing from the network.
 */
import { BarChart, GraphChart, LineChart, MapChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { init, registerMap, use as register } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

register([
  MapChart,
  GraphChart,
  LineChart,
  BarChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  AriaComponent,
  CanvasRenderer,
]);

export { init, registerMap };
export type { EChartsType } from 'echarts/core';
