import { isMonthlyPeriod, monthPeriod, trendMonths, trendOf } from '../report-trend';
import { sampleReport } from './report.fixtures';

describe('the trend of a report', () => {
  it('spans the 12 months up to the month of the report, oldest first, across a year end', () => {
    expect(trendMonths({ to: '2027-01-31' })).toEqual([
      '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01',
    ]);
    expect(trendMonths({ to: '2028-03-15' })[0]).toBe('2027-04');
  });

  it('knows a month by its first and last day (leap years too)', () => {
    expect(monthPeriod('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthPeriod('2027-12')).toEqual({ from: '2027-12-01', to: '2027-12-31' });
    expect(isMonthlyPeriod({ from: '2027-02-01', to: '2027-02-28' })).toBe(true);
    expect(isMonthlyPeriod({ from: '2027-02-01', to: '2027-02-27' })).toBe(false);
  });

  it("takes each month's value from that month's report, and none where a month has none", () => {
    const dec = sampleReport('2026-12');
    const jan = sampleReport('2027-01');
    const months = trendMonths(jan);
    const trend = trendOf(months, (m) => ({ '2026-12': dec, '2027-01': jan })[m]);
    expect(trend.K4.map((p) => p.month)).toEqual(months);
    expect(trend.K4.slice(-2).map((p) => p.value)).toEqual([dec.indicators[3].value, jan.indicators[3].value]);
    expect(trend.K4.slice(0, 10).every((p) => p.value === null)).toBe(true);
    expect(trend.K17.every((p) => p.value === null)).toBe(true);
  });
});
