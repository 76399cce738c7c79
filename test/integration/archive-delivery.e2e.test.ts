// The archive delivery end to end: cases driven over HTTP, the worker delivering to the local archive peer over HTTP,
// and the peer's own store checked — one folder per case, the entries in order, each with its PDF, closed last;
// refusals as one incident each, an unreachable archive caught up without loss or duplicates.
import { createHash } from 'node:crypto';
import { Api, openApi } from '../support/api';
import { deliveryTo, eventually, openTestPeer, TestPeer } from '../support/archive-peer';
import { CaseDriver, kari, lars } from '../support/case-flows';
import { Harness, openHarness } from '../support/harness';
import { asOwner } from '../support/owner';

let peer: TestPeer;
let h: Harness;
let api: Api;
let cases: CaseDriver;

beforeAll(async () => {
  peer = await openTestPeer();
  h = await openHarness({ archive: deliveryTo(peer.url) });
  api = await openApi(h.taskQueue);
  cases = new CaseDriver(api);
});
afterAll(async () => {
  await api?.close();
  await h?.close();
  await peer?.close();
});
afterEach(() => peer.fault('NONE'));

interface ArchiveView {
  folder: { externalKey: string; systemId: string | null; saksnummer: string | null; closedAt: string | null } | null;
  records: { kind: string; record: string | null; type: string | null; answersKey: string | null; state: string; attempts: number; externalKey: string | null; lastError: string | null;
    archiveIds: { systemId: string | null; journalpostnummer: string | null }; document: { href: string; sha256: string; size: number } | null }[];
}

const archiveOf = async (caseId: string): Promise<ArchiveView> => (await api.http.get(`/cases/${caseId}/archive`).set(await cases.as(lars))).body;
const allDelivered = (a: ArchiveView) => !!a.folder?.closedAt && a.records.length > 0 && a.records.every((r) => r.state === 'DELIVERED');

async function expectInPeerAsDelivered(caseId: string, expected: string[]) {
  const ours = await eventually(`case ${caseId} delivered`, () => archiveOf(caseId), allDelivered);
  const folder = (await peer.folder(ours.folder!.externalKey))!;
  expect(folder.status).toBe('A');
  // In the archive, in order: exactly the entries of § 6.3 for this path, each once, each with its PDF.
  expect(folder.journalposts.map((j) => j.title)).toEqual(expected);
  const entries = ours.records.filter((r) => r.kind === 'ENTRY');
  expect(folder.journalposts.map((j) => j.key)).toEqual(entries.map((r) => r.externalKey));
  expect(ours.records[ours.records.length - 1].kind).toBe('CLOSE_FOLDER');
  for (const [i, entry] of entries.entries()) {
    expect(entry.archiveIds.systemId).toBeTruthy();
    expect(entry.archiveIds.journalpostnummer).toMatch(/^\d{4}\/\d+$/);
    expect(folder.journalposts[i].documents).toEqual([expect.objectContaining({ sha256: entry.document!.sha256, size: entry.document!.size })]);
  }
  expect(ours.folder!.saksnummer).toMatch(/^\d{4}\/\d+$/);
  // Every incoming entry is avskrevet before the folder closes, each once: no restanser left in the archive.
  const incoming = entries.filter((e) => e.type === 'I').map((e) => e.externalKey);
  const avskrevet = folder.journalposts.filter((j) => incoming.includes(j.key)).map((j) => ({ key: j.key, n: j.avskrivninger.length }));
  expect(avskrevet).toEqual(incoming.map((key) => ({ key, n: 1 })));
  expect(ours.records.filter((r) => r.kind === 'AVSKRIVNING').map((r) => r.answersKey).sort()).toEqual([...incoming].sort());
  return { ours, folder };
}

it('a case from notification to closure: one folder, the expected entries in order, each with its PDF, the folder closed last', async () => {
  const caseId = await cases.register();
  await cases.wholeLife(caseId);
  const { ours, folder } = await expectInPeerAsDelivered(caseId, [
    'Melding om behov for individuell plan/koordinator',
    'Vedtak/avgjørelse',
    'Samtykkeerklæring',
    'Oppnevning av koordinator',
    'Kartlegging',
    'Innkalling til ansvarsgruppe',
    'Individuell plan',
    'Evaluering',
    'Avslutningsbrev',
  ]);
  // The notification is answered by the decision letter (BU); the consent declaration is taken note of at closure (TO).
  const avskrivninger = (key: string | null) => folder.journalposts.find((j) => j.key === key)!.avskrivninger;
  const entries = ours.records.filter((r) => r.kind === 'ENTRY');
  expect(avskrivninger(entries[0].externalKey)).toEqual([expect.objectContaining({ method: 'BU', answeredByKey: entries[1].externalKey })]);
  expect(avskrivninger(entries[2].externalKey)).toEqual([expect.objectContaining({ method: 'TO' })]);
  // The document as filed, from the API: the same bytes the archive got, and the download is logged as an export.
  const decision = entries[1];
  const pdf = await api.http.get(decision.document!.href).set(await cases.as(kari)).buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
  expect(pdf.status).toBe(200);
  expect(pdf.headers['content-type']).toBe('application/pdf');
  expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  expect(createHash('sha256').update(pdf.body as Buffer).digest('hex')).toBe(decision.document!.sha256);
  const logged = await asOwner(`SELECT action FROM access_log WHERE case_id = $1 AND resource LIKE $2`, [caseId, `cases/${caseId}/documents/%`]);
  expect(logged).toEqual([{ action: 'EXPORT' }]);
});

