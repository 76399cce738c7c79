// The archive delivery's rate: records delivered per second to the local archive peer (its own process, over HTTP) with
// 1, 8 and 32 cases delivering side by side, and the catch-up time of a backlog of 1,000 records after the peer was
// down (BENCH_ARCHIVE_PARALLEL, BENCH_ARCHIVE_BACKLOG). The records are made by real cases through the workflow (with no archive configured, so they wait in the
// outbox); then a worker with the delivery drains them, woken as the projection wakes it. Printed, never asserted.
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { createCaseWorker, type CaseWorkerOptions } from '../apps/worker/src/case-worker';
import { HttpTransport } from '../libs/archive/src/transport';
import { osloDateOf } from '../libs/calendar/src/civil-date';
import { Actor, applyEventUpdate, TASK_QUEUE, workflowIdForCase } from '../libs/contracts/src';
import { ARCHIVE_DELIVERY_WORKFLOW, archiveDeliveryWorkflowId, archiveRecordsPendingSignal, type ArchiveRetryOptions } from '../libs/contracts/src/archive-delivery';
import { someNationalId } from '../libs/identity/src/national-id';
import { openDataSource } from '../libs/persistence/src';
import { dataConverterFor, parseEncryptionKeys } from '../libs/temporal/src';
import { ipCaseWorkflow } from '../workflows';
import { BENCH_ENCRYPTION_KEYS } from './bench-report';
import { freePort, ROOT, stop, waitForPort } from './services';

const kari: Actor = { sub: 'bench-kari', name: 'Kari', role: 'KE_CASEWORKER' };
const PARALLEL = (process.env.BENCH_ARCHIVE_PARALLEL ?? '1,8,32').split(',').filter(Boolean).map(Number);
const BACKLOG = Number(process.env.BENCH_ARCHIVE_BACKLOG ?? 1000);
const RETRY: ArchiveRetryOptions = { initialInterval: '500 milliseconds', maximumInterval: '2 seconds', maximumAttempts: 10_000, attemptTimeout: '2 minutes', heartbeatTimeout: '10 seconds' };
let individual = 5000;

