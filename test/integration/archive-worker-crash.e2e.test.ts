// The worker is killed (SIGKILL) while it delivers to the archive, again and again, and the archive peer is brought
// down for a while: nothing is lost and nothing is duplicated — asserted on the peer's own store.
import type { ChildProcess } from 'node:child_process';
import { stop } from '../../scripts/services';
import { Api, openApi } from '../support/api';
import { eventually, openTestPeer, TestPeer } from '../support/archive-peer';
import { CaseDriver, kari } from '../support/case-flows';
import { Harness, openHarness } from '../support/harness';
import { startWorkerProcess } from '../support/worker-process';

let peer: TestPeer;
let h: Harness;
let api: Api;
let cases: CaseDriver;
let worker: ChildProcess | undefined;

const archiveEnv = () => ({
  ARCHIVE_TRANSPORT: 'http',
  ARCHIVE_HTTP_URL: peer.url,
  ARCHIVE_RECEIPT_WAIT: '5',
  ARCHIVE_RETRY_INITIAL: '1',
  ARCHIVE_RETRY_MAX: '2',
  ARCHIVE_HEARTBEAT_TIMEOUT: '2',
});

beforeAll(async () => {
  peer = await openTestPeer();
  h = await openHarness();
  await h.stopWorker(); // this file runs the worker as its own process
  api = await openApi(h.taskQueue);
  cases = new CaseDriver(api);
  worker = await startWorkerProcess(h.taskQueue, archiveEnv());
});
afterAll(async () => {
  await stop(worker, 'SIGKILL');
  await api?.close();
  await h?.close();
  await peer?.close();
});

it('SIGKILLed mid-delivery and an archive down for a while: every record once, in order, in the archive', async () => {
  // Each kvittering takes a while, so a kill lands while messages are in flight.
  await peer.fault('SLOW', { delayMs: 1200 });
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) ids.push(await cases.register());
  for (const id of ids) {
    await cases.event(kari, id, { type: 'REGISTER' });
    await cases.event(kari, id, { type: 'START_ASSESSMENT' });
    await cases.event(kari, id, { type: 'SEND_PRELIMINARY_REPLY', expectedAnswerBy: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10), reason: 'Venter på opplysninger' });
  }
  for (let kill = 0; kill < 3; kill++) {
    await new Promise((r) => setTimeout(r, 1500));
    await stop(worker, 'SIGKILL');
    worker = await startWorkerProcess(h.taskQueue, archiveEnv());
  }
  // The archive goes down (its port refuses connections) while records are still coming; then it comes back.
  await peer.down();
  for (const id of ids) await cases.recordDecision(id, 'GRANTED');
  await new Promise((r) => setTimeout(r, 3000));
  await stop(worker, 'SIGKILL');
  worker = await startWorkerProcess(h.taskQueue, archiveEnv());
  await peer.up();

  for (const id of ids) {
    type Row = { kind: string; key: string; status: string; folder: string };
    const rows = await eventually(`case ${id} delivered`, (): Promise<Row[]> => h.db.query(
      `SELECT r.kind, r.external_key AS key, r.status, f.external_key AS folder FROM archive_record r JOIN archive_folder f USING (case_id) WHERE r.case_id = $1 ORDER BY r.position`, [id],
    ), (r) => r.length === 4 && r.every((x) => x.status === 'DELIVERED'), 120_000);
    const entries = rows.filter((r) => r.kind === 'ENTRY');
    const folder = (await peer.folder(rows[0].folder))!;
    // Exactly our three entries, once each, in our order: no loss, no duplicate.
    expect(folder.journalposts.map((j) => j.key)).toEqual(entries.map((r) => r.key));
    // The decision answered the notification: one avskrivning, however often the worker died while sending it.
    expect(folder.journalposts[0].avskrivninger).toHaveLength(1);
    expect(folder.journalposts.map((j) => j.title)).toEqual(['Melding om behov for individuell plan/koordinator', 'Foreløpig svar', 'Vedtak/avgjørelse']);
  }
  const store = await peer.store();
  const ours = new Set<string>();
  for (const id of ids) for (const r of await h.db.query(`SELECT external_key AS folder FROM archive_folder WHERE case_id = $1`, [id])) ours.add(r.folder);
  expect(store.folders.filter((f) => ours.has(f.key))).toHaveLength(3);
});