it('rejection, appeal, KE upholds, Statsforvalteren upholds: the appeal records in order, then the folder closed', async () => {
  const caseId = await cases.register();
  await cases.appealedToStatsforvalteren(caseId);
  await expectInPeerAsDelivered(caseId, [
    'Melding om behov for individuell plan/koordinator',
    'Vedtak/avgjørelse',
    'Klage',
    'Vurdering av klage',
    'Oversendelse av klage',
    'Avgjørelse i klagesak',
  ]);
});

it('a message the archive refuses becomes one incident, holds the records after it, and after retry is delivered once', async () => {
  await peer.fault('INVALID', { count: 1 });
  const caseId = await cases.register();
  const incidents = await eventually('one incident', async () => (await api.http.get('/archive/incidents').query({ caseId }).set(await cases.as(lars))).body.items, (i: { incidentId: string }[]) => i.length > 0);
  expect(incidents).toEqual([expect.objectContaining({ caseId, status: 'OPEN', replyType: 'no.ks.fiks.arkiv.v1.feilmelding.ugyldigforespoersel', errorText: expect.any(String) })]);
  await cases.event(kari, caseId, { type: 'REGISTER' });
  await cases.event(kari, caseId, { type: 'START_ASSESSMENT' });
  await cases.event(kari, caseId, { type: 'SEND_PRELIMINARY_REPLY', expectedAnswerBy: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10), reason: 'Venter på opplysninger' });
  const refusedAfter = (await archiveOf(caseId)).records[0].attempts;
  await new Promise((r) => setTimeout(r, 1500));
  const held = await archiveOf(caseId);
  expect(held.records.map((r) => r.state)).toEqual(['REFUSED', 'PENDING']);
  expect(held.records[0].attempts).toBe(refusedAfter); // refused: never resent
  expect(await peer.folder(held.folder!.externalKey)).toBeUndefined();
  // The KE leader has it in the inbox; only a KE leader (or the system role) retries.
  const inbox = (await api.http.get('/tasks').query({ kind: 'ARCHIVE_INCIDENT', limit: 200 }).set(await cases.as(lars))).body.items.filter((t: { caseId: string }) => t.caseId === caseId);
  expect(inbox).toEqual([expect.objectContaining({ kind: 'ARCHIVE_INCIDENT', candidateRole: 'KE_LEADER', status: 'OPEN', completes: 'ARCHIVE_RETRY' })]);
  expect((await api.http.post(`/tasks/${inbox[0].id}/complete`).set(await cases.as(kari)).send({})).status).toBe(403);
  // To a caseworker the archive's incidents are not there at all.
  expect((await api.http.post(`/archive/incidents/${incidents[0].incidentId}/retry`).set(await cases.as(kari))).status).toBe(404);
  const retried = await api.http.post(`/archive/incidents/${incidents[0].incidentId}/retry`).set(await cases.as(lars));
  expect(retried.status).toBe(200);
  expect(retried.body).toMatchObject({ status: 'RETRIED', retriedBy: lars.sub });
  const again = await api.http.post(`/archive/incidents/${incidents[0].incidentId}/retry`).set(await cases.as(lars));
  expect([200, 409]).toContain(again.status);
  expect((await api.http.get(`/tasks/${inbox[0].id}`).set(await cases.as(lars))).body).toMatchObject({ status: 'COMPLETED', closedBy: { sub: lars.sub } });
  const delivered = await eventually('delivered after retry', () => archiveOf(caseId), (a) => a.records.every((r) => r.state === 'DELIVERED'));
  const folder = (await peer.folder(delivered.folder!.externalKey))!;
  expect(folder.journalposts.map((j) => j.title)).toEqual(['Melding om behov for individuell plan/koordinator', 'Foreløpig svar']);
  const [{ n }] = await h.db.query(`SELECT count(*)::int AS n FROM archive_incident WHERE case_id = $1`, [caseId]);
  expect(n).toBe(1);
});

it('server errors and an archive that is down for a while: retried with the same message, delivered once, in order', async () => {
  await peer.fault('DOWN');
  const caseId = await cases.register();
  await cases.event(kari, caseId, { type: 'REGISTER' });
  await cases.event(kari, caseId, { type: 'START_ASSESSMENT' });
  await cases.event(kari, caseId, { type: 'SEND_PRELIMINARY_REPLY', expectedAnswerBy: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10), reason: 'Venter på opplysninger' });
  const waiting = await eventually('attempts while down', () => archiveOf(caseId), (a) => a.records[0]?.attempts >= 3);
  expect(waiting.records[0].state).not.toBe('DELIVERED');
  expect(waiting.records[0].lastError).toMatch(/503|did not answer/);
  expect(waiting.records[1].attempts).toBe(0); // one in flight per case
  await peer.fault('SERVER_ERROR', { count: 2 });
  const done = await eventually('caught up', () => archiveOf(caseId), (a) => a.records.every((r) => r.state === 'DELIVERED'));
  const folder = (await peer.folder(done.folder!.externalKey))!;
  expect(folder.journalposts.map((j) => j.key)).toEqual(done.records.filter((r) => r.kind === 'ENTRY').map((r) => r.externalKey));
  const [{ incidents }] = await h.db.query(`SELECT count(*)::int AS incidents FROM archive_incident WHERE case_id = $1`, [caseId]);
  expect(incidents).toBe(0);
});
