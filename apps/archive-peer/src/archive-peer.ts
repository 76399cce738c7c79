// The archive's side of a Fiks Arkiv conversation, whatever the transport: takes a message in (in arrival order),
// answers mottatt or a feilmelding at once, then files it (one message at a time per case folder) and answers the
// kvittering. A repeated messageId gets the replies it already got; one that never got a final reply (serverfeil,
// or the peer stopped midway) is processed again, as a resend after a fault should be.
import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { MESSAGE_TYPE, REPLY_TYPE, type ArchiveReply } from '../../../libs/archive/src/archive.types';
import { validatePayload, type SchemaMessageType } from '../../../libs/archive/src/fiks-arkiv/schema-validator';
import { namedFiles, readArkivmeldingIndex, type ArkivmeldingIndex, type AvskrivningIndex } from './arkivmelding-index';
import type { ArchiveStore, StoredEntry, StoredFolder, StoredMessage } from './archive-store';
import type { Faults } from './faults';
import { buildFeilmelding, buildKvittering, type EntryReceipt, type FeilmeldingKind, type FolderReceipt } from './replies';

export interface IncomingMessage {
  messageId: string;
  messageType: string;
  payload: string;
  files: { name: string; content: Buffer }[];
}

type Transport = 'http' | 'drop';
type RepliesListener = (messageId: string, message: StoredMessage) => void;

const FINAL: string[] = [REPLY_TYPE.CREATE_RECEIPT, REPLY_TYPE.UPDATE_RECEIPT, REPLY_TYPE.AVSKRIVNING_RECEIPT, REPLY_TYPE.INVALID, REPLY_TYPE.NOT_FOUND];
/** The mottatt of each message type. */
const RECEIVED: Record<string, string> = {
  [MESSAGE_TYPE.CREATE]: REPLY_TYPE.CREATE_RECEIVED,
  [MESSAGE_TYPE.UPDATE]: REPLY_TYPE.UPDATE_RECEIVED,
  [MESSAGE_TYPE.AVSKRIVNING]: REPLY_TYPE.AVSKRIVNING_RECEIVED,
};
const RECEIVED_TYPES = Object.values(RECEIVED);
const FEIL: Record<FeilmeldingKind, string> = { ugyldigforespoersel: REPLY_TYPE.INVALID, serverfeil: REPLY_TYPE.SERVER_ERROR, ikkefunnet: REPLY_TYPE.NOT_FOUND };
const KNOWN_TYPES: string[] = Object.values(MESSAGE_TYPE);

/** A messageId that can name a folder of the file drop: klientMeldingId is a uuid, anything path-like is refused. */
export const isSafeMessageId = (id: unknown): id is string => typeof id === 'string' && /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/.test(id);

/** A refusal found while filing: answered as a feilmelding, nothing stored. */
class Refusal extends Error {
  constructor(readonly kind: FeilmeldingKind, message: string) {
    super(message);
  }
}

export class ArchivePeer {
  private intake: Promise<unknown> = Promise.resolve();
  private folderQueues = new Map<string, Promise<void>>();
  /** The folder of each journalpost taken in but not yet filed, so an avskrivning of it waits in that folder's queue. */
  private pendingEntries = new Map<string, string>();
  private inflight = new Set<string>();
  private listeners: RepliesListener[] = [];
  private timers = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
  /** Bumped by reset and close: work begun before it is dropped. */
  private generation = 0;

  constructor(readonly store: ArchiveStore, readonly faults: Faults, private readonly log: Logger) {}

  onReplies(listener: RepliesListener): void {
    this.listeners.push(listener);
  }

  replies(messageId: string): ArchiveReply[] | undefined {
    const m = this.store.message(messageId);
    return m && [...m.replies];
  }

  /** Takes one message in; resolves with its replies so far (mottatt or a feilmelding, or all of a resend's). */
  receive(message: IncomingMessage, via: Transport): Promise<ArchiveReply[]> {
    const turn = this.intake.then(() => this.take(message, via));
    this.intake = turn.catch(() => undefined);
    return turn;
  }