/** One case's commands: intake, decision, consent with sharing, then disclosures; `records` entries in all (≥ 4). */
function commands(records: number) {
  const now = () => new Date(Date.now() - 1000).toISOString();
  const today = osloDateOf(Date.now());
  const informed = { purpose: true, information: true, recipients: true, sources: true, processor: true, voluntaryAndWithdrawable: true, form: true };
  const grant = (scope: string, party?: string) => ({ scope, ...(party ? { party } : {}), capacity: 'SELF', form: 'WRITTEN_DIGITAL', givenBy: { name: 'Bench Person' }, informationGiven: informed });
  return [
    { type: 'NOTIFICATION_RECEIVED', receivedAt: now(), channel: 'ELECTRONIC_MESSAGE', notifierType: 'HEALTH_PERSONNEL', requestedLines: ['IP', 'KOORDINATOR'],
      subjectAware: 'YES_CONSENTED', birthDate: '1980-05-05', notifier: { type: 'HEALTH_PERSONNEL', name: 'Fastlege', relation: 'fastlege' } },
    { type: 'REGISTER' },
    { type: 'START_ASSESSMENT' },
    { type: 'SEND_PRELIMINARY_REPLY', expectedAnswerBy: osloDateOf(Date.now() + 20 * 86_400_000), reason: 'Venter på opplysninger' },
    { type: 'RECORD_DECISION', sentAt: now(), appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX',
      decisions: [{ line: 'IP', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5' }, { line: 'KOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 b' }] },
    { type: 'CONSENT_GIVEN', grants: [grant('ESTABLISH_IP'), grant('APPOINT_COORD'), grant('SHARE_WITH', 'NAV')] },
    ...Array.from({ length: Math.max(0, records - 4) }, () => ({ type: 'INFORMATION_DISCLOSED', recipient: 'NAV', scope: 'SHARE_WITH', purpose: 'Søknad om arbeidsavklaringspenger', disclosedOn: today })),
  ];
}

interface Rig {
  db: DataSource;
  client: Client;
  native: NativeConnection;
  /** The case workflows' queue (a worker without the archive makes the records) and the deliveries' own. */
  taskQueue: string;
  deliveryQueue: string;
  peerUrl: string;
  fault(mode: string): Promise<void>;
}

async function withWorker<T>(r: Rig, archive: CaseWorkerOptions['archive'], run: () => Promise<T>): Promise<T> {
  const worker: Worker = await createCaseWorker({ connection: r.native, namespace: 'default', taskQueue: archive ? r.deliveryQueue : r.taskQueue, db: r.db, encryptionKeys: parseEncryptionKeys(BENCH_ENCRYPTION_KEYS), archive });
  const running = worker.run();
  try {
    return await run();
  } finally {
    worker.shutdown();
    await running;
  }
}

/** Drives `cases` cases side by side, each to `records` archive records. */
async function makeCases(r: Rig, cases: number, records: number): Promise<string[]> {
  const ids = Array.from({ length: cases }, () => randomUUID());
  await Promise.all(ids.map(async (caseId) => {
    for (const [n, event] of commands(records).entries()) {
      const command = { event, actor: kari, ...(n === 0 ? { subject: { nationalId: someNationalId('1980-05-05', individual++), idType: 'FNR', name: 'Bench Person', birthDate: '1980-05-05' } } : {}) };
      const workflowId = workflowIdForCase(caseId);
      await (n === 0
        ? r.client.workflow.executeUpdateWithStart(applyEventUpdate, { args: [command as never], updateId: 'intake',
          startWorkflowOperation: new WithStartWorkflowOperation(ipCaseWorkflow, { workflowId, taskQueue: r.taskQueue, args: [{ caseId, municipality: '4601' }], workflowIdConflictPolicy: 'USE_EXISTING' }) })
        : r.client.workflow.getHandle(workflowId).executeUpdate(applyEventUpdate, { args: [command as never] }));
    }
  }));
  return ids;
}

async function undelivered(db: DataSource, ids: string[]): Promise<number> {
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM archive_record WHERE case_id = ANY($1) AND status <> 'DELIVERED'`, [ids]);
  return n;
}

async function untilDelivered(db: DataSource, ids: string[]): Promise<void> {
  while ((await undelivered(db, ids)) > 0) await new Promise((res) => setTimeout(res, 100));
}

const wake = (r: Rig, ids: string[]) => Promise.all(ids.map((caseId) => r.client.workflow.signalWithStart(ARCHIVE_DELIVERY_WORKFLOW, {
  workflowId: archiveDeliveryWorkflowId(caseId), taskQueue: r.deliveryQueue, args: [{ caseId, municipality: '4601', retry: RETRY }], signal: archiveRecordsPendingSignal, signalArgs: [],
})));

export async function benchArchiveDelivery(appUrl: string, temporalAddress: string): Promise<void> {
  // The workers' own lines would bury the figures (the report part may have installed the runtime already).
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    /* installed */
  }
  const port = await freePort();
  const peerProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'apps/archive-peer/src/main.ts')], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ARCHIVE_PEER_PORT: String(port), ARCHIVE_PEER_DIR: mkdtempSync(join(tmpdir(), 'ke-ip-bench-peer-')), LOG_LEVEL: 'error' },
  });
  await waitForPort(port);
  const db = await openDataSource(appUrl, 20);
  const keys = parseEncryptionKeys(BENCH_ENCRYPTION_KEYS);
  const connection = await Connection.connect({ address: temporalAddress });
  const rig: Rig = {
    db, client: new Client({ connection, dataConverter: dataConverterFor(keys) }), native: await NativeConnection.connect({ address: temporalAddress }),
    taskQueue: `${TASK_QUEUE}-bench-archive-${randomUUID().slice(0, 8)}`, deliveryQueue: `${TASK_QUEUE}-bench-delivery-${randomUUID().slice(0, 8)}`, peerUrl: `http://127.0.0.1:${port}`,
    async fault(mode) {
      await fetch(`http://127.0.0.1:${port}/admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode }) });
    },
  };
  const delivery: CaseWorkerOptions['archive'] = { transport: new HttpTransport(rig.peerUrl), replyPollMs: 20, receiptWaitMs: 60_000, retry: RETRY };
  const rows: string[][] = [];
  try {
    for (const parallel of PARALLEL) {
      const records = Math.max(5, Math.ceil(96 / parallel));
      // Made with no archive: the records wait in the outbox, and the run below measures their delivery alone.
      const ids = await withWorker(rig, undefined, () => makeCases(rig, parallel, records));
      const total = parallel * (await rig.db.query(`SELECT count(*)::int AS n FROM archive_record WHERE case_id = $1`, [ids[0]]))[0].n;
      const seconds = await withWorker(rig, delivery, async () => {
        const t0 = performance.now();
        await wake(rig, ids);
        await untilDelivered(rig.db, ids);
        return (performance.now() - t0) / 1000;
      });
      rows.push([`${parallel} case${parallel > 1 ? 's' : ''} in parallel`, String(total), seconds.toFixed(1), (total / seconds).toFixed(1)]);
      console.log(`archive: ${rows[rows.length - 1].join(' · ')}`);
    }
    // The backlog: records made while the peer is down pile up (attempted, failing, backing off); then it comes back.
    const backlogCases = Math.ceil(BACKLOG / 5);
    const ids = await withWorker(rig, undefined, () => makeCases(rig, backlogCases, 5));
    const catchUp = await withWorker(rig, delivery, async () => {
      await rig.fault('DOWN');
      await wake(rig, ids);
      // Every case's first record attempted and failing, backing off.
      while ((await rig.db.query(`SELECT count(*)::int AS n FROM archive_record WHERE case_id = ANY($1) AND attempts > 0`, [ids]))[0].n < ids.length) {
        await new Promise((res) => setTimeout(res, 200));
      }
      const waiting = await undelivered(rig.db, ids);
      const t0 = performance.now();
      await rig.fault('NONE');
      await untilDelivered(rig.db, ids);
      return { waiting, seconds: (performance.now() - t0) / 1000 };
    });
    console.log(`\narchive delivery to the local archive peer (its own process, HTTP; each message checked against the Fiks Arkiv schemas on both sides, a PDF/A per entry)\n`);
    console.log('run'.padEnd(28) + 'records'.padStart(9) + 'seconds'.padStart(9) + 'per s'.padStart(9));
    for (const r of rows) console.log(r[0].padEnd(28) + r[1].padStart(9) + r[2].padStart(9) + r[3].padStart(9));
    console.log(`\ncatch-up after the peer was down: ${catchUp.waiting} records waiting over ${backlogCases} cases, all delivered ${catchUp.seconds.toFixed(1)} s after it came back ` +
      `(${(catchUp.waiting / catchUp.seconds).toFixed(1)} per s; resends back off to at most ${RETRY.maximumInterval})`);
  } finally {
    await rig.native.close();
    await connection.close();
    await db.destroy();
    await stop(peerProcess);
  }
}
