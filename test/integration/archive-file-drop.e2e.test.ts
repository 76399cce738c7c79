// The embedded default's transport: the worker drops each message in a folder, the archive peer reads it from there
// and writes its replies back beside it; the records arrive in order, once, as over HTTP.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileDropTransport } from '../../libs/archive/src/transport';
import { Api, openApi } from '../support/api';
import { deliveryTo, eventually, openTestPeer, TestPeer } from '../support/archive-peer';
import { CaseDriver, kari } from '../support/case-flows';
import { Harness, openHarness } from '../support/harness';

const drop = mkdtempSync(join(tmpdir(), 'ke-ip-archive-drop-'));
let peer: TestPeer;
let h: Harness;
let api: Api;
let cases: CaseDriver;

beforeAll(async () => {
  peer = await openTestPeer({ dropDir: drop });
  h = await openHarness({ archive: { ...deliveryTo(peer.url), transport: new FileDropTransport(drop) } });
  api = await openApi(h.taskQueue);
  cases = new CaseDriver(api);
});
afterAll(async () => {
  await api?.close();
  await h?.close();
  await peer?.close();
});

it('delivers through the drop folder: each record once, in order, with the replies read back from the folder', async () => {
  const caseId = await cases.register();
  await cases.event(kari, caseId, { type: 'REGISTER' });
  await cases.event(kari, caseId, { type: 'START_ASSESSMENT' });
  await cases.event(kari, caseId, { type: 'SEND_PRELIMINARY_REPLY', expectedAnswerBy: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10), reason: 'Venter på opplysninger' });
  type Row = { key: string; status: string; messageId: string; folder: string };
  const rows = await eventually('delivered', (): Promise<Row[]> => h.db.query(
    `SELECT r.external_key AS key, r.status, r.message_id AS "messageId", f.external_key AS folder FROM archive_record r JOIN archive_folder f USING (case_id)
     WHERE r.case_id = $1 ORDER BY r.position`, [caseId],
  ), (r) => r.length === 2 && r.every((x) => x.status === 'DELIVERED'));
  const folder = (await peer.folder(rows[0].folder))!;
  expect(folder.journalposts.map((j) => j.key)).toEqual(rows.map((r) => r.key));
  expect(folder.journalposts.map((j) => j.title)).toEqual(['Melding om behov for individuell plan/koordinator', 'Foreløpig svar']);
  // The replies came back through the folder, one list per message.
  expect(readdirSync(join(drop, 'replies')).sort()).toEqual(expect.arrayContaining(rows.map((r) => r.messageId)));
});
