// The monthly internal-control report's schedule per municipality, on the real Temporal dev server with the real
// worker and PostgreSQL: ensured for every municipality with settings or cases (created once, then brought up to date,
// a pause kept), firing on the 1st at 00:00 Europe/Oslo; a run it starts stores the month before.
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { ensureReportSchedules, REPORT_SCHEDULE_SPEC } from '../../apps/worker/src/schedules';
import { monthlyReportPlan } from '../../libs/audit/src/internal-control/monthly-report-plan';
import { addMonths, osloDateOf, osloStartOfDay } from '../../libs/calendar/src/civil-date';
import { MONTHLY_REPORT_WORKFLOW, reportScheduleId, StoredReportReceipt } from '../../libs/contracts/src/internal-control';
import { Harness, openHarness } from '../support/harness';

const M = '1108';
let h: Harness;
let ensured: string[] = [];

beforeAll(async () => {
  h = await openHarness();
  await h.db.query(
    `INSERT INTO municipality_settings (municipality, settings, updated_by, updated_at) VALUES ($1, '{}'::jsonb, 'report-schedules-test', now()) ON CONFLICT DO NOTHING`,
    [M],
  );
});
afterAll(async () => {
  for (const m of ensured) await h.client.schedule.getHandle(reportScheduleId(m)).delete().catch(() => undefined);
  await h?.close();
});

const schedule = () => h.client.schedule.getHandle(reportScheduleId(M));

describe('the monthly report schedules', () => {
  it('are created for every municipality with settings or cases, firing on the 1st at 00:00 Europe/Oslo', async () => {
    const first = await ensureReportSchedules(h.client, h.db, h.taskQueue);
    ensured = [...first.created, ...first.updated];
    expect(first.created).toContain(M);
    const d = await schedule().describe();
    expect(d.spec.timezone).toBe('Europe/Oslo');
    expect(d.spec.calendars).toEqual([expect.objectContaining({ dayOfMonth: [{ start: 1, end: 1, step: 1 }], hour: [{ start: 0, end: 0, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }] })]);
    expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: MONTHLY_REPORT_WORKFLOW, workflowId: reportScheduleId(M), taskQueue: h.taskQueue, args: [{ municipality: M }] });
    expect(d.policies).toMatchObject({ overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 7 * 86_400_000 });
    // The next fire time: the coming 1st at midnight in Oslo.
    const nextFirst = addMonths(`${osloDateOf(Date.now()).slice(0, 7)}-01`, 1);
    expect(d.info.nextActionTimes[0].toISOString()).toBe(osloStartOfDay(nextFirst).toISOString());
  });

  it('start a run that stores the month before, once', async () => {
    await schedule().trigger();
    let workflowId: string | undefined;
    for (let i = 0; i < 50 && !workflowId; i++) {
      const action = (await schedule().describe()).info.recentActions[0]?.action;
      workflowId = action?.type === 'startWorkflow' ? action.workflow.workflowId : undefined;
      if (!workflowId) await new Promise((r) => setTimeout(r, 200));
    }
    expect(workflowId).toMatch(new RegExp(`^${reportScheduleId(M)}-`));
    const run = h.client.workflow.getHandle(workflowId!);
    const today = osloDateOf(Date.now());
    if (monthlyReportPlan(today).runOn > today) {
      // Before this month's first business day the run waits for it (the time-skipping test follows that wait).
      await run.terminate('the test does not wait for the first business day');
      return;
    }
    const receipt: StoredReportReceipt = await run.result();
    expect(receipt.created).toBe(true);
    // Started mid-month, after its first business day: it reports the month before at once.
    const from = addMonths(`${osloDateOf(Date.now()).slice(0, 7)}-01`, -1);
    const rows = await h.db.query(`SELECT report_id AS "reportId", period_from AS "from", created_by_run AS "createdByRun" FROM internal_control_report WHERE municipality = $1`, [M]);
    expect(rows).toEqual([{ reportId: receipt.reportId, from, createdByRun: expect.stringMatching(new RegExp(`^${workflowId}/`)) }]);
  });

  it('are brought up to date at the next start, and a paused one stays paused', async () => {
    await schedule().pause('management review in progress');
    await schedule().update((s) => ({ ...s, spec: { calendars: [{ dayOfMonth: 15 }], timezone: 'UTC' } }));
    const again = await ensureReportSchedules(h.client, h.db, h.taskQueue);
    expect(again.updated).toContain(M);
    expect(again.created).not.toContain(M);
    const d = await schedule().describe();
    expect(d.state.paused).toBe(true);
    expect(d.spec.timezone).toBe(REPORT_SCHEDULE_SPEC.timezone);
    expect(d.spec.calendars?.[0]).toMatchObject({ dayOfMonth: [{ start: 1, end: 1, step: 1 }] });
  });
});
