// The production shape on the real Temporal server (scripts/cluster.ts): frontend, history, matching and worker as
// their own processes on PostgreSQL, two of our workers, two of our APIs. Cases are driven through both APIs in turn
// while one of our workers is SIGKILLed and then Temporal's history service is SIGKILLed and started again; every
// case must still end where the same path ends on a healthy cluster, with nothing lost and nothing twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../libs/auth/src';
import { openDataSource } from '../../libs/persistence/src';
import { Cluster, startCluster } from '../../scripts/cluster';
import type { PeerFolder } from '../support/archive-peer';
import { eventually } from '../support/archive-peer';
import { CaseDriver, kari } from '../support/case-flows';

jest.setTimeout(20 * 60_000);

const auditor: Principal = { sub: 'aud.revisor', name: 'Anne Revisor', role: 'AUDITOR', municipalities: ['4601'] };

let dir: string;
let cluster: Cluster;
let db: DataSource;
let driver: CaseDriver;

/** One client over both APIs: each request goes to the next one, as a load balancer in front of them would do. */
function roundRobin(c: Cluster) {
  const agents = c.apiUrls.map((u) => request(u));
  let next = 0;
  return {
    get http() {
      return agents[next++ % agents.length];
    },
    token: (p: Principal) => c.issuer.mint(p),
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ke-ip-cluster-'));
  cluster = await startCluster({
    dataDir: dir,
    keysDir: dir,
    ephemeral: true,
    workers: 2,
    apis: 2,
    // Quick resends, so that archive deliveries a killed worker held are taken up again within seconds.
    env: { ARCHIVE_RECEIPT_WAIT: '5', ARCHIVE_RETRY_INITIAL: '1', ARCHIVE_RETRY_MAX: '2', ARCHIVE_HEARTBEAT_TIMEOUT: '2' },
    log: (line) => process.stderr.write(`cluster: ${line}\n`),
  });
  db = await openDataSource(cluster.databaseUrl, 2);
  driver = new CaseDriver(roundRobin(cluster), { retryForMs: 180_000 });
}, 15 * 60_000);

