// The local archive peer over both transports: the KS templates as payloads (with fresh keys and a small attached
// file whose checksum and size replace the template's), the replies checked against the official schemas.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MESSAGE_TYPE, REPLY_TYPE, WIRE, type ArchiveReply } from '../../libs/archive/src/archive.types';
import { mergeArchiveSettings } from '../../libs/archive/src/fiks-arkiv/archive-settings';
import { partyIdFor } from '../../libs/archive/src/fiks-arkiv/arkivmelding';
import { buildAvskrivningMessage, type AvskrivningInput } from '../../libs/archive/src/fiks-arkiv/avskrivning';
import { validatePayload } from '../../libs/archive/src/fiks-arkiv/schema-validator';
import { startArchivePeer, type RunningArchivePeer } from '../../apps/archive-peer/src/main';

const TEMPLATES = join(__dirname, '../../../shared/noark5/templates');
const template = (name: string) => readFileSync(join(TEMPLATES, name), 'utf8');
const T01 = template('01-ny-saksmappe-med-inngaaende-journalpost.xml');
const T02 = template('02-utgaaende-journalpost.xml');
const T04 = template('04-avslutt-saksmappe.xml');
const TEMPLATE_FOLDER_KEY = 'sak/6f1c2a9e-3f0b-4c59-9a57-0d6b9a1f2c11';

interface Message {
  messageId: string;
  messageType: string;
  payload: string;
  files: { name: string; content: Buffer }[];
}

/** A message from a template: the case's own folder key, a fresh entry key, and a file matching sjekksum/filstoerrelse. */
function fromTemplate(xml: string, folderKey: string, o: { entryKey?: string; content?: Buffer; messageId?: string } = {}): Message {
  const content = o.content ?? Buffer.from(`%PDF-1.7 test ${randomUUID()}`);
  let payload = xml
    .split(TEMPLATE_FOLDER_KEY)
    .join(folderKey)
    .replace(/<n5mdk:noekkel>jp\/[^<]+<\/n5mdk:noekkel>/, `<n5mdk:noekkel>${o.entryKey ?? `jp/${randomUUID()}`}</n5mdk:noekkel>`)
    .replace(/<sjekksum>[^<]+<\/sjekksum>/, `<sjekksum>${createHash('sha256').update(content).digest('hex')}</sjekksum>`)
    .replace(/<filstoerrelse>[^<]+<\/filstoerrelse>/, `<filstoerrelse>${content.length}</filstoerrelse>`);
  const fileRef = /<referanseDokumentfil>([^<]+)<\/referanseDokumentfil>/.exec(payload)?.[1];
  payload = payload.replace(/<!--[\s\S]*?-->/g, '');
  const messageType = payload.includes('<arkivmeldingOppdatering') ? MESSAGE_TYPE.UPDATE : MESSAGE_TYPE.CREATE;
  return { messageId: o.messageId ?? randomUUID(), messageType, payload, files: fileRef ? [{ name: fileRef, content }] : [] };
}

const newFolderKey = () => `sak/${randomUUID()}`;

/** Template 01 (an incoming entry) with our korrespondansepartID on its sender (EA), as the engine builds it. */
function incomingWithParty(folderKey: string, entryKey = `jp/${randomUUID()}`) {
  const partyId = partyIdFor(entryKey, 'EA');
  const m = fromTemplate(T01, folderKey, { entryKey });
  m.payload = m.payload.replace('<korrespondansepart>', `<korrespondansepart><korrespondansepartID>${partyId}</korrespondansepartID>`);
  return { message: m, entryKey, partyId };
}
/** An avskrivning as the library builds it, in the templates' fagsystem. */
function avskrivning(a: Omit<AvskrivningInput, 'date' | 'by'>, messageId: string = randomUUID()): Message {
  const payload = buildAvskrivningMessage(mergeArchiveSettings({ system: 'ip-arbeidsflyt' }), { date: '2025-03-06', by: 'Sara Saksbehandler', ...a });
  return { messageId, messageType: MESSAGE_TYPE.AVSKRIVNING, payload, files: [] };
}
const entryKeyOf = (m: Message) => /<n5mdk:noekkel>(jp\/[^<]+)</.exec(m.payload)![1];

