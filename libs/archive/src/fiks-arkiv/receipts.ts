// The archive's replies (README § 3): parseReply reads what came back for a message into one ParsedReply; the
// builders write the archive side's kvittering and error payloads, for the local archive peer.
import { REPLY_TYPE, type ArchiveReply } from '../archive.types';
import { NS } from './namespaces';
import { child, int, parseXml, text, type XmlNode } from './xml-reader';
import { serialize, writerFor, xmlDocument, type Xml } from './xml-writer';

export interface StoredFolder {
  systemId: string;
  saksaar: number | null;
  sakssekvensnummer: number | null;
  /** opprettetEllerEksisterende = Eksisterende: a resend or a get of an existing folder, success all the same (§ 5.3). */
  existed: boolean;
}
export interface StoredEntry {
  systemId: string;
  journalaar: number | null;
  journalsekvensnummer: number | null;
  journalpostnummer: number | null;
  existed: boolean;
}
export type ErrorKind = 'INVALID' | 'SERVER_ERROR' | 'NOT_FOUND';

export type ParsedReply =
  | { kind: 'RECEIVED' }
  | { kind: 'STORED'; folder?: StoredFolder; entry?: StoredEntry }
  /** The kvittering reports mappeFeilet or registreringFeilet; `part` says which, the other part may be stored. */
  | { kind: 'PARTIAL_FAILURE'; errorId: string; message: string; part: 'FOLDER' | 'ENTRY'; folder?: StoredFolder; entry?: StoredEntry }
  | { kind: ErrorKind; errorId: string; message: string };

/** Each error kind's reply type, root element and namespace. */
export const ERROR_REPLY: Record<ErrorKind, { type: string; root: string; ns: string }> = {
  INVALID: { type: REPLY_TYPE.INVALID, root: 'ugyldigforespoersel', ns: NS.invalid },
  SERVER_ERROR: { type: REPLY_TYPE.SERVER_ERROR, root: 'serverfeil', ns: NS.serverError },
  NOT_FOUND: { type: REPLY_TYPE.NOT_FOUND, root: 'ikkefunnet', ns: NS.notFound },
};

/** Fiks IO's own replies below the protocol (README § 3): the message was never processed; retry like serverfeil. */
const FIKS_IO_FAILURES = ['no.ks.fiks.kvittering.serverfeil.v1', 'no.ks.fiks.kvittering.tidsavbrudd'];

const existed = (node: XmlNode) => text(node, 'opprettetEllerEksisterende') === 'Eksisterende';
function required(node: XmlNode, name: string, where: string): string {
  const v = text(node, name);
  if (!v) throw new Error(`${where} has no ${name}`);
  return v;
}
const failure = (node: XmlNode) => ({ errorId: text(node, 'feilId') ?? '', message: text(node, 'feilmelding') ?? '' });

function payloadOf(reply: ArchiveReply): string {
  if (!reply.payload) throw new Error(`reply ${reply.type} has no payload`);
  return reply.payload;
}

function parseCreateReceipt(xml: string): ParsedReply {
  const { root, node } = parseXml(xml);
  if (root !== 'arkivmeldingKvittering') throw new Error(`a kvittering's root is arkivmeldingKvittering, not ${root}`);
  const m = child(node, 'mappeKvittering');
  const r = child(node, 'registreringKvittering');
  const folder: StoredFolder | undefined = m && {
    systemId: required(m, 'systemID', 'mappeKvittering'),
    saksaar: int(m, 'saksaar'),
    sakssekvensnummer: int(m, 'sakssekvensnummer'),
    existed: existed(m),
  };
  const entry: StoredEntry | undefined = r && {
    systemId: required(r, 'systemID', 'registreringKvittering'),
    journalaar: int(r, 'journalaar'),
    journalsekvensnummer: int(r, 'journalsekvensnummer'),
    journalpostnummer: int(r, 'journalpostnummer'),
    existed: existed(r),
  };
  const stored = { ...(folder && { folder }), ...(entry && { entry }) };
  const folderFailed = child(node, 'mappeFeilet');
  if (folderFailed) return { kind: 'PARTIAL_FAILURE', part: 'FOLDER', ...failure(folderFailed), ...stored };
  const entryFailed = child(node, 'registreringFeilet');
  if (entryFailed) return { kind: 'PARTIAL_FAILURE', part: 'ENTRY', ...failure(entryFailed), ...stored };
  return { kind: 'STORED', ...stored };
}

