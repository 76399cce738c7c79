// The reader the archive peer indexes with: the KS examples (two in UTF-16LE with a BOM and CRLF) and our templates.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGE_TYPE } from '../archive.types';
import { readArkivmelding } from '../fiks-arkiv/message-reader';
import { fiksArkivSchemaDir, validatePayload } from '../fiks-arkiv/schema-validator';
import { decodeXml } from '../fiks-arkiv/xml-reader';

const shared = join(fiksArkivSchemaDir({}), '../..');
const examplesDir = join(shared, 'examples/fiks-arkiv-v1');
const templatesDir = join(shared, 'templates');
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.arkivmelding.xml'));
const bytes = (dir: string, f: string) => readFileSync(join(dir, f));

describe('the KS examples', () => {
  it('are the five published ones, two of them UTF-16LE with a BOM', () => {
    expect(examples).toHaveLength(5);
    expect(examples.filter((f) => bytes(examplesDir, f).subarray(0, 2).equals(Buffer.from([0xff, 0xfe])))).toEqual(['NySaksmappeN2.arkivmelding.xml', 'OppdaterMappeStatusN1.arkivmelding.xml']);
  });

  it.each(examples)('%s still validates (so the validator loads the schemas)', async (f) => {
    const type = f.startsWith('Oppdater') ? MESSAGE_TYPE.UPDATE : MESSAGE_TYPE.CREATE;
    expect(await validatePayload(type, decodeXml(bytes(examplesDir, f)))).toEqual({ valid: true, errors: [] });
  });

  it('read into summaries, keys kept as given (our key or the systemID)', () => {
    const read = Object.fromEntries(examples.map((f) => [f.replace('.arkivmelding.xml', ''), readArkivmelding(bytes(examplesDir, f))]));
    expect(read.NyMappeMedJournalpostN1).toMatchObject({
      kind: 'CREATE',
      system: 'Fiks protokoll validator',
      folder: { externalKey: '45d947ed-8455-46e2-a04f-ee18da433fe0', title: 'Test', classes: [{ system: 'Personnummer', id: '19085830948', screened: false }] },
      entry: { externalKey: 'e4712424-883c-4068-9cb7-97ac679d7232', parentFolderKey: '45d947ed-8455-46e2-a04f-ee18da433fe0', type: 'X', status: 'F', title: 'Internt notat' },
    });
    expect(read.NyJournalpostN6.entry).toMatchObject({
      parentFolderSystemId: '22f05e04-37c4-4051-8b3a-853c8eac4b33',
      type: 'I',
      documents: [{ fileRef: 'rekvisisjon.pdf', fileName: 'rekvisisjon.pdf', role: 'H' }, { fileRef: 'vedlegg.pdf', fileName: 'vedlegg.pdf', role: 'V' }],
    });
    expect(read.NyJournalpostN6.entry?.parentFolderKey).toBeUndefined();
    expect(read.NyJournalpostN8.entry).toMatchObject({ type: 'U', title: 'Tillatelse til ...' });
    // UTF-16LE: the text decoded whole, ø and å included.
    expect(read.NySaksmappeN2).toEqual({
      kind: 'CREATE',
      system: 'Fiks protokoll validator',
      folder: {
        externalKey: '1-thursday-test-av-arkiv-scenario',
        title: 'Tittel på saksmappen',
        publicTitle: 'Offentlig tittel på saksmappen',
        classes: [{ system: 'FH', id: '8.3.D12', screened: false }, { system: 'GBN', id: '20/19/458/0', screened: false }],
      },
    });
    expect(read.OppdaterMappeStatusN1).toEqual({ kind: 'UPDATE', system: 'Fiks protokoll validator', folderUpdate: { folderKey: 'nøkkel-til-saksmappe', status: 'A' } });
  });
});

describe('the project templates', () => {
  it('read: 01 folder + incoming entry, 02 outgoing entry, 04 the close', () => {
    const t01 = readArkivmelding(bytes(templatesDir, '01-ny-saksmappe-med-inngaaende-journalpost.xml'));
    expect(t01).toMatchObject({
      kind: 'CREATE',
      system: 'ip-arbeidsflyt',
      folder: { externalKey: 'sak/6f1c2a9e-3f0b-4c59-9a57-0d6b9a1f2c11', publicTitle: 'Individuell plan - *****', status: 'B' },
      entry: {
        externalKey: 'jp/2c7d9b8e-1f4a-4d3b-9e6c-8a5b7c9d0e12',
        parentFolderKey: 'sak/6f1c2a9e-3f0b-4c59-9a57-0d6b9a1f2c11',
        type: 'I',
        status: 'J',
        documents: [{ fileRef: 'melding-ip-1.pdf', fileName: 'Melding om behov for IP.pdf', sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', size: 48213, documentKey: 'dok/0b8e3d1c-7a44-4e0e-b6a1-5f3c2d9e8a70' }],
      },
    });
    expect(readArkivmelding(bytes(templatesDir, '02-utgaaende-journalpost.xml'))).toMatchObject({ kind: 'CREATE', entry: { type: 'U', status: 'E' } });
    expect(readArkivmelding(bytes(templatesDir, '04-avslutt-saksmappe.xml'))).toEqual({
      kind: 'UPDATE',
      system: 'ip-arbeidsflyt',
      folderUpdate: { folderKey: 'sak/6f1c2a9e-3f0b-4c59-9a57-0d6b9a1f2c11', status: 'A', closedAt: '2024-06-30T12:00:00+02:00', closedBy: 'sasa01' },
    });
  });

  it('refuses what is not an arkivmelding (03 is an avskrivning, 05 a kvittering)', () => {
    expect(() => readArkivmelding(bytes(templatesDir, '03-avskriv-inngaaende-med-utgaaende.xml'))).toThrow(/root element is nyAvskrivning/);
    expect(() => readArkivmelding(bytes(templatesDir, '05-kvittering-eksempel.xml'))).toThrow(/root element is arkivmeldingKvittering/);
  });

  it('reads the same in UTF-8, UTF-8 with a BOM, UTF-16LE and UTF-16BE with a BOM', () => {
    const utf8 = readFileSync(join(templatesDir, '01-ny-saksmappe-med-inngaaende-journalpost.xml'), 'utf8');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(utf8, 'utf16le').swap16()]);
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8)]);
    const expected = readArkivmelding(utf8);
    for (const b of [le, be, bom8, `\uFEFF${utf8}`]) expect(readArkivmelding(b)).toEqual(expected);
    expect(expected.folder?.title).toBe('Individuell plan - Kari Nordmann');
  });
});