afterAll(async () => {
  await db?.destroy();
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Flow = 'wholeLife' | 'appealed' | 'decided';
const FLOWS: Record<Flow, { run: (id: string) => Promise<{ status: string }>; status: string }> = {
  wholeLife: { run: (id) => driver.wholeLife(id), status: 'CLOSED' },
  appealed: { run: (id) => driver.appealedToStatsforvalteren(id), status: 'CLOSED' },
  decided: { run: (id) => driver.decide(id, 'GRANTED'), status: 'CONSENT_PENDING' },
};

/** What a case leaves behind, to compare a case that lived through the crashes with one that did not. */
async function traces(caseId: string) {
  const history = (await db.query(`SELECT seq, event_type FROM case_history WHERE case_id = $1 ORDER BY seq`, [caseId])) as { seq: number; event_type: string }[];
  const tasks = (await db.query(
    `SELECT kind, status, created_seq, closed_seq FROM case_task WHERE case_id = $1 ORDER BY created_seq, kind, status, closed_seq`, [caseId],
  )) as object[];
  const records = (await db.query(`SELECT seq, event_type, kind FROM archive_record WHERE case_id = $1 ORDER BY position`, [caseId])) as object[];
  const audit = (await db.query(`SELECT kind, seq, event FROM audit_entry WHERE case_id = $1 ORDER BY position`, [caseId])) as object[];
  return { history, tasks, records, audit };
}

async function view(caseId: string) {
  const res = await request(cluster.apiUrls[0]).get(`/cases/${caseId}`).set(await driver.as(kari));
  expect(res.status).toBe(200);
  return res.body as { status: string; seq: number; allowedEvents: string[] };
}

const eventCount = async (except: string[]) => Number((await db.query(`SELECT count(*) AS n FROM case_history WHERE case_id <> ALL($1::uuid[])`, [except]))[0].n);

async function drive(flow: Flow): Promise<{ id: string; flow: Flow; status: string }> {
  const id = await driver.register();
  const last = await FLOWS[flow].run(id);
  return { id, flow, status: last.status };
}

it('cases through both APIs outlive a SIGKILLed worker and a SIGKILLed history service, each exactly once', async () => {
  // The same paths on the healthy cluster first: what each path leaves behind.
  const reference = {} as Record<Flow, Awaited<ReturnType<typeof traces>> & { id: string }>;
  for (const flow of Object.keys(FLOWS) as Flow[]) {
    const { id, status } = await drive(flow);
    expect(status).toBe(FLOWS[flow].status);
    reference[flow] = { id, ...(await traces(id)) };
  }
  const referenceIds = Object.values(reference).map((r) => r.id);
  const expectedEvents = 2 * Object.values(reference).reduce((n, r) => n + r.history.length, 0);

  // Two cases of each path at once, their requests alternating between the APIs.
  const flows: Flow[] = ['wholeLife', 'appealed', 'decided', 'wholeLife', 'appealed', 'decided'];
  const running = Promise.all(flows.map(drive));
  running.catch(() => undefined); // awaited below; a failure must not go unhandled while the faults are injected

  // Mid-way: each fault must land while events are still to come, or it proves nothing.
  await eventually('a quarter of the events', () => eventCount(referenceIds), (n) => n >= expectedEvents / 4, 300_000);
  await cluster.workers[0].kill('SIGKILL');
  expect(await eventCount(referenceIds)).toBeLessThan(expectedEvents);
  await eventually('half of the events', () => eventCount(referenceIds), (n) => n >= expectedEvents / 2, 300_000);
  await cluster.temporal.history.kill('SIGKILL');
  const atHistoryKill = await eventCount(referenceIds);
  expect(atHistoryKill).toBeLessThan(expectedEvents);
  await new Promise((r) => setTimeout(r, 3000)); // down for a while: commands in flight fail and are sent again
  await cluster.temporal.history.start();
  await cluster.workers[0].start();

  const done = await running;
  process.stderr.write(`cluster: ${atHistoryKill} of ${expectedEvents} events in when history was killed; commands sent again after a transient answer: ${JSON.stringify(driver.retried)}\n`);

  for (const c of done) {
    const ref = reference[c.flow];
    expect(c.status).toBe(FLOWS[c.flow].status);
    const got = await traces(c.id);
    // Every event once, in the order of the healthy run: none lost, none applied twice.
    expect(got.history).toEqual(ref.history);
    // The same tasks, opened and closed at the same events: none lost, none duplicated.
    expect(got.tasks).toEqual(ref.tasks);
    // The archive outbox holds each record once, and the audit trail each entry once.
    expect(got.records).toEqual(ref.records);
    expect(got.audit).toEqual(ref.audit);
    // The read model agrees with the case.
    const v = await view(c.id);
    expect(v.status).toBe(FLOWS[c.flow].status);
    expect(v.seq).toBe(ref.history.length);
    expect(v.allowedEvents).toEqual((await view(ref.id)).allowedEvents);
  }

  // Every record reaches the archive, once: its store, not our tables, is asserted.
  const caseIds = [...referenceIds, ...done.map((c) => c.id)];
  const delivered = await eventually('every record delivered', () => db.query(
    `SELECT count(*) FILTER (WHERE status <> 'DELIVERED') AS pending FROM archive_record WHERE case_id = ANY($1::uuid[])`, [caseIds],
  ), (r: { pending: string }[]) => Number(r[0].pending) === 0, 300_000);
  expect(Number(delivered[0].pending)).toBe(0);
  const store = (await (await fetch(`${cluster.archivePeerUrl}/admin/store`)).json()) as { folders: PeerFolder[] };
  for (const id of caseIds) {
    const entries = (await db.query(
      `SELECT r.external_key AS key, f.external_key AS folder FROM archive_record r JOIN archive_folder f USING (case_id) WHERE r.case_id = $1 AND r.kind = 'ENTRY' ORDER BY r.position`, [id],
    )) as { key: string; folder: string }[];
    const folders = store.folders.filter((f) => f.key === entries[0].folder);
    expect(folders).toHaveLength(1);
    expect(folders[0].journalposts.map((j) => j.key)).toEqual(entries.map((e) => e.key));
  }

  // The audit trail of the municipality is whole.
  const verify = await request(cluster.apiUrls[1]).get('/audit/verify?municipality=4601').set(await driver.as(auditor));
  expect(verify.status).toBe(200);
  expect(verify.body).toMatchObject({ valid: true, firstBroken: null });
  expect(verify.body.checked).toBeGreaterThanOrEqual(caseIds.length);
});
