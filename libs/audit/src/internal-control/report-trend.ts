// An indicator's trend: its value in each of the 12 calendar months up to a report's period, for the small chart per
// indicator in the HTML report. Pure: which months there are and how their reports become points; the reports themselves
// come from the store or the computation (report-trend.loader.ts).
import { addDays, addMonths } from '../../../calendar/src/civil-date';
import { IndicatorId, INDICATOR_IDS, InternalControlReport } from './report.types';

/** A calendar month, 'YYYY-MM'. */
export type Month = string;

export interface TrendPoint {
  month: Month;
  /** The indicator's value that month; null when it had none (not computable, or nothing fell under it). */
  value: number | null;
}

export type ReportTrend = Record<IndicatorId, TrendPoint[]>;

export const TREND_MONTHS = 12;

export const monthOf = (date: string): Month => date.slice(0, 7);

/** The month's first and last day (inclusive civil dates, as a report's period). */
export function monthPeriod(month: Month): { from: string; to: string } {
  const from = `${month}-01`;
  return { from, to: addDays(addMonths(from, 1), -1) };
}

/** Whether a report covers exactly one calendar month (the stored monthly reports do). */
export const isMonthlyPeriod = (r: Pick<InternalControlReport, 'from' | 'to'>) => {
  const p = monthPeriod(monthOf(r.from));
  return p.from === r.from && p.to === r.to;
};

/** The TREND_MONTHS months ending with the month of the report's last day, oldest first. */
export function trendMonths(report: Pick<InternalControlReport, 'to'>): Month[] {
  const last = `${monthOf(report.to)}-01`;
  return Array.from({ length: TREND_MONTHS }, (_, i) => monthOf(addMonths(last, i - TREND_MONTHS + 1)));
}

/** The points of every indicator from one report per month (a month without one has no values). */
export function trendOf(months: Month[], reportOfMonth: (m: Month) => InternalControlReport | undefined): ReportTrend {
  const byMonth = months.map((month) => ({ month, values: new Map(reportOfMonth(month)?.indicators.map((i) => [i.id, i.value])) }));
  return Object.fromEntries(INDICATOR_IDS.map((id) => [id, byMonth.map(({ month, values }) => ({ month, value: values.get(id) ?? null }))])) as ReportTrend;
}
