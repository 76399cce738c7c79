// The reply payloads the peer sends: the opprett kvittering (arkivmeldingKvittering) and the three feilmeldinger, as
// the official schemas want them (05-kvittering-eksempel.xml). Self-contained on purpose, so the integrator can swap
// it for the shared library's builder later.
import { randomUUID } from 'node:crypto';

const NS = 'https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv';
const MDK = `${NS}/metadatakatalog/v1`;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const el = (name: string, value: string | number | null | undefined) => (value === null || value === undefined ? '' : `<${name}>${esc(String(value))}</${name}>`);
const key = (fagsystem: string, noekkel: string) =>
  `<referanseEksternNoekkel><n5mdk:fagsystem>${esc(fagsystem)}</n5mdk:fagsystem><n5mdk:noekkel>${esc(noekkel)}</n5mdk:noekkel></referanseEksternNoekkel>`;
const created = (c: boolean) => `<opprettetEllerEksisterende>${c ? 'Opprettet' : 'Eksisterende'}</opprettetEllerEksisterende>`;

export interface FolderReceipt {
  systemID: string;
  mappeID: string;
  fagsystem: string;
  key: string;
  /** Opprettet now, or Eksisterende (the key was known). */
  created: boolean;
  saksaar: number;
  sakssekvensnummer: number;
  saksdato: string | null;
}

export interface EntryReceipt {
  systemID: string;
  registreringsID: string;
  fagsystem: string;
  key: string;
  created: boolean;
  journalaar: number;
  journalsekvensnummer: number;
  journalpostnummer: number;
  journalposttype: string | null;
  journalstatus: string | null;
  journaldato: string;
  documents: { systemID: string; dokumentnummer: string | null; objects: { systemID: string; versjonsnummer: string | null }[] }[];
}

const kode = (name: string, v: string | null) => (v ? `<${name}><n5mdk:kode>${esc(v)}</n5mdk:kode></${name}>` : '');

/** arkivmelding-kvittering.xml for an opprett: the folder's part, the entry's part, or both. */
export function buildKvittering(folder: FolderReceipt | null, entry: EntryReceipt | null): string {
  const f = folder
    ? `<mappeKvittering xsi:type="saksmappeKvittering">${el('systemID', folder.systemID)}${el('mappeID', folder.mappeID)}${key(folder.fagsystem, folder.key)}` +
      `${created(folder.created)}${el('saksaar', folder.saksaar)}${el('sakssekvensnummer', folder.sakssekvensnummer)}${el('saksdato', folder.saksdato)}</mappeKvittering>`
    : '';
  const docs = (entry?.documents ?? [])
    .map(
      (d) =>
        `<dokumentbeskrivelseKvittering>${el('systemID', d.systemID)}${el('dokumentnummer', d.dokumentnummer)}` +
        d.objects.map((o) => `<dokumentobjekt>${el('systemID', o.systemID)}${el('versjonsnummer', o.versjonsnummer)}</dokumentobjekt>`).join('') +
        '</dokumentbeskrivelseKvittering>',
    )
    .join('');
  const r = entry
    ? `<registreringKvittering xsi:type="journalpostKvittering">${el('systemID', entry.systemID)}${docs}${el('registreringsID', entry.registreringsID)}` +
      `${key(entry.fagsystem, entry.key)}${created(entry.created)}${el('journalaar', entry.journalaar)}${el('journalsekvensnummer', entry.journalsekvensnummer)}` +
      `${el('journalpostnummer', entry.journalpostnummer)}${kode('journalposttype', entry.journalposttype)}${kode('journalstatus', entry.journalstatus)}` +
      `${el('journaldato', entry.journaldato)}</registreringKvittering>`
    : '';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<arkivmeldingKvittering xmlns="${NS}/arkivmelding/opprett/kvittering/v1" xmlns:n5mdk="${MDK}" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${f}${r}</arkivmeldingKvittering>\n`
  );
}

export type FeilmeldingKind = 'ugyldigforespoersel' | 'serverfeil' | 'ikkefunnet';

/** A feilmelding payload (feilId, feilmelding) of the given kind. */
export function buildFeilmelding(kind: FeilmeldingKind, message: string, feilId: string = randomUUID()): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${kind} xmlns="${NS}/feil/${kind}/v1" xmlns:feil="${NS}/feil/feilmelding/v1">` +
    `<feil:feilId>${esc(feilId)}</feil:feilId><feil:feilmelding>${esc(message)}</feil:feilmelding></${kind}>\n`
  );
}
