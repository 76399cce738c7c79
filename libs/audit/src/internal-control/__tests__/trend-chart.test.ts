import { renderTrendChart, TREND_CHART_SIZE } from '../trend-chart';
import type { TrendPoint } from '../report-trend';

const months = (values: (number | null)[]): TrendPoint[] => values.map((value, i) => ({ month: `2026-${String(i + 1).padStart(2, '0')}`, value }));

describe('renderTrendChart (ECharts SSR)', () => {
  it('is one standalone SVG of the chart size with the months on the axis', () => {
    const svg = renderTrendChart(months([0.8, 0.9, 1, 1, 0.95, 0.9, 1, 1, 1, 0.85, 0.9, 1]), 'SHARE', { comparison: '>=', value: 0.95 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain(`width="${TREND_CHART_SIZE.width}" height="${TREND_CHART_SIZE.height}"`);
    for (const m of ['Jan', 'Apr', 'Jul', 'Oct']) expect(svg).toContain(`>${m}<`);
    // Shares on a percent axis from 0 to 100 %.
    expect(svg).toContain('>100%<');
    expect(svg).not.toMatch(/<script|<foreignObject/i);
  });

  it('draws the target as a dashed line', () => {
    const svg = renderTrendChart(months(Array(12).fill(2)), 'COUNT', { comparison: '=', value: 0 });
    expect(svg).toMatch(/stroke="#b03a2e"[^>]*stroke-dasharray/);
  });

  it('leaves a month without a value as a gap, not a zero', () => {
    const values = [3, 2, 2, 1, null, 1, 0, 0, 1, 0, 0, 0];
    const gap = renderTrendChart(months(values), 'COUNT', { comparison: '=', value: 0 });
    const zero = renderTrendChart(months(values.map((v) => v ?? 0)), 'COUNT', { comparison: '=', value: 0 });
    const withoutIds = (s: string) => s.replace(/zr\d+-/g, '');
    expect(withoutIds(gap)).not.toBe(withoutIds(zero));
  });

  it('gives each chart its own element ids, so many charts can share one page', () => {
    const ids = (s: string) => [...s.matchAll(/id="([^"]+)"/g)].map((m) => m[1]);
    const a = ids(renderTrendChart(months(Array(12).fill(1)), 'COUNT', { comparison: '=', value: 0 }));
    const b = ids(renderTrendChart(months(Array(12).fill(1)), 'COUNT', { comparison: '=', value: 0 }));
    expect(a.length).toBeGreaterThan(0);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
  });
});