  private async take(msg: IncomingMessage, via: Transport): Promise<ArchiveReply[]> {
    const { counters } = this.store;
    counters.received += 1;
    const known = this.store.message(msg.messageId);
    if (known && (this.inflight.has(msg.messageId) || FINAL.includes(known.replies.at(-1)?.type ?? ''))) {
      counters.resends += 1;
      known.viaDrop ||= via === 'drop';
      await this.store.persist();
      // The sender may have cleared its replies file before resending through the drop: write it again.
      if (via === 'drop') this.emit(msg.messageId, known);
      this.log.info({ messageId: msg.messageId, replies: known.replies.length }, 'resend answered with the replies it already got');
      return [...known.replies];
    }
    const record = this.store.touchMessage(msg.messageId, msg.messageType, via === 'drop');
    this.inflight.add(msg.messageId);
    const gen = this.generation;
    try {
      const fault = this.faults.take();
      if (fault.mode === 'SERVER_ERROR') return await this.fail(msg.messageId, 'serverfeil', 'Simulert serverfeil i arkivet');
      if (fault.mode === 'INVALID') return await this.fail(msg.messageId, 'ugyldigforespoersel', 'Simulert ugyldig forespørsel');
      const problem = await this.check(msg);
      if (typeof problem === 'string') return await this.fail(msg.messageId, 'ugyldigforespoersel', problem);
      const index = problem;
      await this.reply(msg.messageId, RECEIVED[msg.messageType]);
      const folderKey = this.folderKeyOf(index);
      if (index.kind === 'opprett' && index.entry?.key && !this.store.entry(index.entry.key)) this.pendingEntries.set(index.entry.key, folderKey);
      this.enqueue(folderKey, () => this.file(msg, index, gen, fault.mode === 'SLOW' ? fault.delayMs : 0));
      return [...record.replies];
    } catch (e) {
      this.log.error({ messageId: msg.messageId, err: e }, 'message could not be taken in');
      return await this.fail(msg.messageId, 'serverfeil', 'Intern feil i arkivet');
    }
  }

  /** The reason the message is invalid, or its index. */
  private async check(msg: IncomingMessage): Promise<string | ArkivmeldingIndex> {
    if (!KNOWN_TYPES.includes(msg.messageType)) return `Ukjent meldingstype: ${msg.messageType}`;
    const validation = await validatePayload(msg.messageType as SchemaMessageType, msg.payload);
    if (!validation.valid) return `arkivmelding.xml er ikke gyldig mot skjemaet: ${validation.errors.join('; ')}`;
    let index: ArkivmeldingIndex;
    try {
      index = readArkivmeldingIndex(msg.payload);
    } catch {
      return 'arkivmelding.xml kan ikke leses';
    }
    for (const f of namedFiles(index)) {
      const file = msg.files.find((x) => x.name === f.fileRef);
      if (!file) return `Filen ${f.fileRef} mangler i meldingen`;
      const sha256 = createHash('sha256').update(file.content).digest('hex');
      if (f.sha256 !== sha256) return `Sjekksummen for ${f.fileRef} stemmer ikke`;
      if (f.size !== file.content.length) return `Filstørrelsen for ${f.fileRef} stemmer ikke`;
    }
    return index;
  }

  /** Runs one message's filing after the folder's previous ones. */
  private enqueue(folderKey: string, job: () => Promise<void>): void {
    const run = (this.folderQueues.get(folderKey) ?? Promise.resolve()).then(job);
    const settled = run.catch(() => undefined);
    this.folderQueues.set(folderKey, settled);
  }

  private async file(msg: IncomingMessage, index: ArkivmeldingIndex, gen: number, delayMs: number): Promise<void> {
    try {
      if (delayMs > 0) await this.sleep(delayMs);
      if (gen !== this.generation) return;
      if (index.kind === 'oppdater') return await this.update(msg.messageId, index, gen);
      if (index.kind === 'avskrivning') return await this.avskriv(msg.messageId, index, gen);
      const payload = await this.create(msg, index, gen);
      if (payload !== null) await this.reply(msg.messageId, REPLY_TYPE.CREATE_RECEIPT, payload);
    } catch (e) {
      if (gen !== this.generation) return;
      if (e instanceof Refusal) await this.fail(msg.messageId, e.kind, e.message);
      else {
        this.log.error({ messageId: msg.messageId, err: e }, 'message could not be filed');
        await this.fail(msg.messageId, 'serverfeil', 'Intern feil i arkivet');
      }
    }
    // Filed: the store answers for the journalpost from now on (a refused one keeps its queue, which is harmless).
    const key = index.kind === 'opprett' ? index.entry?.key : null;
    if (key && this.store.entry(key)) this.pendingEntries.delete(key);
  }

