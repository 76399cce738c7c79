// The monthly internal-control report's workflow on Temporal's time-skipping test server, with the real activity and
// real PostgreSQL: started on the 1st (as its schedule starts it), it waits with a durable timer until the month's
// first business day and then stores the month before, once. The dates are checked by hand against the Norwegian
// calendar, not computed with the engine's own.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import { createInternalControlActivities } from '../../apps/worker/src/activities/internal-control.activities';
import { osloDateOf, osloStartOfDay } from '../../libs/calendar/src/civil-date';
import { MONTHLY_REPORT_WORKFLOW, StoredReportReceipt } from '../../libs/contracts/src/internal-control';
import { openTimeSkippingWorker, TimeSkippingWorker } from '../support/time-skipping-stack';

/** [the 1st the schedule fires on, the first business day the report is made on, the month reported]. */
const HAND_CHECKED: Record<number, [string, string, string][]> = {
  2027: [
    ['2027-01-01', '2027-01-04', '2026-12'], // New Year's Day, a Friday; then a weekend
    ['2027-04-01', '2027-04-01', '2027-03'], // Easter Monday was 29 March: 1 April, a Thursday, is a working day
    ['2027-05-01', '2027-05-03', '2027-04'], // Labour Day, a Saturday
  ],
  2028: [
    ['2028-01-01', '2028-01-03', '2027-12'], // a Saturday
    ['2028-04-01', '2028-04-03', '2028-03'], // a Saturday (Easter is 16 April)
    ['2028-05-01', '2028-05-02', '2028-04'], // Labour Day, a Monday
  ],
};

const MUNICIPALITY = '1103';
const taskQueue = 'internal-control-monthly-report';
let stack: TimeSkippingWorker;
let env: TestWorkflowEnvironment;
let db: DataSource;

beforeAll(async () => {
  stack = await openTimeSkippingWorker(taskQueue, createInternalControlActivities);
  ({ env, db } = stack);
});
afterAll(async () => stack?.close());

/**
 * The test server skips to the next timer it has the moment a result arrives, before the client locks time again; a
 * workflow's execution timeout (10 years by default) is such a timer. A week keeps the clock before the next 1st.
 */
const BOUNDED = { workflowExecutionTimeout: '7 days' } as const;

/** Moves the test server's clock to `instant` (it only goes forward). */
async function skipTo(instant: Date) {
  const now = await env.currentTimeMs();
  if (instant.getTime() <= now) throw new Error(`the test server's clock (${new Date(now).toISOString()}) is already past ${instant.toISOString()}`);
  await env.sleep(instant.getTime() - now);
}

async function runOnThe1st(firedOn: string, id: string) {
  await skipTo(new Date(osloStartOfDay(firedOn).getTime() + 60_000));
  const handle = await env.client.workflow.start(MONTHLY_REPORT_WORKFLOW, { workflowId: id, taskQueue, args: [{ municipality: MUNICIPALITY }], ...BOUNDED });
  const receipt: StoredReportReceipt = await handle.result();
  const history = await handle.fetchHistory();
  const timers = history.events!.filter((e) => e.timerStartedEventAttributes);
  return { receipt, timers };
}

const storedRows = (from: string) =>
  db.query(`SELECT report_id AS "reportId", period_to AS "to", generated_at AS "generatedAt", sha256, created_by_run AS "createdByRun", body
            FROM internal_control_report WHERE municipality = $1 AND period_from = $2`, [MUNICIPALITY, from]);

describe('the monthly report workflow (time-skipping)', () => {
  const year = Number(Object.keys(HAND_CHECKED).find((y) => Date.now() < osloStartOfDay(`${y}-01-01`).getTime()));
  const cases = HAND_CHECKED[year] ?? [];

  it('has hand-checked dates ahead of the clock', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('started on %s waits until %s and stores %s', async (firedOn, runOn, month) => {
    const { receipt, timers } = await runOnThe1st(firedOn, `internal-control-report-${MUNICIPALITY}-${firedOn}`);
    expect(receipt.created).toBe(true);
    // A durable timer only when the 1st is not a business day.
    expect(timers).toHaveLength(runOn === firedOn ? 0 : 1);
    const rows = await storedRows(`${month}-01`);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row.reportId).toBe(receipt.reportId);
    expect(row.sha256).toBe(receipt.sha256);
    // Made on the first business day, as of that day's start (Europe/Oslo), for the whole month before.
    expect(osloDateOf(row.generatedAt)).toBe(runOn);
    expect(new Date(row.generatedAt).getTime() - osloStartOfDay(runOn).getTime()).toBeLessThan(3_600_000);
    expect(row.body).toMatchObject({ municipality: MUNICIPALITY, from: `${month}-01`, to: row.to, generatedAt: new Date(row.generatedAt).toISOString() });
    expect(row.body.indicators).toHaveLength(19);
    expect(row.createdByRun).toMatch(new RegExp(`^internal-control-report-${MUNICIPALITY}-${firedOn}/[0-9a-f-]{36}$`));
  });

  it('a second run for the same month (a retry, a manual trigger) stores nothing new', async () => {
    const [firedOn, , month] = cases[cases.length - 1];
    const [before] = await storedRows(`${month}-01`);
    await skipTo(new Date((await env.currentTimeMs()) + 3_600_000));
    const handle = await env.client.workflow.start(MONTHLY_REPORT_WORKFLOW, {
      workflowId: `internal-control-report-${MUNICIPALITY}-${firedOn}-again`,
      taskQueue,
      args: [{ municipality: MUNICIPALITY }],
      ...BOUNDED,
    });
    const receipt: StoredReportReceipt = await handle.result();
    expect(receipt).toEqual({ reportId: before.reportId, sha256: before.sha256, created: false });
    expect(await storedRows(`${month}-01`)).toEqual([before]);
  });
});
