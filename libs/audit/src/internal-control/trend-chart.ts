// The small trend chart of one indicator: its value over the last 12 months as a line, its target as a dashed line.
// SVG from Apache ECharts' server-side renderer (no DOM, no canvas, no script in the page), so the printed report
// shows it as drawn. Only numbers and month labels reach the chart: no text from a report is drawn in it.
import * as echarts from 'echarts';
import type { IndicatorTarget, IndicatorUnit } from './report.types';
import type { TrendPoint } from './report-trend';

export const TREND_CHART_SIZE = { width: 240, height: 72 };

const MONTH_LABELS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthLabel = (month: string) => MONTH_LABELS[Number(month.slice(5, 7)) - 1];

/** Axis labels: shares as whole percent, everything else as it is. */
const axisValue = (unit: IndicatorUnit) => (v: number) => (unit === 'SHARE' ? `${Math.round(v * 100)}%` : String(v));

export function renderTrendChart(points: TrendPoint[], unit: IndicatorUnit, target: IndicatorTarget, size = TREND_CHART_SIZE): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({
      // A printed page shows the first frame: no entry animation.
      animation: false,
      grid: { left: 36, right: 8, top: 8, bottom: 18 },
      xAxis: {
        type: 'category',
        data: points.map((p) => monthLabel(p.month)),
        axisTick: { show: false },
        axisLabel: { fontSize: 9, interval: 2, color: '#555' },
      },
      yAxis: {
        type: 'value',
        // Shares on their whole scale, so 90 % and 100 % look as far apart as they are.
        ...(unit === 'SHARE' ? { min: 0, max: 1 } : { min: 0 }),
        splitNumber: 2,
        axisLabel: { fontSize: 9, color: '#555', formatter: axisValue(unit) },
        splitLine: { lineStyle: { color: '#e4e4e4' } },
      },
      series: [
        {
          type: 'line',
          // A month without a value is a gap, never a zero.
          data: points.map((p) => p.value),
          connectNulls: false,
          symbol: 'circle',
          symbolSize: 4,
          lineStyle: { width: 1.5, color: '#1f4e79' },
          itemStyle: { color: '#1f4e79' },
          markLine: {
            silent: true,
            symbol: 'none',
            label: { show: false },
            lineStyle: { type: 'dashed', color: '#b03a2e', width: 1 },
            data: [{ yAxis: target.value }],
          },
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
