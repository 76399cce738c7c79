// The monthly report's activity: computes the month's internal-control report as of the instant the workflow chose and
// stores it once (report-store.ts: a retry finds the stored one). The run that stored it is recorded with it.
import { Context } from '@temporalio/activity';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { computeReport } from '../../../../libs/audit/src/internal-control/compute-report';
import { storeReport } from '../../../../libs/audit/src/internal-control/report-store';
import type { InternalControlActivities } from '../../../../libs/contracts/src/internal-control';
import { withSafeFailures } from './activity-failures';

export function createInternalControlActivities(db: DataSource): InternalControlActivities {
  return withSafeFailures<InternalControlActivities>({
    async storeMonthlyReport(q) {
      const { workflowExecution: run, activityId } = Context.current().info;
      const report = await computeReport(db, q);
      const { stored, created } = await storeReport(db, randomUUID(), report, run ? `${run.workflowId}/${run.runId}` : `activity/${activityId}`);
      return { reportId: stored.reportId, sha256: stored.sha256, created };
    },
  });
}