const FINAL: string[] = [REPLY_TYPE.CREATE_RECEIPT, REPLY_TYPE.UPDATE_RECEIPT, REPLY_TYPE.AVSKRIVNING_RECEIPT, REPLY_TYPE.INVALID, REPLY_TYPE.SERVER_ERROR, REPLY_TYPE.NOT_FOUND];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const types = (replies: ArchiveReply[]) => replies.map((r) => r.type);
const text = (xml: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];

/** One transport, as the engine would use it. */
interface Transport {
  send(m: Message): Promise<void>;
  /** The replies so far, or null when the archive has none for the message. */
  replies(messageId: string): Promise<ArchiveReply[] | null>;
}

function httpTransport(peer: () => RunningArchivePeer): Transport {
  return {
    async send(m) {
      const res = await fetch(`${peer().url}${WIRE.messagesPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...m, files: m.files.map((f) => ({ name: f.name, contentBase64: f.content.toString('base64') })) }),
      });
      if (res.status !== 202) throw new Error(`POST /messages answered ${res.status}`);
    },
    async replies(id) {
      const res = await fetch(`${peer().url}${WIRE.repliesPath(id)}`);
      return res.status === 404 ? null : ((await res.json()) as { replies: ArchiveReply[] }).replies;
    },
  };
}

function dropTransport(root: () => string): Transport {
  return {
    async send(m) {
      const dropDir = root();
      const tmp = join(dropDir, WIRE.dropOutbox, `.tmp-${m.messageId}`);
      mkdirSync(tmp, { recursive: true });
      writeFileSync(join(tmp, WIRE.dropMeta), JSON.stringify({ messageId: m.messageId, messageType: m.messageType }));
      writeFileSync(join(tmp, WIRE.dropPayload), m.payload);
      for (const f of m.files) writeFileSync(join(tmp, f.name), f.content);
      renameSync(tmp, join(dropDir, WIRE.dropOutbox, m.messageId));
    },
    async replies(id) {
      const file = join(root(), WIRE.dropReplies, id, WIRE.dropRepliesFile);
      return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { replies: ArchiveReply[] }).replies : null;
    },
  };
}

/** Waits until the message has `count` replies, the last one final (or `count` given); fails after a while. */
async function repliesOf(t: Transport, messageId: string, count?: number, timeoutMs = 15_000): Promise<ArchiveReply[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await t.replies(messageId);
    if (r && (count !== undefined ? r.length >= count : FINAL.includes(r.at(-1)?.type ?? ''))) return r;
    if (Date.now() > until) throw new Error(`no final reply for ${messageId}: ${JSON.stringify(r && types(r))}`);
    await sleep(50);
  }
}

interface StoreView {
  folders: (Record<string, unknown> & {
    systemID: string;
    journalposts: (Record<string, unknown> & { key: string; systemID: string; messageId: string; journalpostnummer: number; avskrivninger: Record<string, unknown>[] })[];
  })[];
  counters: { received: number; resends: number; refused: number };
}

async function admin(peer: RunningArchivePeer, path: string, body?: unknown) {
  const res = await fetch(`${peer.url}/admin/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}
const store = async (peer: RunningArchivePeer) => (await admin(peer, 'store')).body as StoreView;

async function expectKvitteringValid(xml: string | undefined) {
  expect(xml).toBeDefined();
  expect(await validatePayload(REPLY_TYPE.CREATE_RECEIPT, xml!)).toEqual({ valid: true, errors: [] });
}
async function expectFeilmelding(reply: ArchiveReply, type: typeof REPLY_TYPE.INVALID | typeof REPLY_TYPE.SERVER_ERROR | typeof REPLY_TYPE.NOT_FOUND, says?: RegExp) {
  expect(reply.type).toBe(type);
  expect(await validatePayload(type, reply.payload!)).toEqual({ valid: true, errors: [] });
  if (says) expect(text(reply.payload!, 'feil:feilmelding')).toMatch(says);
}

let dir: string;
let dropDir: string;
let peer: RunningArchivePeer;
const start = async () => (peer = await startArchivePeer({ port: 0, dir, dropDir, logLevel: 'error', rescanMs: 100 }));

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'ke-ip-archive-peer-'));
  dir = join(root, 'store');
  dropDir = join(root, 'drop');
  await start();
});
afterAll(async () => peer?.close());
beforeEach(async () => {
  expect((await admin(peer, 'reset', {})).status).toBe(204);
});

