// The arkivmelding builder against the official KS schemas: every recorded event, the close message, and a broken one.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MESSAGE_TYPE } from '../archive.types';
import { DEFAULT_ARCHIVE_SETTINGS, mergeArchiveSettings } from '../fiks-arkiv/archive-settings';
import { buildCloseFolderMessage, buildRecordMessage, maskPublicTitle } from '../fiks-arkiv/arkivmelding';
import { readArkivmelding } from '../fiks-arkiv/message-reader';
import { fiksArkivSchemaDir, validatePayload } from '../fiks-arkiv/schema-validator';
import { RECORDED_EVENTS } from '../journal-records';
import { entryFor, EVENT_PAYLOADS, folderInput, SUBJECT, VARIANTS } from './support/fiks-arkiv-fixtures';

const settings = DEFAULT_ARCHIVE_SETTINGS;
/** Every offentligTittel in the message. */
const publicTitles = (xml: string) => [...xml.matchAll(/<offentligTittel>([^<]*)<\/offentligTittel>/g)].map((m) => m[1]);
const between = (xml: string, open: string, close: string) => xml.slice(xml.indexOf(open), xml.indexOf(close, xml.indexOf(open)) + close.length);

describe('buildRecordMessage', () => {
  it('has a payload for every recorded event', () => {
    expect(RECORDED_EVENTS.filter((t) => !(t in EVENT_PAYLOADS))).toEqual([]);
  });

  const cases: [string, Record<string, unknown>][] = [...RECORDED_EVENTS.map((t) => [t, EVENT_PAYLOADS[t]] as [string, Record<string, unknown>]), ...VARIANTS];
  it.each(cases)('%s: the folder and the entry in one message the schema accepts, read back with keys, type and document', async (type, payload) => {
    const folder = folderInput();
    const { spec, entry } = entryFor(type, payload);
    const xml = buildRecordMessage(settings, folder, entry);

    expect(await validatePayload(MESSAGE_TYPE.CREATE, xml)).toEqual({ valid: true, errors: [] });
    const read = readArkivmelding(xml);
    expect(read).toMatchObject({
      kind: 'CREATE',
      system: 'ke-ip',
      folder: { externalKey: folder.externalKey, title: folder.title, status: 'B', classes: [{ system: 'PNR', id: SUBJECT.nationalId, screened: true }] },
      entry: {
        externalKey: entry.externalKey,
        parentFolderKey: folder.externalKey,
        type: spec.type,
        status: settings.journalStatus[spec.type],
        title: entry.title,
        publicTitle: spec.publicTitle,
        documents: [{ fileRef: entry.document.fileRef, fileName: entry.document.fileName, sha256: entry.document.sha256, size: entry.document.size, documentKey: entry.document.externalKey, role: 'H' }],
      },
    });
    // Incoming: mottattDato; outgoing: sendtDato; internal: neither.
    expect(xml.includes('<mottattDato>')).toBe(spec.type === 'I');
    expect(xml.includes('<sendtDato>')).toBe(spec.type === 'U');
    expect(xml).toMatch(/<antallFiler>1<\/antallFiler>/);
    // Public titles never carry the subject's name or number.
    const titles = publicTitles(xml);
    expect(titles).toHaveLength(2);
    for (const t of titles) expect(t).not.toMatch(/Kari|Nordmann|01017012345|\d{11}/);
  });

  it('maps the entry\'s screening: H screens the document, NM the recipients\' names, and both are carried as codes', () => {
    const { entry } = entryFor('RECORD_DECISION', EVENT_PAYLOADS.RECORD_DECISION);
    const xml = buildRecordMessage(settings, folderInput(), entry);
    const document = between(xml, '<dokumentbeskrivelse>', '</dokumentbeskrivelse>');
    expect(document).toMatch(/<skjerming>\s*<tilgangsrestriksjon>\s*<n5mdk:kode>13<\/n5mdk:kode>/);
    expect(document).toMatch(/<dokumenttype>\s*<n5mdk:kode>VEDTAK</);
    const recipient = between(xml, '<korrespondansepart>', '</korrespondansepart>');
    expect(recipient).toMatch(/<n5mdk:kode>EM<\/n5mdk:kode>[\s\S]*<personid>01017012345<\/personid>[\s\S]*<erSkjermet>true<\/erSkjermet>/);
    const codes = between(between(xml, '<registrering', '</registrering>'), '<virksomhetsspesifikkeMetadata>', '</virksomhetsspesifikkeMetadata>');
    expect(codes).toContain('<ip:skjermingMetadata>NM</ip:skjermingMetadata>');
    expect(codes).toContain('<ip:skjermingDokument>H</ip:skjermingDokument>');
    // The folder screens the class id and the party name.
    const folderCodes = between(between(xml, '<mappe', '</mappe>'), '<virksomhetsspesifikkeMetadata>', '</virksomhetsspesifikkeMetadata>');
    expect(folderCodes).toMatch(/KID[\s\S]*NPS/);
  });

  it('does not screen a service as sender, nor the document of a notification, whose title is what is screened', () => {
    const { entry } = entryFor('NOTIFICATION_RECEIVED', VARIANTS[0][1]);
    const xml = buildRecordMessage(settings, folderInput(), entry);
    expect(between(xml, '<dokumentbeskrivelse>', '</dokumentbeskrivelse>')).not.toContain('<skjerming>');
    expect(between(xml, '<korrespondansepart>', '</korrespondansepart>')).toMatch(/EA[\s\S]*<organisasjonid>974760673<\/organisasjonid>[\s\S]*<erSkjermet>false/);
    expect(xml).toContain('<ip:skjermingMetadata>TR1</ip:skjermingMetadata>');
  });

  it('masks a name or number that slipped into a public title', () => {
    const folder = folderInput({ publicTitle: `Individuell plan - ${SUBJECT.name} (${SUBJECT.nationalId})` });
    const { entry } = entryFor('CLOSE', EVENT_PAYLOADS.CLOSE);
    const xml = buildRecordMessage(settings, folder, { ...entry, spec: { ...entry.spec, publicTitle: 'Avslutning for Nordmann, 010170 12345' } });
    expect(publicTitles(xml)).toEqual(['Individuell plan - ***** (*****)', 'Avslutning for *****, *****']);
    expect(maskPublicTitle('Melding om behov', ['Kari Nordmann'])).toBe('Melding om behov');
  });

  it('writes regel, arkivdel and the secondary class when agreed, and still validates', async () => {
    const agreed = mergeArchiveSettings({ regel: 'IP', arkivdel: 'KE', secondaryClass: { system: 'KK', classId: 'G', title: 'Helsetjenester' }, formatCode: 'fmt/479' });
    const { entry } = entryFor('PLAN_APPROVED', {});
    const xml = buildRecordMessage(agreed, folderInput(), entry);
    expect(await validatePayload(MESSAGE_TYPE.CREATE, xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toMatch(/<regel>IP<\/regel>/);
    expect(xml).toMatch(/<arkivdel>\s*<n5mdk:kode>KE</);
    expect(readArkivmelding(xml).folder?.classes).toEqual([
      { system: 'PNR', id: SUBJECT.nationalId, screened: true },
      { system: 'KK', id: 'G', screened: false },
    ]);
  });

  it('fails validation, with a line number, when the elements are out of the sequence order', async () => {
    const { entry } = entryFor('RECORD_DECISION', EVENT_PAYLOADS.RECORD_DECISION);
    const xml = buildRecordMessage(settings, folderInput(), entry);
    // Move the journalpost's skjerming after its dokumentbeskrivelse (README § 2: skjerming comes first).
    const jp = between(xml, '<registrering', '</registrering>');
    const skjerming = between(jp.slice(jp.indexOf('</referanseForelderMappe>')), '<skjerming>', '</skjerming>');
    const docEnd = '</dokumentbeskrivelse>';
    const swapped = jp.replace(skjerming, '').replace(docEnd, `${docEnd}\n${skjerming}`);
    const broken = xml.replace(jp, swapped);
    expect(broken).not.toBe(xml);
    const result = await validatePayload(MESSAGE_TYPE.CREATE, broken);
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatch(/^line \d+: .*skjerming/);
  });
});

describe('buildCloseFolderMessage', () => {
  it('is an arkivmeldingOppdatering that sets saksstatus A on the folder by our key, and validates', async () => {
    const xml = buildCloseFolderMessage(settings, 'sak/123', '2025-06-30T12:00:00+02:00', 'sasa01');
    expect(await validatePayload(MESSAGE_TYPE.UPDATE, xml)).toEqual({ valid: true, errors: [] });
    expect(readArkivmelding(xml)).toEqual({
      kind: 'UPDATE',
      system: 'ke-ip',
      folderUpdate: { folderKey: 'sak/123', status: 'A', closedAt: '2025-06-30T12:00:00+02:00', closedBy: 'sasa01' },
    });
    // It is not a create message.
    expect((await validatePayload(MESSAGE_TYPE.CREATE, xml)).valid).toBe(false);
  });
});

describe('FIKS_ARKIV_XSD_DIR', () => {
  it('makes the validator read the schemas from that folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fiks-arkiv-xsd-'));
    try {
      cpSync(fiksArkivSchemaDir({}), dir, { recursive: true });
      // In the copy, regel is required: a message without it then fails there, and only there.
      const file = join(dir, 'no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.xsd');
      const xsd = readFileSync(file, 'utf8');
      writeFileSync(file, xsd.replace('name="regel" type="xs:string" minOccurs="0"', 'name="regel" type="xs:string"'));
      expect(fiksArkivSchemaDir({ FIKS_ARKIV_XSD_DIR: dir })).toBe(dir);
      const { entry } = entryFor('PLAN_APPROVED', {});
      const xml = buildRecordMessage(settings, folderInput(), entry);
      expect((await validatePayload(MESSAGE_TYPE.CREATE, xml)).valid).toBe(true);
      const saved = process.env.FIKS_ARKIV_XSD_DIR;
      process.env.FIKS_ARKIV_XSD_DIR = dir;
      try {
        const result = await validatePayload(MESSAGE_TYPE.CREATE, xml);
        expect(result.valid).toBe(false);
        expect(result.errors.join('\n')).toMatch(/regel/);
      } finally {
        if (saved === undefined) delete process.env.FIKS_ARKIV_XSD_DIR;
        else process.env.FIKS_ARKIV_XSD_DIR = saved;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
