// Temporal is a trust boundary: only a holder of the payload key (the API and the worker) can command a case.
// A client that reaches Temporal without the key, or with another key, is refused before anything enters history,
// the case is not wedged, and the engine's own next command is accepted.
import { randomUUID } from 'node:crypto';
import { Client, Connection, WithStartWorkflowOperation, WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { applyEventUpdate, SYSTEM_ACTOR, taskCommandUpdate, workflowIdForCase } from '../../libs/contracts/src';
import { cmd } from '../../libs/case-machine/src/__tests__/ip-case.fixtures';
import { dataConverterFor, parseEncryptionKeys } from '../../libs/temporal/src';
import { ipCaseWorkflow } from '../../workflows';
import { caseworker, Harness, openHarness, registerCase, send } from '../support/harness';

let h: Harness;
let connection: Connection;
let unkeyed: Client;
let otherKey: Client;

beforeAll(async () => {
  h = await openHarness();
  connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
  unkeyed = new Client({ connection });
  otherKey = new Client({ connection, dataConverter: dataConverterFor(parseEncryptionKeys(`attacker:${Buffer.alloc(32, 9).toString('base64')}`)) });
});
afterAll(async () => {
  await connection?.close();
  await h?.close();
});

const subject = { nationalId: '15069012345', idType: 'FNR', name: 'Test Testesen', birthDate: '1990-06-15' };
const updateEvents = async (caseId: string) =>
  (await h.client.workflow.getHandle(workflowIdForCase(caseId)).fetchHistory()).events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;

describe("only the engine's own services can command a case", () => {
  it.each([
    ['without the payload key', () => unkeyed],
    ['with a key the engine does not know', () => otherKey],
  ])('refuses a forged SYSTEM command sent %s; nothing enters history and the case goes on', async (_how, client) => {
    const caseId = randomUUID();
    await registerCase(h, caseId, { event: cmd.notification({ receivedAt: new Date(Date.now() - 60_000).toISOString() }), actor: caseworker, subject });
    const before = await updateEvents(caseId);
    const forged = { event: { type: 'USER_DIED', dateOfDeath: '2026-01-01' }, actor: SYSTEM_ACTOR };
    const err = await client()
      .workflow.getHandle(workflowIdForCase(caseId))
      .executeUpdate(applyEventUpdate, { args: [forged as never] })
      .catch((e) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(String(err.cause?.message)).toMatch(/not encrypted with a known key/);
    const task = await client().workflow.getHandle(workflowIdForCase(caseId)).executeUpdate(taskCommandUpdate, {
      args: [{ action: 'CLAIM', taskKey: 'REGISTER_NOTIFICATION', actor: SYSTEM_ACTOR } as never],
    }).catch((e) => e);
    expect(task).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(await updateEvents(caseId)).toBe(before);
    const [row] = await h.db.query('SELECT status, seq FROM ip_case WHERE case_id = $1', [caseId]);
    expect(row).toEqual({ status: 'RECEIVED', seq: 1 });

    // Not wedged: the engine's own next command is accepted at once.
    const view = await send(h, caseId, { event: { type: 'REGISTER' }, actor: caseworker });
    expect(view).toMatchObject({ status: 'REGISTERED', seq: 2 });
  });

  it('refuses a case started without the key: the workflow fails before it records anything', async () => {
    const caseId = randomUUID();
    const startWorkflowOperation = new WithStartWorkflowOperation(ipCaseWorkflow, {
      workflowId: workflowIdForCase(caseId),
      taskQueue: h.taskQueue,
      args: [{ caseId, municipality: '4601' }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    const intake = { event: cmd.notification(), actor: SYSTEM_ACTOR, subject };
    const err = await unkeyed.workflow.executeUpdateWithStart(applyEventUpdate, { args: [intake as never], startWorkflowOperation, updateId: 'intake' }).catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    const result = await unkeyed.workflow.getHandle(workflowIdForCase(caseId)).result().catch((e) => e);
    expect(result).toBeInstanceOf(WorkflowFailedError);
    expect(await h.db.query('SELECT 1 FROM case_history WHERE case_id = $1', [caseId])).toEqual([]);
  });
});
