// The Temporal schedules the worker keeps (Temporal's timers, not a cron of our own): created when the worker starts,
// and brought up to date when their settings changed. Idempotent: any number of workers may start at once.
import { Client, ScheduleAlreadyRunning, ScheduleOptionsStartWorkflowAction, ScheduleOverlapPolicy, ScheduleSpec } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { AUDIT_CHECKPOINT_SCHEDULE_ID, AUDIT_CHECKPOINT_WORKFLOW } from '../../../libs/contracts/src';
import { MONTHLY_REPORT_WORKFLOW, reportScheduleId } from '../../../libs/contracts/src/internal-control';
import type { monthlyReportWorkflow } from '../../../workflows';

/** Signs every audit chain's head every `everySeconds`; a run still going when the next is due makes it skip. */
export async function ensureAuditCheckpointSchedule(client: Client, taskQueue: string, everySeconds: number): Promise<void> {
  const spec = { intervals: [{ every: everySeconds * 1000 }] };
  const action = { type: 'startWorkflow' as const, workflowType: AUDIT_CHECKPOINT_WORKFLOW, taskQueue, args: [] as [] };
  try {
    await client.schedule.create({
      scheduleId: AUDIT_CHECKPOINT_SCHEDULE_ID,
      spec,
      action: { ...action, workflowId: AUDIT_CHECKPOINT_SCHEDULE_ID },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    });
  } catch (e) {
    if (!(e instanceof ScheduleAlreadyRunning)) throw e;
    await client.schedule.getHandle(AUDIT_CHECKPOINT_SCHEDULE_ID).update((s) => ({ ...s, spec, action: { ...s.action, ...action } }));
  }
}

// The monthly internal-control report: one schedule per municipality, on the 1st of each month at 00:00 Europe/Oslo,
// starting monthlyReportWorkflow (which waits for the first business day). Ensured at worker start for every
// municipality that has settings or cases; a paused schedule stays paused. A municipality whose first case arrives
// later gets its schedule at the next worker start (its first report is due on the 1st after that case anyway).
export const REPORT_SCHEDULE_SPEC: ScheduleSpec = {
  calendars: [{ dayOfMonth: 1, hour: 0, minute: 0, comment: 'the 1st of each month; the report itself waits for the first business day' }],
  timezone: 'Europe/Oslo',
};

const REPORT_POLICIES = {
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
    await client.schedule.create({ scheduleId, spec: REPORT_SCHEDULE_SPEC, action, policies: REPORT_POLICIES });
    return 'created';
  } catch (e) {
    if (!(e instanceof ScheduleAlreadyRunning)) throw e;
  }
  await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec: REPORT_SCHEDULE_SPEC, action, policies: { ...previous.policies, ...REPORT_POLICIES } }));
  return 'updated';
}

/** Ensures every municipality's schedule; returns which were created and which updated. */
export async function ensureReportSchedules(client: Client, db: DataSource, taskQueue: string): Promise<Record<'created' | 'updated', string[]>> {
  const done: Record<'created' | 'updated', string[]> = { created: [], updated: [] };
  for (const municipality of await municipalitiesToReport(db)) done[await ensureReportSchedule(client, municipality, taskQueue)].push(municipality);
  return done;
}
