/**
 * ECharts with only what Bantay draws (a province map, a small link graph, money by month), on canvas.
 * Imported lazily: the queue never downloads it. No tiles, no fonts, nothing from the network.
 */
import { BarChart, GraphChart, MapChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { init, registerMap, use as register } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

register([
  MapChart,
  GraphChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  VisualMapComponent,
  AriaComponent,
  CanvasRenderer,
]);

export { init, registerMap };
export type { EChartsType } from 'echarts/core';
