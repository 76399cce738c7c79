// The peer's own payload reader and reply builders: the replies valid against the official schemas, the index true to the templates.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { REPLY_TYPE } from '../../libs/archive/src/archive.types';
import { validatePayload } from '../../libs/archive/src/fiks-arkiv/schema-validator';
import { namedFiles, readArkivmeldingIndex } from '../../apps/archive-peer/src/arkivmelding-index';
import { buildFeilmelding, buildKvittering, type EntryReceipt, type FolderReceipt } from '../../apps/archive-peer/src/replies';

const template = (name: string) => readFileSync(join(__dirname, '../../../shared/noark5/templates', name), 'utf8');
const folder: FolderReceipt = { systemID: randomUUID(), mappeID: '2026/7', fagsystem: 'ip-arbeidsflyt', key: 'sak/1 & <2>', created: true, saksaar: 2026, sakssekvensnummer: 7, saksdato: '2026-01-02' };
const entry: EntryReceipt = {
  systemID: randomUUID(), registreringsID: '2026/7-1', fagsystem: 'ip-arbeidsflyt', key: 'jp/1', created: false, journalaar: 2026, journalsekvensnummer: 3, journalpostnummer: 1,
  journalposttype: 'U', journalstatus: 'E', journaldato: '2026-01-03',
  documents: [{ systemID: randomUUID(), dokumentnummer: '1', objects: [{ systemID: randomUUID(), versjonsnummer: '1' }] }],
};

describe('the archive peer’s replies', () => {
  it.each([
    ['folder and entry', folder, entry],
    ['folder only', folder, null],
    ['entry only', null, entry],
  ])('builds a kvittering valid against the schema: %s', async (_n, f, e) => {
    const xml = buildKvittering(f, e);
    expect(await validatePayload(REPLY_TYPE.CREATE_RECEIPT, xml)).toEqual({ valid: true, errors: [] });
    expect(xml.includes('<mappeKvittering')).toBe(f !== null);
    expect(xml.includes('<registreringKvittering')).toBe(e !== null);
    if (f) expect(xml).toContain('<n5mdk:noekkel>sak/1 &amp; &lt;2&gt;</n5mdk:noekkel>');
    if (e) expect(xml).toContain('<opprettetEllerEksisterende>Eksisterende</opprettetEllerEksisterende><journalaar>');
  });

  it.each(['ugyldigforespoersel', 'serverfeil', 'ikkefunnet'] as const)('builds a %s valid against its schema', async (kind) => {
    const xml = buildFeilmelding(kind, 'Linje 3: <x> & "y"', 'feil-1');
    expect(await validatePayload(`no.ks.fiks.arkiv.v1.feilmelding.${kind}`, xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toContain('<feil:feilId>feil-1</feil:feilId><feil:feilmelding>Linje 3: &lt;x&gt; &amp; &quot;y&quot;</feil:feilmelding>');
  });

  it('reads the keys, titles, statuses and files of the templates', () => {
    const t01 = readArkivmeldingIndex(template('01-ny-saksmappe-med-inngaaende-journalpost.xml'));
    expect(t01).toMatchObject({
      kind: 'opprett',
      folder: { key: 'sak/6f1c2a9e-3f0b-4c59-9a57-0d6b9a1f2c11', fagsystem: 'ip-arbeidsflyt', status: 'B', saksdato: '2024-05-02' },
      entry: { key: 'jp/2c7d9b8e-1f4a-4d3b-9e6c-8a5b7c9d0e12', parentKey: 'sak/6f1c2a9e-3f0b-4c59-9a57-0d6b9a1f2c11', type: 'I', journalstatus: 'J' },
    });
    expect(namedFiles(t01)).toEqual([
      { fileRef: 'melding-ip-1.pdf', fileName: 'Melding om behov for IP.pdf', sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', size: 48213, versjonsnummer: '1' },
    ]);
    const t02 = readArkivmeldingIndex(template('02-utgaaende-journalpost.xml'));
    expect(t02).toMatchObject({ kind: 'opprett', folder: null, entry: { type: 'U', parentKey: 'sak/6f1c2a9e-3f0b-4c59-9a57-0d6b9a1f2c11' } });
    expect(readArkivmeldingIndex(template('04-avslutt-saksmappe.xml'))).toEqual({
      kind: 'oppdater', folderKey: 'sak/6f1c2a9e-3f0b-4c59-9a57-0d6b9a1f2c11', status: 'A', avsluttetDato: '2024-06-30T12:00:00+02:00',
    });
    expect(() => readArkivmeldingIndex('<other/>')).toThrow();
  });

  it('reads the parties’ korrespondansepartIDs of an opprett, and the avskrivning of template 03', () => {
    const t01 = template('01-ny-saksmappe-med-inngaaende-journalpost.xml');
    expect(readArkivmeldingIndex(t01)).toMatchObject({ entry: { partyIds: [] } });
    const withIds = t01.replace(/<korrespondansepart>/g, () => `<korrespondansepart><korrespondansepartID>${randomUUID()}</korrespondansepartID>`);
    const ids = [...withIds.matchAll(/<korrespondansepartID>([^<]+)</g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    expect(readArkivmeldingIndex(withIds)).toMatchObject({ entry: { partyIds: ids } });
    expect(readArkivmeldingIndex(template('03-avskriv-inngaaende-med-utgaaende.xml'))).toEqual({
      kind: 'avskrivning',
      entryKey: 'jp/2c7d9b8e-1f4a-4d3b-9e6c-8a5b7c9d0e12',
      entrySystemId: null,
      partyId: 'AGREE-WITH-ARCHIVE',
      method: 'BU',
      answeredByKey: 'jp/7e6d5c4b-3a29-4817-9f0e-d1c2b3a4f5e6',
      date: '2024-05-20',
    });
  });
});