describe.each([
  ['HTTP', () => httpTransport(() => peer)],
  ['the file drop', () => dropTransport(() => dropDir)],
])('the archive peer over %s', (_name, transport) => {
  const t = transport();

  it('answers a new folder with its journalpost with mottatt, then a kvittering with the ids it assigned, and stores both with the file', async () => {
    const folderKey = newFolderKey();
    const m = fromTemplate(T01, folderKey);
    await t.send(m);
    const replies = await repliesOf(t, m.messageId);
    expect(types(replies)).toEqual([REPLY_TYPE.CREATE_RECEIVED, REPLY_TYPE.CREATE_RECEIPT]);
    const kvittering = replies[1].payload!;
    await expectKvitteringValid(kvittering);
    expect(kvittering.match(/<opprettetEllerEksisterende>(\w+)</g)).toEqual(['<opprettetEllerEksisterende>Opprettet<', '<opprettetEllerEksisterende>Opprettet<']);

    const s = await store(peer);
    expect(s.folders).toHaveLength(1);
    const [folder] = s.folders;
    expect(folder).toMatchObject({ key: folderKey, status: 'B', sakssekvensnummer: 1, saksaar: new Date().getFullYear() });
    expect(kvittering).toContain(`<systemID>${folder.systemID}</systemID>`);
    expect(folder.journalposts).toHaveLength(1);
    const [jp] = folder.journalposts;
    expect(jp).toMatchObject({ type: 'I', messageId: m.messageId, journalpostnummer: 1, journalsekvensnummer: 1 });
    expect(kvittering).toContain(`<systemID>${jp.systemID}</systemID>`);
    expect(text(kvittering, 'journalsekvensnummer')).toBe('1');
    const content = m.files[0].content;
    expect(jp.documents).toEqual([
      expect.objectContaining({ fileName: 'Melding om behov for IP.pdf', fileRef: 'melding-ip-1.pdf', sha256: createHash('sha256').update(content).digest('hex'), size: content.length }),
    ]);
    expect(readFileSync(join(dir, 'files', jp.systemID, 'melding-ip-1.pdf')).equals(content)).toBe(true);
    expect(s.counters).toEqual({ received: 1, resends: 0, refused: 0 });
  });

  it('files further journalposts in arrival order with running numbers, and answers a known key with Eksisterende and the same ids, storing nothing new', async () => {
    const folderKey = newFolderKey();
    const first = fromTemplate(T01, folderKey);
    const second = fromTemplate(T02, folderKey);
    const third = fromTemplate(T02, folderKey);
    for (const m of [first, second, third]) await t.send(m);
    for (const m of [first, second, third]) await repliesOf(t, m.messageId);
    const before = await store(peer);
    expect(before.folders[0].journalposts.map((j) => [j.messageId, j.journalpostnummer])).toEqual([
      [first.messageId, 1],
      [second.messageId, 2],
      [third.messageId, 3],
    ]);

    // The same folder and entry keys in a new message (a new outbox row for the same record).
    const entryKey = [...first.payload.matchAll(/<n5mdk:noekkel>(jp\/[^<]+)</g)][0][1];
    const repeat = fromTemplate(T01, folderKey, { entryKey });
    await t.send(repeat);
    const replies = await repliesOf(t, repeat.messageId);
    expect(types(replies)).toEqual([REPLY_TYPE.CREATE_RECEIVED, REPLY_TYPE.CREATE_RECEIPT]);
    const k = replies[1].payload!;
    await expectKvitteringValid(k);
    expect(k.match(/<opprettetEllerEksisterende>(\w+)</g)).toEqual(['<opprettetEllerEksisterende>Eksisterende<', '<opprettetEllerEksisterende>Eksisterende<']);
    const firstK = (await repliesOf(t, first.messageId))[1].payload!;
    for (const tag of ['mappeID', 'sakssekvensnummer', 'journalsekvensnummer', 'journalpostnummer', 'registreringsID']) expect(text(k, tag)).toBe(text(firstK, tag));
    expect(k.match(/<systemID>[^<]+</g)).toEqual(firstK.match(/<systemID>[^<]+</g));
    const after = await store(peer);
    expect(after.folders).toEqual(before.folders);
  });

  it('answers a resend (the same messageId) with the same replies and does not process it twice', async () => {
    const m = fromTemplate(T01, newFolderKey());
    await t.send(m);
    const replies = await repliesOf(t, m.messageId);
    await t.send(m);
    await sleep(300);
    await t.send(m);
    // The file drop answers by rewriting the replies file: wait until the peer has consumed the resends.
    const until = Date.now() + 10_000;
    while ((await store(peer)).counters.resends < 2 && Date.now() < until) await sleep(50);
    expect(await repliesOf(t, m.messageId)).toEqual(replies);
    const s = await store(peer);
    expect(s.counters).toEqual({ received: 3, resends: 2, refused: 0 });
    expect(s.folders[0].journalposts).toHaveLength(1);
  });

  it('refuses a payload that is not valid against the schema with ugyldigforespoersel and the validator’s errors', async () => {
    const m = fromTemplate(T01, newFolderKey());
    m.payload = m.payload.replace('<antallFiler>1</antallFiler>', '<antallFiler>en</antallFiler>');
    await t.send(m);
    const replies = await repliesOf(t, m.messageId);
    expect(types(replies)).toEqual([REPLY_TYPE.INVALID]);
    await expectFeilmelding(replies[0], REPLY_TYPE.INVALID, /antallFiler/);
    const broken = { ...fromTemplate(T01, newFolderKey()), payload: '<arkivmelding><oops></arkivmelding>' };
    await t.send(broken);
    await expectFeilmelding((await repliesOf(t, broken.messageId))[0], REPLY_TYPE.INVALID, /skjemaet/);
    const s = await store(peer);
    expect(s.folders).toEqual([]);
    expect(s.counters.refused).toBe(2);
  });

  it('refuses a file whose checksum or size does not match, and a missing file', async () => {
    const m = fromTemplate(T01, newFolderKey());
    m.files[0].content = Buffer.from('something else');
    await t.send(m);
    await expectFeilmelding((await repliesOf(t, m.messageId))[0], REPLY_TYPE.INVALID, /Sjekksummen for melding-ip-1.pdf/);
    const missing = fromTemplate(T01, newFolderKey());
    missing.files = [];
    await t.send(missing);
    await expectFeilmelding((await repliesOf(t, missing.messageId))[0], REPLY_TYPE.INVALID, /mangler/);
    expect((await store(peer)).folders).toEqual([]);
  });

  it('closes a folder with oppdater, then refuses a registration on it; an unknown folder is ikkefunnet', async () => {
    const folderKey = newFolderKey();
    const create = fromTemplate(T01, folderKey);
    const close = fromTemplate(T04, folderKey);
    const late = fromTemplate(T02, folderKey);
    // Sent back to back: the peer takes them one at a time in arrival order.
    for (const m of [create, close, late]) await t.send(m);
    expect(types(await repliesOf(t, create.messageId))).toEqual([REPLY_TYPE.CREATE_RECEIVED, REPLY_TYPE.CREATE_RECEIPT]);
    const closed = await repliesOf(t, close.messageId);
    expect(closed).toEqual([expect.objectContaining({ type: REPLY_TYPE.UPDATE_RECEIVED }), { type: REPLY_TYPE.UPDATE_RECEIPT, at: expect.any(String) }]);
    const refused = await repliesOf(t, late.messageId);
    expect(types(refused)).toEqual([REPLY_TYPE.CREATE_RECEIVED, REPLY_TYPE.INVALID]);
    await expectFeilmelding(refused[1], REPLY_TYPE.INVALID, /Saksmappen er avsluttet/);
    const s = await store(peer);
    expect(s.folders[0]).toMatchObject({ status: 'A', closedAt: '2024-06-30T12:00:00+02:00' });
    expect(s.folders[0].journalposts).toHaveLength(1);

    const unknown = fromTemplate(T04, newFolderKey());
    await t.send(unknown);
    const nf = await repliesOf(t, unknown.messageId);
    expect(types(nf)).toEqual([REPLY_TYPE.UPDATE_RECEIVED, REPLY_TYPE.NOT_FOUND]);
    await expectFeilmelding(nf[1], REPLY_TYPE.NOT_FOUND);
  });

  it('files an avskrivning of the incoming entry’s sender, answered by the letter: mottatt, kvittering, shown on the journalpost; a repeat adds nothing', async () => {
    const folderKey = newFolderKey();
    const incoming = incomingWithParty(folderKey);
    const letter = fromTemplate(T02, folderKey);
    const answeredByKey = entryKeyOf(letter);
    const av = avskrivning({ entryKey: incoming.entryKey, partyId: incoming.partyId, method: 'BU', answeredByKey });
    // Back to back, the incoming entry's filing slowed: the avskrivning waits in the folder's queue behind the entries it names.
    await admin(peer, 'faults', { mode: 'SLOW', delayMs: 800, count: 1 });
    for (const m of [incoming.message, letter, av]) await t.send(m);
    const replies = await repliesOf(t, av.messageId);
    expect(replies).toEqual([
      { type: REPLY_TYPE.AVSKRIVNING_RECEIVED, at: expect.any(String) },
      { type: REPLY_TYPE.AVSKRIVNING_RECEIPT, at: expect.any(String) },
    ]);
    const jp = (await store(peer)).folders[0].journalposts.find((j) => j.key === incoming.entryKey)!;
    expect(jp).toMatchObject({ korrespondansepartIDs: [incoming.partyId] });
    const filed = [{ partyId: incoming.partyId, method: 'BU', answeredByKey, date: '2025-03-06', messageId: av.messageId }];
    expect(jp.avskrivninger).toEqual(filed);

    // The same (entry, party) in a new message: a recognised duplicate.
    const again = avskrivning({ entryKey: incoming.entryKey, partyId: incoming.partyId, method: 'TO' });
    await t.send(again);
    expect(types(await repliesOf(t, again.messageId))).toEqual([REPLY_TYPE.AVSKRIVNING_RECEIVED, REPLY_TYPE.AVSKRIVNING_RECEIPT]);
    const after = await store(peer);
    expect(after.folders[0].journalposts.find((j) => j.key === incoming.entryKey)!.avskrivninger).toEqual(filed);
    expect(after.counters.refused).toBe(0);
  });

  it('answers an avskrivning of an unknown entry with ikkefunnet, of a party not on the entry or an invalid one with ugyldigforespoersel', async () => {
    const incoming = incomingWithParty(newFolderKey());
    await t.send(incoming.message);
    await repliesOf(t, incoming.message.messageId);

    const unknown = avskrivning({ entryKey: `jp/${randomUUID()}`, partyId: incoming.partyId, method: 'TE' });
    await t.send(unknown);
    const nf = await repliesOf(t, unknown.messageId);
    expect(types(nf)).toEqual([REPLY_TYPE.AVSKRIVNING_RECEIVED, REPLY_TYPE.NOT_FOUND]);
    await expectFeilmelding(nf[1], REPLY_TYPE.NOT_FOUND, /Journalposten finnes ikke/);

    const wrongParty = avskrivning({ entryKey: incoming.entryKey, partyId: partyIdFor(incoming.entryKey, 'IM'), method: 'TE' });
    await t.send(wrongParty);
    const wp = await repliesOf(t, wrongParty.messageId);
    expect(types(wp)).toEqual([REPLY_TYPE.AVSKRIVNING_RECEIVED, REPLY_TYPE.INVALID]);
    await expectFeilmelding(wp[1], REPLY_TYPE.INVALID, /Korrespondanseparten finnes ikke/);

    const invalid = avskrivning({ entryKey: incoming.entryKey, partyId: incoming.partyId, method: 'TE' });
    invalid.payload = invalid.payload.replace(/<korrespondansepartID>[^<]+<\/korrespondansepartID>/, '');
    await t.send(invalid);
    await expectFeilmelding((await repliesOf(t, invalid.messageId))[0], REPLY_TYPE.INVALID, /korrespondansepartID/);

    const s = await store(peer);
    expect(s.folders[0].journalposts[0].avskrivninger).toEqual([]);
    expect(s.counters.refused).toBe(3);
  });

  it('answers serverfeil while SERVER_ERROR is on (storing nothing), and processes the resend of the same message once it is off', async () => {
    expect((await admin(peer, 'faults', { mode: 'SERVER_ERROR', count: 1 })).status).toBe(200);
    const m = fromTemplate(T01, newFolderKey());
    await t.send(m);
    const failed = await repliesOf(t, m.messageId);
    expect(types(failed)).toEqual([REPLY_TYPE.SERVER_ERROR]);
    await expectFeilmelding(failed[0], REPLY_TYPE.SERVER_ERROR);
    expect((await store(peer)).folders).toEqual([]);
    // count 1: the fault is used up; the resend (same messageId) is filed.
    await t.send(m);
    const replies = await repliesOf(t, m.messageId, 3);
    expect(types(replies)).toEqual([REPLY_TYPE.SERVER_ERROR, REPLY_TYPE.CREATE_RECEIVED, REPLY_TYPE.CREATE_RECEIPT]);
    expect((await store(peer)).folders).toHaveLength(1);
  });

  it('answers ugyldigforespoersel while INVALID is on', async () => {
    await admin(peer, 'faults', { mode: 'INVALID' });
    const m = fromTemplate(T01, newFolderKey());
    await t.send(m);
    await expectFeilmelding((await repliesOf(t, m.messageId))[0], REPLY_TYPE.INVALID);
    const second = fromTemplate(T01, newFolderKey());
    await t.send(second);
    expect(types(await repliesOf(t, second.messageId))).toEqual([REPLY_TYPE.INVALID]);
    expect((await store(peer)).folders).toEqual([]);
  });

  it('delays the kvittering (not mottatt) while SLOW is on, and stores only then', async () => {
    await admin(peer, 'faults', { mode: 'SLOW', delayMs: 1500, count: 1 });
    const m = fromTemplate(T01, newFolderKey());
    await t.send(m);
    expect(types(await repliesOf(t, m.messageId, 1))).toEqual([REPLY_TYPE.CREATE_RECEIVED]);
    await sleep(700);
    expect(types((await t.replies(m.messageId))!)).toEqual([REPLY_TYPE.CREATE_RECEIVED]);
    expect((await store(peer)).folders).toEqual([]);
    const replies = await repliesOf(t, m.messageId);
    expect(new Date(replies[1].at).getTime() - new Date(replies[0].at).getTime()).toBeGreaterThanOrEqual(1400);
    expect((await store(peer)).folders).toHaveLength(1);
  });
});

