// The case workflow on a real Temporal dev server with its read model in real PostgreSQL.
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { caseworker, coordinatorActor, Harness, openHarness, registerCase, send } from '../support/harness';
import { cmd, grant, plan } from '../../libs/case-machine/src/__tests__/ip-case.fixtures';
import type { IpCaseCommand } from '../../libs/case-machine/src';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h?.close();
});

const subject = { nationalId: '15069012345', idType: 'FNR', name: 'Test Testesen', birthDate: '1990-06-15' };
const notification = (): IpCaseCommand => cmd.notification({ receivedAt: new Date(Date.now() - 3_600_000).toISOString() });

describe('case workflow', () => {
  it('registers a notification once even when the intake is sent twice', async () => {
    const caseId = randomUUID();
    const first = await registerCase(h, caseId, { event: notification(), actor: caseworker, subject });
    const second = await registerCase(h, caseId, { event: notification(), actor: caseworker, subject });
    expect(first.status).toBe('RECEIVED');
    expect(second.seq).toBe(1);
    const rows = await h.db.query('SELECT seq, event_type, actor_sub, legal_basis FROM case_history WHERE case_id = $1', [caseId]);
    expect(rows).toEqual([{ seq: 1, event_type: 'NOTIFICATION_RECEIVED', actor_sub: 'kari.saksbehandler', legal_basis: expect.stringContaining('hpl § 38 a') }]);
    const [subjectRow] = await h.db.query('SELECT national_id FROM case_subject WHERE case_id = $1', [caseId]);
    expect(subjectRow.national_id).toBe('15069012345');
    const tasks = await h.db.query(`SELECT kind, status FROM case_task WHERE case_id = $1`, [caseId]);
    expect(tasks).toEqual([{ kind: 'REGISTER_NOTIFICATION', status: 'OPEN' }]);
    const deadlines = await h.db.query(`SELECT kind FROM case_deadline WHERE case_id = $1 AND status = 'OPEN' AND source <> 'AUTOMATIC' ORDER BY kind`, [caseId]);
    expect(deadlines.map((d: { kind: string }) => d.kind)).toEqual(['ACKNOWLEDGE_RECEIPT', 'DECISION', 'PRELIMINARY_REPLY']);
  });

  it('refuses an event the case cannot take before it enters history, naming the allowed events', async () => {
    const caseId = randomUUID();
    await registerCase(h, caseId, { event: notification(), actor: caseworker, subject });
    const err = await send(h, caseId, { event: { type: 'PLAN_APPROVED' }, actor: caseworker }).catch((e) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(err.cause.type).toBe('EventNotAllowed');
    expect(err.cause.details[0].allowedEvents).toContain('REGISTER');
    const history = await h.client.workflow.getHandle(`ip-case-${caseId}`).fetchHistory();
    const updates = history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(updates).toHaveLength(1); // only the intake
  });

  it('drives a case to an active plan; the read model follows every step', async () => {
    const caseId = randomUUID();
    await registerCase(h, caseId, { event: notification(), actor: caseworker, subject });
    const steps: IpCaseCommand[] = [
      { type: 'REGISTER' },
      { type: 'START_ASSESSMENT' },
      cmd.granted(),
      { type: 'CONSENT_GIVEN', grants: [grant('ESTABLISH_IP'), grant('APPOINT_COORD'), grant('PARTICIPANT', 'PPT')] },
      cmd.propose(),
    ];
    for (const event of steps) await send(h, caseId, { event, actor: caseworker });
    await send(h, caseId, { event: { type: 'COORDINATOR_ACCEPTED' }, actor: coordinatorActor() });
    for (const event of [{ type: 'START_MAPPING' }, { type: 'RECORD_MAPPING', summary: 'ok' }, { type: 'MAPPING_COMPLETED' }, { type: 'SUBMIT_PLAN_DRAFT', plan: plan() }] as IpCaseCommand[]) {
      await send(h, caseId, { event, actor: coordinatorActor() });
    }
    const view = await send(h, caseId, { event: { type: 'PLAN_APPROVED' }, actor: coordinatorActor() });
    expect(view.status).toBe('ACTIVE');
    const [row] = await h.db.query('SELECT status, seq, coordinator_employee_id FROM ip_case WHERE case_id = $1', [caseId]);
    expect(row).toEqual({ status: 'ACTIVE', seq: 12, coordinator_employee_id: 'emp-17' });
    const history = await h.db.query('SELECT to_status FROM case_history WHERE case_id = $1 ORDER BY seq', [caseId]);
    expect(history.map((r: { to_status: string }) => r.to_status)).toEqual([
      'RECEIVED', 'REGISTERED', 'ASSESSMENT', 'CONSENT_PENDING', 'CONSENT_PENDING', 'COORDINATOR_PROPOSED',
      'COORDINATOR_APPOINTED', 'MAPPING', 'MAPPING', 'PLAN_DRAFT', 'PLAN_DRAFT', 'ACTIVE',
    ]);
    const open = await h.db.query(`SELECT kind FROM case_deadline WHERE case_id = $1 AND status = 'OPEN' AND source <> 'AUTOMATIC'`, [caseId]);
    expect(open).toEqual([{ kind: 'EVALUATION' }]);
  });

  it('continues as new with its snapshot and goes on where it was', async () => {
    const caseId = randomUUID();
    const startOp = new (await import('@temporalio/client')).WithStartWorkflowOperation('ipCaseWorkflow', {
      workflowId: `ip-case-${caseId}`,
      taskQueue: h.taskQueue,
      args: [{ caseId, municipality: '4601', continueAsNewAfter: 2 }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    await h.client.workflow.executeUpdateWithStart('applyEvent', { args: [{ event: notification(), actor: caseworker, subject }], startWorkflowOperation: startOp });
    await send(h, caseId, { event: { type: 'REGISTER' }, actor: caseworker });
    const handle = h.client.workflow.getHandle(`ip-case-${caseId}`);
    await new Promise((r) => setTimeout(r, 1500));
    const desc = await handle.describe();
    expect(desc.runId).not.toBe(startOp ? undefined : '');
    const view = await send(h, caseId, { event: { type: 'START_ASSESSMENT' }, actor: caseworker });
    expect(view.seq).toBe(3);
    expect(view.status).toBe('ASSESSMENT');
    const runs = await h.client.workflow.list({ query: `WorkflowId = 'ip-case-${caseId}'` });
    let count = 0;
    for await (const _ of runs) count++;
    expect(count).toBeGreaterThanOrEqual(2);
  });
});