  /** Files an opprett; the kvittering's payload, or null when a reset or close overtook it. */
  private async create(msg: IncomingMessage, index: Extract<ArkivmeldingIndex, { kind: 'opprett' }>, gen: number): Promise<string | null> {
    const now = new Date();
    const year = now.getFullYear();
    const today = now.toISOString().slice(0, 10);
    // Every refusal is found before anything is written.
    const f = index.folder;
    if (f && !f.key) throw new Refusal('ugyldigforespoersel', 'Saksmappen mangler referanseEksternNoekkel');
    const existingFolder = f?.key ? this.store.folder(f.key) : undefined;
    const e = index.entry;
    const parentKey = e ? (e.parentKey ?? f?.key ?? null) : null;
    const existingEntry = e?.key ? this.store.entry(e.key) : undefined;
    if (e && !existingEntry) {
      if (!e.key) throw new Refusal('ugyldigforespoersel', 'Journalposten mangler referanseEksternNoekkel');
      if (new Set(e.partyIds).size !== e.partyIds.length) throw new Refusal('ugyldigforespoersel', 'To korrespondanseparter har samme korrespondansepartID');
      const parent = parentKey === null ? undefined : parentKey === f?.key ? (existingFolder ?? f) : this.store.folder(parentKey);
      if (!parent) throw new Refusal('ugyldigforespoersel', 'Saksmappen finnes ikke');
      if (parent.status === 'A') throw new Refusal('ugyldigforespoersel', 'Saksmappen er avsluttet');
    }
    // The new entry's files first, so the store never names a file it does not have.
    let newEntry: StoredEntry | null = null;
    if (e?.key && !existingEntry) {
      newEntry = {
        key: e.key,
        fagsystem: e.fagsystem ?? '',
        type: e.type,
        title: e.title,
        journalstatus: e.journalstatus,
        messageId: msg.messageId,
        systemID: randomUUID(),
        journalaar: year,
        journalsekvensnummer: 0,
        journalpostnummer: 0,
        journaldato: today,
        partyIds: e.partyIds,
        avskrivninger: [],
        documents: e.documents.map((d) => ({
          key: d.key,
          title: d.title,
          dokumentnummer: d.dokumentnummer,
          systemID: randomUUID(),
          objects: d.files.map((o) => ({ systemID: randomUUID(), versjonsnummer: o.versjonsnummer, fileRef: o.fileRef, fileName: o.fileName, sha256: o.sha256 ?? '', size: o.size ?? 0 })),
        })),
      };
      for (const o of newEntry.documents.flatMap((d) => d.objects)) {
        await this.store.saveFile(newEntry.systemID, o.fileRef, msg.files.find((x) => x.name === o.fileRef)!.content);
      }
    }
    if (gen !== this.generation) return null;
    let folder = existingFolder;
    if (f?.key && !folder) {
      folder = this.store.addFolder({
        key: f.key,
        fagsystem: f.fagsystem ?? '',
        title: f.title,
        status: f.status ?? 'B',
        saksdato: f.saksdato,
        saksaar: year,
        sakssekvensnummer: this.store.next('saks', year),
        closedAt: null,
        messageId: msg.messageId,
      });
    }
    if (newEntry) {
      const parent = this.store.folder(parentKey!)!;
      newEntry.journalsekvensnummer = this.store.next('journal', year);
      newEntry.journalpostnummer = parent.entries.length + 1;
      parent.entries.push(newEntry);
    }
    await this.store.persist();
    const folderReceipt = folder ? receiptOfFolder(folder, !existingFolder) : null;
    const entry = newEntry ?? existingEntry?.entry;
    const entryFolder = newEntry ? this.store.folder(parentKey!)! : existingEntry?.folder;
    this.log.info({ messageId: msg.messageId, folderCreated: !!folder && !existingFolder, entryCreated: !!newEntry }, 'filed');
    return buildKvittering(folderReceipt, entry && entryFolder ? receiptOfEntry(entryFolder, entry, !!newEntry) : null);
  }

  private async update(messageId: string, index: Extract<ArkivmeldingIndex, { kind: 'oppdater' }>, gen: number): Promise<void> {
    const folder = index.folderKey ? this.store.folder(index.folderKey) : undefined;
    if (!folder) throw new Refusal('ikkefunnet', 'Saksmappen finnes ikke');
    if (gen !== this.generation) return;
    if (index.status) {
      folder.status = index.status;
      folder.closedAt = index.status === 'A' ? (index.avsluttetDato ?? new Date().toISOString()) : null;
    }
    await this.store.persist();
    this.log.info({ messageId, status: folder.status }, 'folder updated');
    await this.reply(messageId, REPLY_TYPE.UPDATE_RECEIPT);
  }