describe('DOWN', () => {
  it('answers 503 on every endpoint but /admin over HTTP', async () => {
    await admin(peer, 'faults', { mode: 'DOWN' });
    const m = fromTemplate(T01, newFolderKey());
    await expect(httpTransport(() => peer).send(m)).rejects.toThrow('503');
    expect((await fetch(`${peer.url}/health`)).status).toBe(503);
    expect((await fetch(`${peer.url}${WIRE.repliesPath(m.messageId)}`)).status).toBe(503);
    expect((await admin(peer, 'store')).status).toBe(200);
    await admin(peer, 'faults', { mode: 'NONE' });
    expect((await fetch(`${peer.url}/health`)).status).toBe(200);
    expect((await fetch(`${peer.url}${WIRE.repliesPath(m.messageId)}`)).status).toBe(404);
  });

  it('leaves dropped messages unanswered while down, and takes them in when set back', async () => {
    const t = dropTransport(() => dropDir);
    await admin(peer, 'faults', { mode: 'DOWN' });
    const m = fromTemplate(T01, newFolderKey());
    await t.send(m);
    await sleep(600);
    expect(await t.replies(m.messageId)).toBeNull();
    expect((await store(peer)).counters.received).toBe(0);
    await admin(peer, 'faults', { mode: 'NONE' });
    expect(types(await repliesOf(t, m.messageId))).toEqual([REPLY_TYPE.CREATE_RECEIVED, REPLY_TYPE.CREATE_RECEIPT]);
  });
});

