// What the peer needs to know of an arkivmelding (opprett), arkivmeldingOppdatering or nyAvskrivning payload: the keys,
// the titles, the statuses, the parties' ids and the files it names. Self-contained on purpose (fast-xml-parser, namespace prefixes removed), so the
// integrator can swap it for the shared reader (libs/archive/src/fiks-arkiv/message-reader.ts) later.
import { XMLParser } from 'fast-xml-parser';

export interface FileIndex {
  /** referanseDokumentfil: the file's name inside the message. */
  fileRef: string;
  /** filnavn: its display name. */
  fileName: string | null;
  /** sjekksum (hex SHA-256), lower-cased. */
  sha256: string | null;
  /** filstoerrelse in bytes; null when absent or not a number. */
  size: number | null;
  versjonsnummer: string | null;
}

export interface DocumentIndex {
  key: string | null;
  title: string | null;
  dokumentnummer: string | null;
  files: FileIndex[];
}

export interface FolderIndex {
  key: string | null;
  /** referanseEksternNoekkel/fagsystem, echoed in the kvittering. */
  fagsystem: string | null;
  title: string | null;
  /** saksstatus/kode, e.g. B or A. */
  status: string | null;
  saksdato: string | null;
}

export interface EntryIndex {
  key: string | null;
  fagsystem: string | null;
  /** referanseForelderMappe/referanseEksternNoekkel/noekkel. */
  parentKey: string | null;
  /** journalposttype/kode (I, U, N, X). */
  type: string | null;
  title: string | null;
  journalstatus: string | null;
  documents: DocumentIndex[];
  /** The korrespondansepartIDs the sender gave its parties (an avskrivning names one of them). */
  partyIds: string[];
}

export interface AvskrivningIndex {
  kind: 'avskrivning';
  /** referanseTilJournalpost: by our key, or by the systemID the archive gave. */
  entryKey: string | null;
  entrySystemId: string | null;
  partyId: string | null;
  /** avskrivningsmaate/kode (BU, BE, TLF, TE, TO). */
  method: string | null;
  /** referanseAvskrivesAvJournalpost, by key. */
  answeredByKey: string | null;
  date: string | null;
}

export type ArkivmeldingIndex =
  | { kind: 'opprett'; folder: FolderIndex | null; entry: EntryIndex | null }
  | { kind: 'oppdater'; folderKey: string | null; status: string | null; avsluttetDato: string | null }
  | AvskrivningIndex;

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  // Keys, checksums and numbers stay text: "0150" is not 150.
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['dokumentbeskrivelse', 'dokumentobjekt', 'korrespondansepart'].includes(name),
});

type Node = Record<string, unknown>;
const obj = (v: unknown): Node | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : null);
const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : null);
const list = (v: unknown): Node[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(obj).filter((n): n is Node => n !== null);
const kode = (v: unknown): string | null => text(obj(v)?.kode);
/** referanseEksternNoekkel/noekkel, directly or inside a referanseTil… wrapper. */
const externalKey = (v: unknown): string | null => {
  const n = obj(v);
  if (!n) return null;
  return text(n.noekkel) ?? text(obj(n.referanseEksternNoekkel)?.noekkel);
};

function fileOf(o: Node): FileIndex | null {
  const fileRef = text(o.referanseDokumentfil);
  if (!fileRef) return null;
  const size = text(o.filstoerrelse);
  return {
    fileRef,
    fileName: text(o.filnavn),
    sha256: text(o.sjekksum)?.toLowerCase() ?? null,
    size: size !== null && /^\d+$/.test(size) ? Number(size) : null,
    versjonsnummer: text(o.versjonsnummer),
  };
}

function documentOf(d: Node): DocumentIndex {
  return {
    key: externalKey(d.referanseEksternNoekkel),
    title: text(d.tittel),
    dokumentnummer: text(d.dokumentnummer),
    files: list(d.dokumentobjekt).map(fileOf).filter((f): f is FileIndex => f !== null),
  };
}

/** Reads the index of a payload; throws when the XML does not parse or has neither root. */
export function readArkivmeldingIndex(xml: string): ArkivmeldingIndex {
  const doc = parser.parse(xml, true) as Node;
  const opprett = obj(doc.arkivmelding);
  if (opprett) {
    const m = obj(opprett.mappe);
    const r = obj(opprett.registrering);
    return {
      kind: 'opprett',
      folder: m && { key: externalKey(m.referanseEksternNoekkel), fagsystem: text(obj(m.referanseEksternNoekkel)?.fagsystem), title: text(m.tittel), status: kode(m.saksstatus), saksdato: text(m.saksdato) },
      entry: r && {
        key: externalKey(r.referanseEksternNoekkel),
        fagsystem: text(obj(r.referanseEksternNoekkel)?.fagsystem),
        parentKey: externalKey(r.referanseForelderMappe),
        type: kode(r.journalposttype),
        title: text(r.tittel),
        journalstatus: kode(r.journalstatus),
        documents: list(r.dokumentbeskrivelse).map(documentOf),
        partyIds: list(r.korrespondansepart).map((k) => text(k.korrespondansepartID)).filter((id): id is string => id !== null),
      },
    };
  }
  const oppdater = obj(doc.arkivmeldingOppdatering);
  if (oppdater) {
    const m = obj(oppdater.mappeOppdateringer);
    return { kind: 'oppdater', folderKey: externalKey(m?.referanseTilMappe), status: kode(m?.saksstatus), avsluttetDato: text(m?.avsluttetDato) };
  }
  const avskrivning = obj(doc.nyAvskrivning);
  if (avskrivning) {
    const a = obj(avskrivning.avskrivning);
    const target = obj(avskrivning.referanseTilJournalpost);
    return {
      kind: 'avskrivning',
      entryKey: externalKey(target),
      entrySystemId: text(target?.systemID),
      partyId: text(avskrivning.korrespondansepartID),
      method: kode(a?.avskrivningsmaate),
      answeredByKey: externalKey(a?.referanseAvskrivesAvJournalpost),
      date: text(a?.avskrivningsdato),
    };
  }
  throw new Error('neither arkivmelding, arkivmeldingOppdatering nor nyAvskrivning');
}

/** Every file the payload names, over all documents. */
export function namedFiles(index: ArkivmeldingIndex): FileIndex[] {
  return index.kind === 'opprett' ? (index.entry?.documents ?? []).flatMap((d) => d.files) : [];
}
