// The scale bench's charts: a figure (p95 latency, CPU per request) against open cases, one line per query, linear in cases and logarithmic in
// milliseconds (the queries span 1 ms to seconds). SVG from ECharts' server-side renderer, as the report's trend charts are drawn.
import * as echarts from 'echarts';

export interface ScaleSeries {
  name: string;
  /** The figure at each size, in the order of `sizes`. */
  values: number[];
}

// Twenty queries: more colours than ECharts' default nine, and the line's dash says the query's group.
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
  '#393b79', '#e6550d', '#31a354', '#843c39', '#7b4173', '#3182bd', '#fd8d3c', '#74c476', '#969696', '#000000'];
const dash = (name: string) => (name.startsWith('tasks') ? 'solid' : name.startsWith('deadlines') ? [8, 3] : name.startsWith('audit') ? [2, 2] : [10, 3, 2, 3]);

export function renderScaleChart(
  sizes: number[], series: ScaleSeries[], text: { title: string; yAxis: string; subtitle: string }, size = { width: 1200, height: 640 },
): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      color: PALETTE,
      title: { text: text.title, subtext: text.subtitle, left: 'center', textStyle: { fontSize: 15 }, subtextStyle: { fontSize: 11 } },
      legend: { type: 'plain', orient: 'vertical', right: 8, top: 60, textStyle: { fontSize: 10 }, itemWidth: 18, itemHeight: 8 },
      grid: { left: 64, right: 390, top: 64, bottom: 56 },
      xAxis: {
        type: 'value', min: 0, max: Math.max(...sizes),
        name: 'open cases in the read model', nameLocation: 'middle', nameGap: 30,
        axisLabel: { formatter: (v: number) => `${v / 1000}k` },
        splitLine: { show: false },
      },
      yAxis: {
        type: 'log', logBase: 10, name: text.yAxis, nameLocation: 'middle', nameGap: 44,
        splitLine: { lineStyle: { color: '#e4e4e4' } },
      },
      series: series.map((s) => ({
        name: s.name, type: 'line', symbol: 'circle', symbolSize: 5, lineStyle: { width: 1.5, type: dash(s.name) },
        data: sizes.map((n, k) => [n, Math.max(s.values[k], 0.1)]),
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
