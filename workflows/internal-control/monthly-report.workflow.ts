// The monthly internal-control report of one municipality, started by its schedule on the 1st of each month
// (Europe/Oslo; apps/worker/src/schedules.ts). It waits with a durable timer until the month's first business
// day, then has the month before computed and stored, as of that moment. No I/O here: the activity does it.
import { log, proxyActivities, sleep } from '@temporalio/workflow';
import { monthlyReportPlan } from '../../libs/audit/src/internal-control/monthly-report-plan';
import { osloDateOf, osloStartOfDay } from '../../libs/calendar/src/civil-date';
import type { InternalControlActivities, MonthlyReportInput, StoredReportReceipt } from '../../libs/contracts/src/internal-control';

// Retried until PostgreSQL answers: the month's report must be stored (storing twice stores it once).
const { storeMonthlyReport } = proxyActivities<InternalControlActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes' },
});

export async function monthlyReportWorkflow({ municipality }: MonthlyReportInput): Promise<StoredReportReceipt> {
  const { runOn, from, to } = monthlyReportPlan(osloDateOf(Date.now()));
  const wait = osloStartOfDay(runOn).getTime() - Date.now();
  if (wait > 0) await sleep(wait);
  const receipt = await storeMonthlyReport({ municipality, from, to, at: new Date().toISOString() });
  log.info('monthly internal-control report stored', { municipality, from, to, reportId: receipt.reportId, created: receipt.created });
  return receipt;
}
