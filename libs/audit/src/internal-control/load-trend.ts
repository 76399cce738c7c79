// The trend behind a report's charts: each of its 12 months from the stored monthly report where there is one,
// computed (as of the report's own instant) where there is none; the report's own month is the report itself.
import type { DataSource, EntityManager } from 'typeorm';
import { computeReport } from './compute-report';
import type { InternalControlReport } from './report.types';
import { isMonthlyPeriod, Month, monthOf, monthPeriod, ReportTrend, trendMonths, trendOf } from './report-trend';
import { storedMonthlyReports } from './report-store';

export async function loadReportTrend(db: DataSource | EntityManager, report: InternalControlReport): Promise<ReportTrend> {
  const months = trendMonths(report);
  const reports = await storedMonthlyReports(db, report.municipality, months);
  if (isMonthlyPeriod(report)) reports.set(monthOf(report.from), report);
  const missing = months.filter((m) => !reports.has(m));
  // One month after another: each computation is a handful of aggregate queries, and the pool serves requests too.
  for (const month of missing) {
    reports.set(month, await computeReport(db, { municipality: report.municipality, ...monthPeriod(month), at: report.generatedAt }));
  }
  return trendOf(months, (m: Month) => reports.get(m));
}