  /** Files an avskrivning of one party of a journalpost; the same (entry, party) again is a duplicate, nothing new. */
  private async avskriv(messageId: string, index: AvskrivningIndex, gen: number): Promise<void> {
    const found = this.locateEntry(index);
    if (!found) throw new Refusal('ikkefunnet', 'Journalposten finnes ikke');
    const { entry } = found;
    if (!index.partyId || !entry.partyIds.includes(index.partyId)) throw new Refusal('ugyldigforespoersel', 'Korrespondanseparten finnes ikke på journalposten');
    if (index.answeredByKey && !this.store.entry(index.answeredByKey)) throw new Refusal('ikkefunnet', 'Journalposten som avskriver finnes ikke');
    if (gen !== this.generation) return;
    const known = entry.avskrivninger.some((a) => a.partyId === index.partyId);
    if (!known) {
      entry.avskrivninger.push({ partyId: index.partyId, method: index.method ?? '', answeredByKey: index.answeredByKey, date: index.date ?? '', messageId });
      await this.store.persist();
    }
    this.log.info({ messageId, duplicate: known }, 'avskrivning filed');
    await this.reply(messageId, REPLY_TYPE.AVSKRIVNING_RECEIPT);
  }

  private locateEntry(index: AvskrivningIndex) {
    if (index.entryKey) return this.store.entry(index.entryKey);
    return index.entrySystemId ? this.store.entry(index.entrySystemId, 'systemID') : undefined;
  }

  /** The queue a message is filed in: its folder's; an avskrivning's is that of its journalpost (filed or on its way). */
  private folderKeyOf(index: ArkivmeldingIndex): string {
    if (index.kind === 'oppdater') return index.folderKey ?? '';
    if (index.kind === 'opprett') return index.folder?.key ?? index.entry?.parentKey ?? '';
    const filed = this.locateEntry(index)?.folder.key;
    const pending = index.entryKey ? this.pendingEntries.get(index.entryKey) : undefined;
    // Unknown: a queue of its own, where it is answered ikkefunnet.
    return filed ?? pending ?? `journalpost:${index.entryKey ?? index.entrySystemId ?? ''}`;
  }

  private async fail(messageId: string, kind: FeilmeldingKind, text: string): Promise<ArchiveReply[]> {
    if (kind !== 'serverfeil') this.store.counters.refused += 1;
    this.log.info({ messageId, reply: kind }, 'message refused');
    await this.reply(messageId, FEIL[kind], buildFeilmelding(kind, text));
    return this.replies(messageId) ?? [];
  }

  private async reply(messageId: string, type: string, payload?: string): Promise<void> {
    const m = this.store.message(messageId);
    if (!m) return; // reset in between
    m.replies.push({ type, ...(payload !== undefined ? { payload } : {}), at: new Date().toISOString() });
    if (!RECEIVED_TYPES.includes(type)) this.inflight.delete(messageId);
    await this.store.persist();
    this.emit(messageId, m);
  }

  private emit(messageId: string, m: StoredMessage): void {
    for (const l of this.listeners) l(messageId, m);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = { timer: setTimeout(() => (this.timers.delete(entry), resolve()), ms), done: resolve };
      this.timers.add(entry);
    });
  }

  /** Drops the work in progress (its messages stay unanswered, so a resend processes them again). */
  private abandon(): void {
    this.generation += 1;
    this.inflight.clear();
    for (const t of this.timers) (clearTimeout(t.timer), t.done());
    this.timers.clear();
  }

  async reset(): Promise<void> {
    this.abandon();
    this.folderQueues.clear();
    this.pendingEntries.clear();
    this.faults.reset();
    await this.store.reset();
  }

  /** Stops: abandons what is in progress and waits for the writes begun. */
  async close(): Promise<void> {
    this.abandon();
    await this.intake;
    await Promise.all(this.folderQueues.values());
    await this.store.persist();
  }
}

export const mappeID = (f: StoredFolder) => `${f.saksaar}/${f.sakssekvensnummer}`;
export const registreringsID = (f: StoredFolder, e: StoredEntry) => `${mappeID(f)}-${e.journalpostnummer}`;

function receiptOfFolder(f: StoredFolder, created: boolean): FolderReceipt {
  return { systemID: f.systemID, mappeID: mappeID(f), fagsystem: f.fagsystem, key: f.key, created, saksaar: f.saksaar, sakssekvensnummer: f.sakssekvensnummer, saksdato: f.saksdato };
}

function receiptOfEntry(f: StoredFolder, e: StoredEntry, created: boolean): EntryReceipt {
  return {
    systemID: e.systemID,
    registreringsID: registreringsID(f, e),
    fagsystem: e.fagsystem,
    key: e.key,
    created,
    journalaar: e.journalaar,
    journalsekvensnummer: e.journalsekvensnummer,
    journalpostnummer: e.journalpostnummer,
    journalposttype: e.type,
    journalstatus: e.journalstatus,
    journaldato: e.journaldato,
    documents: e.documents.map((d) => ({ systemID: d.systemID, dokumentnummer: d.dokumentnummer, objects: d.objects.map((o) => ({ systemID: o.systemID, versjonsnummer: o.versjonsnummer })) })),
  };
}
