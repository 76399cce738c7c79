// The Temporal schedules the worker keeps (Temporal's timers, not a cron of our own): created when the worker starts,
// and brought up to date when their settings changed. Idempotent: any number of workers may start at once.
import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { AUDIT_CHECKPOINT_SCHEDULE_ID, AUDIT_CHECKPOINT_WORKFLOW } from '../../../libs/contracts/src';

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
