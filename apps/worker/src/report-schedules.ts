// One Temporal Schedule per municipality for its monthly internal-control report: fires on the 1st of each month at
// 00:00 Europe/Oslo and starts monthlyReportWorkflow, which waits for the first business day. The worker ensures them
// when it starts, for every municipality that has settings or cases: created when missing, brought to this spec and
// action when present (a paused schedule stays paused). A municipality whose first case arrives later gets its
// schedule at the next worker start; its first report is due only on the 1st after that case anyway.
import { Client, ScheduleAlreadyRunning, ScheduleOptionsStartWorkflowAction, ScheduleOverlapPolicy, ScheduleSpec } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { MONTHLY_REPORT_WORKFLOW, reportScheduleId } from '../../../libs/contracts/src/internal-control';
import type { monthlyReportWorkflow } from '../../../workflows';

export const REPORT_SCHEDULE_SPEC: ScheduleSpec = {
  calendars: [{ dayOfMonth: 1, hour: 0, minute: 0, comment: 'the 1st of each month; the report itself waits for the first business day' }],
  timezone: 'Europe/Oslo',
};

const POLICIES = {
  // One report per month: a run still waiting is never joined by a second.
  overlap: ScheduleOverlapPolicy.SKIP,
  // After an outage the missed 1st is still taken within a week (the run reports the month before the one it starts in).
  catchupWindow: '7 days',
} as const;

/** The municipalities the engine works for: those with settings, and those with cases. */
export async function municipalitiesToReport(db: DataSource): Promise<string[]> {
  const rows: { municipality: string }[] = await db.query(
    `SELECT municipality FROM municipality_settings UNION SELECT DISTINCT municipality FROM ip_case ORDER BY municipality`,
  );
  return rows.map((r) => r.municipality);
}

export async function ensureReportSchedule(client: Client, municipality: string, taskQueue: string): Promise<'created' | 'updated'> {
  const scheduleId = reportScheduleId(municipality);
  const action: ScheduleOptionsStartWorkflowAction<typeof monthlyReportWorkflow> = {
    type: 'startWorkflow',
    workflowType: MONTHLY_REPORT_WORKFLOW,
    workflowId: scheduleId,
    taskQueue,
    args: [{ municipality }],
  };
  try {
    await client.schedule.create({ scheduleId, spec: REPORT_SCHEDULE_SPEC, action, policies: POLICIES });
    return 'created';
  } catch (e) {
    if (!(e instanceof ScheduleAlreadyRunning)) throw e;
  }
  await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec: REPORT_SCHEDULE_SPEC, action, policies: { ...previous.policies, ...POLICIES } }));
  return 'updated';
}

/** Ensures every municipality's schedule; returns which were created and which updated. */
export async function ensureReportSchedules(client: Client, db: DataSource, taskQueue: string): Promise<Record<'created' | 'updated', string[]>> {
  const done: Record<'created' | 'updated', string[]> = { created: [], updated: [] };
  for (const municipality of await municipalitiesToReport(db)) done[await ensureReportSchedule(client, municipality, taskQueue)].push(municipality);
  return done;
}
