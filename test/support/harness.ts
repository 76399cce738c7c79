// Real Temporal + real PostgreSQL for one test file: a client with the payload codec and a running worker.
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createCaseWorker, type CaseWorkerOptions } from '../../apps/worker/src/case-worker';
import { ipCaseWorkflow } from '../../workflows';
import { applyEventUpdate, Actor, CaseCommand, CaseView, caseViewQuery, TASK_QUEUE, workflowIdForCase } from '../../libs/contracts/src';
import { openDataSource } from '../../libs/persistence/src';
import { dataConverterFor, parseEncryptionKeys } from '../../libs/temporal/src';

/** Test-only key; production keys come from PAYLOAD_ENCRYPTION_KEYS. */
import { TEST_CHECKPOINT_KEY } from './audit-keys';

export const TEST_ENCRYPTION_KEYS = 'test-2026:' + Buffer.alloc(32, 7).toString('base64');

export const caseworker: Actor = { sub: 'kari.saksbehandler', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER' };
export const leader: Actor = { sub: 'lars.leder', name: 'Lars Leder', role: 'KE_LEADER' };
export const coordinatorActor = (sub = 'emp-17'): Actor => ({ sub, name: 'Ola Koordinator', role: 'COORDINATOR' });

export interface Harness {
  db: DataSource;
  client: Client;
  worker: Worker;
  taskQueue: string;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

/** `archive`: the worker delivers records to that archive (the local peer in tests); without it the outbox only fills. */
export async function openHarness(o: { archive?: CaseWorkerOptions['archive'] } = {}): Promise<Harness> {
  const db = await openDataSource(process.env.TEST_DATABASE_URL!);
  const keys = parseEncryptionKeys(TEST_ENCRYPTION_KEYS);
  const connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
  const client = new Client({ connection, dataConverter: dataConverterFor(keys) });
  const nativeConnection = await NativeConnection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
  const taskQueue = `${TASK_QUEUE}-${randomUUID().slice(0, 8)}`;
  let running: Promise<void> | undefined;
  const h: Harness = {
    db,
    client,
    worker: undefined as unknown as Worker,
    taskQueue,
    async startWorker() {
      h.worker = await createCaseWorker({ connection: nativeConnection, namespace: 'default', taskQueue, db, encryptionKeys: keys, auditCheckpointKey: TEST_CHECKPOINT_KEY, archive: o.archive });
      running = h.worker.run();
    },
    async stopWorker() {
      if (h.worker && h.worker.getState() === 'RUNNING') h.worker.shutdown();
      await running;
    },
    async close() {
      await h.stopWorker();
      await nativeConnection.close();
      await connection.close();
      await db.destroy();
    },
  };
  await h.startWorker();
  return h;
}

export async function registerCase(h: Harness, caseId: string, command: CaseCommand, municipality = '4601'): Promise<CaseView> {
  const startWorkflowOperation = new WithStartWorkflowOperation(ipCaseWorkflow, {
    workflowId: workflowIdForCase(caseId),
    taskQueue: h.taskQueue,
    args: [{ caseId, municipality }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  await h.client.workflow.executeUpdateWithStart(applyEventUpdate, { args: [command], startWorkflowOperation, updateId: 'intake' });
  return viewOf(h, caseId);
}

/** Sends a command and answers the case's view after it (the Update itself answers only the new version). */
export async function send(h: Harness, caseId: string, command: CaseCommand): Promise<CaseView> {
  const handle = h.client.workflow.getHandle(workflowIdForCase(caseId));
  await handle.executeUpdate(applyEventUpdate, { args: [command] });
  return viewOf(h, caseId);
}

const viewOf = (h: Harness, caseId: string) => h.client.workflow.getHandle(workflowIdForCase(caseId)).query(caseViewQuery);