/** One reply as the outbox acts on it. Throws on a type the protocol does not give for our messages. */
export function parseReply(reply: ArchiveReply): ParsedReply {
  switch (reply.type) {
    case REPLY_TYPE.CREATE_RECEIVED:
    case REPLY_TYPE.UPDATE_RECEIVED:
    case REPLY_TYPE.AVSKRIVNING_RECEIVED:
      return { kind: 'RECEIVED' };
    // No payload: stored, with nothing of the folder or entry to record.
    case REPLY_TYPE.UPDATE_RECEIPT:
    case REPLY_TYPE.AVSKRIVNING_RECEIPT:
      return { kind: 'STORED' };
    case REPLY_TYPE.CREATE_RECEIPT:
      return parseCreateReceipt(payloadOf(reply));
  }
  const error = (Object.keys(ERROR_REPLY) as ErrorKind[]).find((k) => ERROR_REPLY[k].type === reply.type);
  if (error) {
    const { root, node } = parseXml(payloadOf(reply));
    if (root !== ERROR_REPLY[error].root) throw new Error(`a ${reply.type} reply's root is ${ERROR_REPLY[error].root}, not ${root}`);
    return { kind: error, ...failure(node) };
  }
  if (FIKS_IO_FAILURES.includes(reply.type)) return { kind: 'SERVER_ERROR', errorId: reply.type, message: 'Fiks IO could not deliver the message' };
  throw new Error(`unknown reply type ${reply.type}`);
}

// ---- The archive side --------------------------------------------------------------------------------------

export interface ReceiptKey {
  /** The echoed referanseEksternNoekkel. */
  system: string;
  key: string;
}
export interface FolderReceipt extends StoredFolder {
  mappeID?: string;
  saksdato?: string;
  externalKey?: ReceiptKey;
}
export interface EntryReceipt extends StoredEntry {
  externalKey?: ReceiptKey;
  /** One per dokumentbeskrivelse, by dokumentnummer, with the dokumentobjekt systemIDs. */
  documents?: { systemId: string; dokumentnummer: number; objects: { systemId: string; versjonsnummer: number }[] }[];
}
export type Failed = { failed: { errorId: string; message: string } };

const r = writerFor(NS.receipt);
const isFailed = (p: object): p is Failed => 'failed' in p;

/** feilmeldingBase's children, in its own namespace. */
function errorFields(parent: Xml, f: Failed['failed']): void {
  parent.ele(NS.error, 'feil:feilId').txt(f.errorId);
  parent.ele(NS.error, 'feil:feilmelding').txt(f.message);
}

/** arkivmelding.opprett.kvittering (template 05): the folder and entry stored, or the part that failed. */
export function buildCreateReceipt(receipt: { folder?: FolderReceipt | Failed; entry?: EntryReceipt | Failed }): string {
  const doc = xmlDocument(NS.receipt, 'arkivmeldingKvittering', { 'xmlns:feil': NS.error });
  const { folder, entry } = receipt;
  if (folder && isFailed(folder)) errorFields(r.el(doc, 'mappeFeilet'), folder.failed);
  else if (folder) {
    const m = r.el(doc, 'mappeKvittering').att(NS.xsi, 'xsi:type', 'saksmappeKvittering');
    r.el(m, 'systemID', folder.systemId);
    if (folder.mappeID) r.el(m, 'mappeID', folder.mappeID);
    if (folder.externalKey) r.key(m, 'referanseEksternNoekkel', folder.externalKey.system, folder.externalKey.key);
    r.el(m, 'opprettetEllerEksisterende', folder.existed ? 'Eksisterende' : 'Opprettet');
    if (folder.saksaar !== null) r.el(m, 'saksaar', folder.saksaar);
    if (folder.sakssekvensnummer !== null) r.el(m, 'sakssekvensnummer', folder.sakssekvensnummer);
    if (folder.saksdato) r.el(m, 'saksdato', folder.saksdato);
  }
  if (entry && isFailed(entry)) errorFields(r.el(doc, 'registreringFeilet'), entry.failed);
  else if (entry) {
    const j = r.el(doc, 'registreringKvittering').att(NS.xsi, 'xsi:type', 'journalpostKvittering');
    r.el(j, 'systemID', entry.systemId);
    for (const d of entry.documents ?? []) {
      const k = r.el(j, 'dokumentbeskrivelseKvittering');
      r.el(k, 'systemID', d.systemId);
      r.el(k, 'dokumentnummer', d.dokumentnummer);
      for (const o of d.objects) {
        const ok = r.el(k, 'dokumentobjekt');
        r.el(ok, 'systemID', o.systemId);
        r.el(ok, 'versjonsnummer', o.versjonsnummer);
      }
    }
    if (entry.externalKey) r.key(j, 'referanseEksternNoekkel', entry.externalKey.system, entry.externalKey.key);
    r.el(j, 'opprettetEllerEksisterende', entry.existed ? 'Eksisterende' : 'Opprettet');
    if (entry.journalaar !== null) r.el(j, 'journalaar', entry.journalaar);
    if (entry.journalsekvensnummer !== null) r.el(j, 'journalsekvensnummer', entry.journalsekvensnummer);
    if (entry.journalpostnummer !== null) r.el(j, 'journalpostnummer', entry.journalpostnummer);
  }
  return serialize(doc);
}

/** A feilmelding payload (ugyldigforespoersel, serverfeil, ikkefunnet); its reply type is ERROR_REPLY[kind].type. */
export function buildErrorReply(kind: ErrorKind, errorId: string, message: string): string {
  const { root, ns } = ERROR_REPLY[kind];
  const doc = xmlDocument(ns, root, { 'xmlns:feil': NS.error });
  errorFields(doc, { errorId, message });
  return serialize(doc);
}
