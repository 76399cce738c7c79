// Reads an arkivmelding (opprett or oppdater) or a nyAvskrivning into a plain summary: what the local archive peer
// indexes when it stores a message. Takes any sender's message, the KS examples included (UTF-16LE with a BOM, keys by systemID).
import { child, children, codeOf, int, parseXml, text, type XmlNode } from './xml-reader';

export interface ArkivmeldingSummary {
  kind: 'CREATE' | 'UPDATE';
  /** arkivmelding/system; for an update, the fagsystem of the folder's key if given. */
  system: string | null;
  folder?: {
    externalKey?: string;
    systemId?: string;
    title: string;
    publicTitle?: string;
    status?: string;
    classes: { system?: string; id: string; screened: boolean }[];
  };
  entry?: {
    externalKey?: string;
    /** The parent folder by our key, or by what the sender gave instead. */
    parentFolderKey?: string;
    parentFolderSystemId?: string;
    /** journalposttype; the registrering's xsi type is not kept, so an arkivnotat reads as "". */
    type: string;
    status?: string;
    title: string;
    publicTitle?: string;
    documents: { fileRef: string; fileName: string; sha256?: string; size?: number; documentKey?: string; title?: string; role?: string }[];
    /** korrespondansepart: its type and the korrespondansepartID given, if any (an avskrivning names a party by it). */
    parties: { role: string; partyId?: string }[];
  };
  folderUpdate?: { folderKey?: string; folderSystemId?: string; status?: string; closedAt?: string; closedBy?: string };
}

const keyOf = (node: XmlNode | undefined) => text(child(node, 'referanseEksternNoekkel'), 'noekkel');
const systemOf = (node: XmlNode | undefined) => text(child(node, 'referanseEksternNoekkel'), 'fagsystem');
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function folderOf(m: XmlNode): NonNullable<ArkivmeldingSummary['folder']> {
  return defined({
    externalKey: keyOf(m),
    systemId: text(m, 'systemID'),
    title: text(m, 'tittel') ?? '',
    publicTitle: text(m, 'offentligTittel'),
    status: codeOf(m, 'saksstatus'),
    classes: children(m, 'klassifikasjon').map((k) =>
      defined({ system: text(k, 'klassifikasjonssystemID'), id: text(k, 'klasseID') ?? '', screened: text(k, 'erSkjermet') === 'true' })),
  });
}

function documentsOf(r: XmlNode): NonNullable<ArkivmeldingSummary['entry']>['documents'] {
  return children(r, 'dokumentbeskrivelse').flatMap((d) =>
    children(d, 'dokumentobjekt').map((o) => {
      const sha = text(o, 'sjekksumAlgoritme')?.toUpperCase().replace(/[^A-Z0-9]/g, '') === 'SHA256' ? text(o, 'sjekksum') : undefined;
      return defined({
        fileRef: text(o, 'referanseDokumentfil') ?? '',
        fileName: text(o, 'filnavn') ?? '',
        sha256: sha?.toLowerCase(),
        size: int(o, 'filstoerrelse') ?? undefined,
        documentKey: keyOf(d),
        title: text(d, 'tittel'),
        role: codeOf(d, 'tilknyttetRegistreringSom'),
      });
    }));
}

function entryOf(r: XmlNode): NonNullable<ArkivmeldingSummary['entry']> {
  const parent = child(r, 'referanseForelderMappe');
  return defined({
    externalKey: keyOf(r),
    parentFolderKey: keyOf(parent),
    parentFolderSystemId: text(parent, 'systemID'),
    type: codeOf(r, 'journalposttype') ?? '',
    status: codeOf(r, 'journalstatus'),
    title: text(r, 'tittel') ?? '',
    publicTitle: text(r, 'offentligTittel'),
    documents: documentsOf(r),
    parties: children(r, 'korrespondansepart').map((k) => defined({ role: codeOf(k, 'korrespondanseparttype') ?? '', partyId: text(k, 'korrespondansepartID') })),
  });
}

/** The summary of one arkivmelding.xml; throws on any other root element. */
export function readArkivmelding(xmlOrBytes: string | Buffer): ArkivmeldingSummary {
  const { root, node } = parseXml(xmlOrBytes);
  if (root === 'arkivmelding') {
    const m = child(node, 'mappe');
    const r = child(node, 'registrering');
    return defined({ kind: 'CREATE' as const, system: text(node, 'system') ?? null, folder: m && folderOf(m), entry: r && entryOf(r) });
  }
  if (root === 'arkivmeldingOppdatering') {
    const u = child(node, 'mappeOppdateringer');
    const ref = child(u, 'referanseTilMappe');
    return defined({
      kind: 'UPDATE' as const,
      system: systemOf(ref) ?? null,
      folderUpdate: u && defined({
        folderKey: keyOf(ref),
        folderSystemId: text(ref, 'systemID'),
        status: codeOf(u, 'saksstatus'),
        closedAt: text(u, 'avsluttetDato'),
        closedBy: text(u, 'avsluttetAv'),
      }),
    });
  }
  throw new Error(`not an arkivmelding: the root element is ${root}`);
}

export interface AvskrivningSummary {
  /** The entry avskrevet, by our key or by the archive's systemID. */
  entryKey?: string;
  entrySystemId?: string;
  partyId: string;
  /** avskrivningsmaate code (BU, BE, TLF, TE, TO). */
  method: string;
  /** referanseAvskrivesAvJournalpost: the entry that answered it, by key. */
  answeredByKey?: string;
  answeredBySystemId?: string;
  date: string;
  by?: string;
}

/** The summary of one nyAvskrivning; throws on any other root element. */
export function readAvskrivning(xmlOrBytes: string | Buffer): AvskrivningSummary {
  const { root, node } = parseXml(xmlOrBytes);
  if (root !== 'nyAvskrivning') throw new Error(`not a nyAvskrivning: the root element is ${root}`);
  const a = child(node, 'avskrivning');
  const target = child(node, 'referanseTilJournalpost');
  const answeredBy = child(a, 'referanseAvskrivesAvJournalpost');
  return defined({
    entryKey: keyOf(target),
    entrySystemId: text(target, 'systemID'),
    partyId: text(node, 'korrespondansepartID') ?? '',
    method: codeOf(a, 'avskrivningsmaate') ?? '',
    answeredByKey: keyOf(answeredBy),
    answeredBySystemId: text(answeredBy, 'systemID'),
    date: text(a, 'avskrivningsdato') ?? '',
    by: text(child(a, 'avskrevetAv'), 'navn'),
  });
}
