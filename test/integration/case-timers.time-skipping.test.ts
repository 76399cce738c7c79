// Timer-driven paths on Temporal's time-skipping test server (Java, started by the testing package),
// with the real projection into PostgreSQL: deadlines remind and escalate, a child turns 16 mid-case.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createProjectionActivities } from '../../apps/worker/src/activities/projection.activities';
import { addYears, addDays, osloDateOf } from '../../libs/calendar/src/civil-date';
import { applyEventUpdate, AUTOMATIC_PURPOSE, caseViewQuery, workflowIdForCase } from '../../libs/contracts/src';
import { cmd, grant } from '../../libs/case-machine/src/__tests__/ip-case.fixtures';
import type { IpCaseCommand } from '../../libs/case-machine/src';
import { caseworker } from '../support/harness';
import { openTimeSkippingWorker, TimeSkippingWorker } from '../support/time-skipping-stack';

let stack: TimeSkippingWorker;
let env: TestWorkflowEnvironment;
let db: DataSource;
const taskQueue = 'ip-case-timers';

beforeAll(async () => {
  stack = await openTimeSkippingWorker(taskQueue, createProjectionActivities);
  ({ env, db } = stack);
});
afterAll(async () => stack?.close());

async function startCase(notification: IpCaseCommand) {
  const caseId = randomUUID();
  const handle = await env.client.workflow.start('ipCaseWorkflow', {
    workflowId: workflowIdForCase(caseId),
    taskQueue,
    args: [{ caseId, municipality: '4601', searchAttributes: false }],
  });
  await handle.executeUpdate(applyEventUpdate, { args: [{ event: notification, actor: caseworker }] });
  return { caseId, handle };
}

describe('case timers (time-skipping)', () => {
  it('a decision deadline reminds, then breaches and escalates to the KE leader', async () => {
    const now = new Date(await env.currentTimeMs()).toISOString();
    const { caseId, handle } = await startCase(cmd.notification({ receivedAt: now }));
    await handle.executeUpdate(applyEventUpdate, { args: [{ event: { type: 'REGISTER' }, actor: caseworker }] });
    await handle.executeUpdate(applyEventUpdate, { args: [{ event: { type: 'START_ASSESSMENT' }, actor: caseworker }] });
    await handle.executeUpdate(applyEventUpdate, {
      args: [{ event: { type: 'SEND_PRELIMINARY_REPLY', expectedAnswerBy: addDays(osloDateOf(now), 40), reason: 'Venter på epikrise' }, actor: caseworker }],
    });
    await env.sleep('45 days');
    const view = await handle.query(caseViewQuery);
    const decision = view.deadlines.find((d) => d.kind === 'DECISION')!;
    expect(decision.remindedAt).not.toBeNull();
    expect(decision.breachedAt).not.toBeNull();
    expect(view.tasks.map((t) => [t.kind, t.role])).toContainEqual(['ACT_ON_ESCALATION', 'KE_LEADER']);
    const history = await db.query(`SELECT event_type, actor_role FROM case_history WHERE case_id = $1 AND actor_role = 'SYSTEM' ORDER BY seq`, [caseId]);
    expect(history.map((r: { event_type: string }) => r.event_type)).toEqual(expect.arrayContaining(['DEADLINE_REMINDER', 'DEADLINE_BREACHED']));
    // The timers' transitions are in the audit trail like the commands, by the system and with the automatic purpose.
    const audited = await db.query(`SELECT event, actor_role, purpose FROM audit_entry WHERE case_id = $1 AND actor_role = 'SYSTEM' ORDER BY seq`, [caseId]);
    expect(audited).toEqual(expect.arrayContaining([
      { event: 'DEADLINE_REMINDER', actor_role: 'SYSTEM', purpose: AUTOMATIC_PURPOSE },
      { event: 'DEADLINE_BREACHED', actor_role: 'SYSTEM', purpose: AUTOMATIC_PURPOSE },
    ]));
    const [row] = await db.query(`SELECT breached_at FROM case_deadline WHERE case_id = $1 AND kind = 'DECISION'`, [caseId]);
    expect(row.breached_at).not.toBeNull();
    const tasks = await db.query(`SELECT kind, candidate_role FROM case_task WHERE case_id = $1 AND status = 'OPEN'`, [caseId]);
    expect(tasks).toContainEqual({ kind: 'ACT_ON_ESCALATION', candidate_role: 'KE_LEADER' });
  });

  it('a child turns 16 mid-case: consent passes to the young person, who must re-confirm', async () => {
    const today = osloDateOf(await env.currentTimeMs());
    const birthDate = addDays(addYears(today, -16), 10); // 16 in ten days
    const { caseId, handle } = await startCase(cmd.notification({ receivedAt: new Date(await env.currentTimeMs()).toISOString(), birthDate }));
    await handle.executeUpdate(applyEventUpdate, { args: [{ event: { type: 'REGISTER' }, actor: caseworker }] });
    await handle.executeUpdate(applyEventUpdate, {
      args: [{ event: { type: 'CONSENT_GIVEN', grants: [grant('OBTAIN_FROM', 'Fastlegen', 'PARENT')] }, actor: caseworker }],
    });
    expect((await handle.query(caseViewQuery)).context.consentAuthority).toBe('PARENTS');
    await env.sleep('11 days');
    const view = await handle.query(caseViewQuery);
    expect(view.context.consentAuthority).toBe('SELF');
    expect(view.context.reconsentRequired).toBe(true);
    expect(view.tasks.map((t) => t.kind)).toContain('RECONFIRM_CONSENT');
    const [turned] = await db.query(`SELECT legal_basis FROM case_history WHERE case_id = $1 AND event_type = 'TURNS_16'`, [caseId]);
    expect(turned.legal_basis).toContain('pbrl § 4-3');
  });
});
