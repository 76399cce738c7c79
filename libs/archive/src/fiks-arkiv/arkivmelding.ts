// The two Fiks Arkiv V1 messages the engine sends (README §§ 2, 5): arkivmelding.opprett with the case folder and one
// journal entry together (get-or-create on our keys, § 5.3), and arkivmelding.oppdater closing the folder (template 04).
// Element order is the XSD sequence order, including the extension's elements after the base type's.
import { createHash } from 'node:crypto';
import type { ArchiveSettings, FolderInput, JournalpostInput, PartyInput } from '../archive.types';
import { documentTypeFor } from './archive-settings';
import { NS } from './namespaces';
import { serialize, writerFor, xmlDocument, type Xml } from './xml-writer';

const MASK = '*****';
const XS_INT_MAX = 2 ** 31 - 1;

/**
 * The public title with every screened word masked: the person's name (whole and each part), identity numbers, and
 * any other name given. Public titles are fixed texts already; this keeps a slip from reaching the public journal.
 */
export function maskPublicTitle(title: string, names: string[]): string {
  const words = names.flatMap((n) => [n, ...n.split(/\s+/)]).map((w) => w.trim()).filter((w) => w.length >= 3);
  const escaped = [...new Set(words)].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // Whole words, as written: "Koordinator" as a surname does not mask the word "koordinator".
  let masked = escaped.length ? title.replace(new RegExp(`(?<![\\p{L}\\p{N}])(${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'gu'), MASK) : title;
  masked = masked.replace(/\d{6}\s?\d{5}/g, MASK); // fødselsnummer / D-number
  return masked;
}

const w = writerFor(NS.create);

/** Our screening codes where Fiks Arkiv V1 has no element for them (see NS.screening). */
function screeningCodes(parent: Xml, metadata: string[], document: string[]): void {
  if (!metadata.length && !document.length) return;
  const s = w.el(parent, 'virksomhetsspesifikkeMetadata').ele(NS.screening, 'ip:skjerming', { 'xmlns:ip': NS.screening });
  for (const c of metadata) s.ele(NS.screening, 'ip:skjermingMetadata').txt(c);
  for (const c of document) s.ele(NS.screening, 'ip:skjermingDokument').txt(c);
}

function screening(parent: Xml, settings: ArchiveSettings): void {
  const s = w.el(parent, 'skjerming');
  w.code(s, 'tilgangsrestriksjon', settings.accessRestriction);
  w.el(s, 'skjermingshjemmel', settings.screeningAuthority);
}

function folderElement(root: Xml, settings: ArchiveSettings, folder: FolderInput): void {
  const m = w.el(root, 'mappe').att(NS.xsi, 'xsi:type', 'saksmappe');
  w.el(m, 'tittel', folder.title);
  w.el(m, 'offentligTittel', maskPublicTitle(folder.publicTitle, [folder.subject.name, folder.subject.nationalId]));
  if (settings.arkivdel) w.code(m, 'arkivdel', settings.arkivdel);
  // The class id is the person's number (KID) and the folder names the person (NPS, domain § 6.4).
  screeningCodes(m, ['KID', 'NPS'], []);
  screening(m, settings);
  const primary = w.el(m, 'klassifikasjon');
  w.el(primary, 'klassifikasjonssystemID', settings.personClassSystem);
  w.el(primary, 'klasseID', folder.subject.nationalId);
  w.el(primary, 'erSkjermet', true);
  if (settings.secondaryClass) {
    const secondary = w.el(m, 'klassifikasjon');
    w.el(secondary, 'klassifikasjonssystemID', settings.secondaryClass.system);
    w.el(secondary, 'klasseID', settings.secondaryClass.classId);
    if (settings.secondaryClass.title) w.el(secondary, 'tittel', settings.secondaryClass.title);
  }
  w.key(m, 'referanseEksternNoekkel', settings.system, folder.externalKey);
  w.el(m, 'saksdato', folder.caseDate);
  w.ids(m, 'administrativEnhet', { name: settings.administrativeUnit });
  if (folder.caseHandler) w.ids(m, 'saksansvarlig', folder.caseHandler);
  w.code(m, 'saksstatus', 'B');
}

function documentElement(jp: Xml, settings: ArchiveSettings, entry: JournalpostInput): void {
  const doc = entry.document;
  if (!Number.isInteger(doc.size) || doc.size < 0 || doc.size > XS_INT_MAX) throw new Error(`document ${doc.externalKey}: size ${doc.size} does not fit filstoerrelse (xs:int)`);
  const d = w.el(jp, 'dokumentbeskrivelse');
  w.code(d, 'dokumenttype', documentTypeFor(settings, doc.kind));
  w.code(d, 'dokumentstatus', 'F');
  w.el(d, 'tittel', doc.title);
  w.code(d, 'tilknyttetRegistreringSom', 'H');
  w.el(d, 'dokumentnummer', 1);
  // H: the whole document is exempt, so the document carries its own skjerming too.
  if (entry.spec.screening.includes('H')) screening(d, settings);
  const o = w.el(d, 'dokumentobjekt');
  w.el(o, 'versjonsnummer', 1);
  w.code(o, 'variantformat', 'A');
  w.code(o, 'format', settings.formatCode);
  w.el(o, 'mimeType', doc.mimeType);
  w.el(o, 'filnavn', doc.fileName);
  w.el(o, 'referanseDokumentfil', doc.fileRef);
  w.el(o, 'sjekksum', doc.sha256);
  w.el(o, 'sjekksumAlgoritme', 'SHA-256');
  w.el(o, 'filstoerrelse', doc.size);
  w.key(d, 'referanseEksternNoekkel', settings.system, doc.externalKey);
}

const INTERNAL = new Set(['IA', 'IM']);

/**
 * The korrespondansepartID we give a party (xs:string, minLength 1): a UUID (RFC 9562 version 8, name-based) from the
 * SHA-256 of `${entryKey}#${role}`, so a message rebuilt after a retry carries the same id, and the avskrivning can
 * name the party without the archive's reply. Our entries have one party per role (journal-records.ts), so entry
 * and role identify it; a second party of one role would need its own suffix in `role`.
 */
export function partyIdFor(entryKey: string, role: string): string {
  const h = createHash('sha256').update(`${entryKey}#${role}`, 'utf8').digest();
  h[6] = (h[6] & 0x0f) | 0x80; // version 8
  h[8] = (h[8] & 0x3f) | 0x80; // variant 10
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

function partyElement(jp: Xml, settings: ArchiveSettings, entry: JournalpostInput, p: PartyInput): void {
  const k = w.el(jp, 'korrespondansepart');
  if (p.partyId) w.el(k, 'korrespondansepartID', p.partyId);
  w.code(k, 'korrespondanseparttype', p.role);
  if (p.responsible !== undefined) w.el(k, 'erBehandlingsansvarlig', p.responsible);
  w.el(k, 'korrespondansepartNavn', p.name);
  if (p.organisationId) w.el(k, 'organisasjonid', p.organisationId);
  else if (p.personId) w.el(k, 'personid', p.personId);
  if (INTERNAL.has(p.role)) w.ids(k, 'administrativEnhet', { name: settings.administrativeUnit });
  // NA screens the sender's name, NM the recipients' (copies included).
  const byCode = (entry.spec.screening.includes('NA') && p.role === 'EA') || (entry.spec.screening.includes('NM') && (p.role === 'EM' || p.role === 'EK'));
  w.el(k, 'erSkjermet', p.screened || byCode);
  w.el(k, 'erPersonnavn', p.isPersonName);
}

function entryElement(root: Xml, settings: ArchiveSettings, folder: FolderInput, entry: JournalpostInput): void {
  const { spec } = entry;
  const jp = w.el(root, 'registrering').att(NS.xsi, 'xsi:type', 'journalpost');
  w.refByKey(jp, 'referanseForelderMappe', settings.system, folder.externalKey);
  screening(jp, settings);
  documentElement(jp, settings, entry);
  w.el(jp, 'tittel', entry.title);
  const names = [folder.subject.name, folder.subject.nationalId, ...entry.parties.filter((p) => p.isPersonName || p.screened).map((p) => p.name)];
  w.el(jp, 'offentligTittel', maskPublicTitle(spec.publicTitle, names));
  screeningCodes(jp, spec.screening.filter((c) => c !== 'H'), spec.screening.filter((c) => c === 'H'));
  for (const p of entry.parties) partyElement(jp, settings, entry, p);
  w.key(jp, 'referanseEksternNoekkel', settings.system, entry.externalKey);
  w.code(jp, 'journalposttype', spec.type);
  w.code(jp, 'journalstatus', settings.journalStatus[spec.type]);
  w.el(jp, 'dokumentetsDato', entry.documentDate);
  if (spec.type === 'I' && entry.receivedAt) w.el(jp, 'mottattDato', entry.receivedAt);
  if (spec.type === 'U' && entry.sentAt) w.el(jp, 'sendtDato', entry.sentAt);
}

/** arkivmelding.opprett: the case folder (get-or-create) and one journal entry with its one document. */
export function buildRecordMessage(settings: ArchiveSettings, folder: FolderInput, entry: JournalpostInput): string {
  const doc = xmlDocument(NS.create, 'arkivmelding');
  w.el(doc, 'system', settings.system);
  if (settings.regel) w.el(doc, 'regel', settings.regel);
  w.el(doc, 'antallFiler', 1);
  folderElement(doc, settings, folder);
  entryElement(doc, settings, folder, entry);
  return serialize(doc);
}

/** arkivmelding.oppdater: close the folder (saksstatus A), sent after every other kvittering of the case (README § 5.6). */
export function buildCloseFolderMessage(settings: ArchiveSettings, folderKey: string, closedAt: string, closedBy: string): string {
  const u = writerFor(NS.update);
  const doc = xmlDocument(NS.update, 'arkivmeldingOppdatering');
  const m = u.el(doc, 'mappeOppdateringer').att(NS.xsi, 'xsi:type', 'saksmappeOppdatering');
  u.refByKey(m, 'referanseTilMappe', settings.system, folderKey);
  u.el(m, 'avsluttetDato', closedAt);
  u.el(m, 'avsluttetAv', closedBy);
  u.code(m, 'saksstatus', 'A');
  return serialize(doc);
}