describe('the fault settings', () => {
  it('refuses an unknown mode or a bad count', async () => {
    expect((await admin(peer, 'faults', { mode: 'BROKEN' })).status).toBe(400);
    expect((await admin(peer, 'faults', { mode: 'SLOW', count: 0 })).status).toBe(400);
  });
});

describe('a restart of the peer', () => {
  it('keeps the store, the running numbers and the replies, so a resend after it gets the same answer', async () => {
    const t = httpTransport(() => peer);
    const folderKey = newFolderKey();
    const first = fromTemplate(T01, folderKey);
    await t.send(first);
    const replies = await repliesOf(t, first.messageId);
    const before = await store(peer);

    await peer.close();
    await start();

    expect((await store(peer)).folders).toEqual(before.folders);
    await t.send(first);
    expect(await t.replies(first.messageId)).toEqual(replies);
    const next = fromTemplate(T02, folderKey);
    await t.send(next);
    const k = (await repliesOf(t, next.messageId))[1].payload!;
    expect(text(k, 'journalpostnummer')).toBe('2');
    expect(text(k, 'journalsekvensnummer')).toBe('2');
    const other = fromTemplate(T01, newFolderKey());
    await t.send(other);
    expect(text((await repliesOf(t, other.messageId))[1].payload!, 'sakssekvensnummer')).toBe('2');
    const [jp] = (await store(peer)).folders[0].journalposts;
    expect(readFileSync(join(dir, 'files', jp.systemID, 'melding-ip-1.pdf')).equals(first.files[0].content)).toBe(true);
  });
});
