// A municipality's archive settings: the defaults validate, overrides merge, and every problem names its field.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { DEFAULT_ARCHIVE_SETTINGS, documentTypeFor, mergeArchiveSettings, validateArchiveSettings } from '../fiks-arkiv/archive-settings';
import { ArchiveSettingsDto } from '../fiks-arkiv/archive-settings.dto';
import { KS_CODE_LISTS } from '../fiks-arkiv/code-lists';
import { fiksArkivSchemaDir } from '../fiks-arkiv/schema-validator';

describe('the KS code lists', () => {
  it('are the published ones (kodelister/*.json)', () => {
    const dir = join(fiksArkivSchemaDir({}), 'kodelister');
    const published = Object.fromEntries(readdirSync(dir).map((f) => {
      const list = JSON.parse(readFileSync(join(dir, f), 'utf8').replace(/^\uFEFF/, '')) as { navn: string; kodeliste: { kodeverdi: string }[] };
      return [list.navn.toLowerCase(), list.kodeliste.map((k) => k.kodeverdi)];
    }));
    for (const [name, codes] of Object.entries(KS_CODE_LISTS)) expect({ name, codes }).toEqual({ name, codes: published[name] });
  });
});

describe('archive settings', () => {
  it('have defaults for an IP case that pass their own checks', () => {
    expect(DEFAULT_ARCHIVE_SETTINGS).toMatchObject({ system: 'ke-ip', accessRestriction: '13', screeningAuthority: 'Offl. § 13 jf. fvl. § 13 (1) nr. 1', personClassSystem: 'PNR' });
    expect(validateArchiveSettings(DEFAULT_ARCHIVE_SETTINGS)).toEqual([]);
    expect(documentTypeFor(DEFAULT_ARCHIVE_SETTINGS, 'DECISION_LETTER')).toBe('VEDTAK');
    expect(documentTypeFor(DEFAULT_ARCHIVE_SETTINGS, 'PLAN_VERSION')).toBe('DOKUMENT');
  });

  it('merge a municipality\'s overrides field by field, journalStatus per type, undefined ignored', () => {
    const merged = mergeArchiveSettings({ arkivdel: 'KE', journalStatus: { I: 'J' }, system: undefined, documentTypeByKind: { PLAN_VERSION: 'RAPPORT' } });
    expect(merged).toMatchObject({ system: 'ke-ip', arkivdel: 'KE', journalStatus: { I: 'J', U: 'E', N: 'F', X: 'F' } });
    expect(documentTypeFor(merged, 'PLAN_VERSION')).toBe('RAPPORT');
    expect(documentTypeFor(merged, 'APPEAL')).toBe('KLAGE');
    expect(DEFAULT_ARCHIVE_SETTINGS.journalStatus.I).toBe('F');
  });

  it('name the field and the reason of every problem', () => {
    const issues = validateArchiveSettings(mergeArchiveSettings({
      system: '',
      accessRestriction: '1 3',
      screeningAuthority: '  ',
      documentType: 'BREV',
      formatCode: 'pdf',
      journalStatus: { U: 'Q' },
      secondaryClass: { system: 'KK', classId: '', title: null },
      documentTypeByKind: { APPEAL: 'APPEAL' },
      administrativeUnit: ' Koordinerende enhet',
    }));
    expect(issues).toEqual([
      { field: 'system', reason: expect.stringMatching(/must not be empty/) },
      { field: 'secondaryClass.classId', reason: expect.stringMatching(/must not be empty/) },
      { field: 'accessRestriction', reason: 'a code must not contain whitespace' },
      { field: 'screeningAuthority', reason: expect.stringMatching(/must not be empty/) },
      { field: 'documentType', reason: "'BREV' is not in the KS dokumenttype code list" },
      { field: 'documentTypeByKind.APPEAL', reason: "'APPEAL' is not in the KS dokumenttype code list" },
      { field: 'formatCode', reason: expect.stringMatching(/PDF.*PRONOM/) },
      { field: 'journalStatus.U', reason: "'Q' is not in the KS journalstatus code list" },
      { field: 'administrativeUnit', reason: 'must not start or end with whitespace' },
    ]);
  });
});

describe('ArchiveSettingsDto (PUT/PATCH)', () => {
  const errorsOf = (body: object) => {
    const flat = (es: ValidationError[], prefix = ''): string[] =>
      es.flatMap((e) => [...(e.constraints ? [`${prefix}${e.property}`] : []), ...flat(e.children ?? [], `${prefix}${e.property}.`)]);
    return flat(validateSync(plainToInstance(ArchiveSettingsDto, body), { whitelist: true, forbidNonWhitelisted: true }));
  };

  it('accepts an empty body, a partial one, and null where the archive may decide', () => {
    expect(errorsOf({})).toEqual([]);
    expect(errorsOf({ arkivdel: 'KE', regel: null, secondaryClass: null, journalStatus: { U: 'F' }, documentTypeByKind: { APPEAL: 'KLAGE' }, formatCode: 'fmt/479' })).toEqual([]);
    expect(errorsOf({ secondaryClass: { system: 'KK', classId: 'G', title: 'Helsetjenester' } })).toEqual([]);
  });

  it('refuses, by field: null where a value is required, codes off the KS lists, empty text, unknown fields', () => {
    expect(errorsOf({
      system: null,
      documentType: 'BREV',
      journalStatus: { I: 'Q', Z: 'F' },
      documentTypeByKind: { APPEAL: 'x' },
      screeningAuthority: '',
      accessRestriction: 'a b',
      formatCode: 'pdf',
      secondaryClass: { system: 'KK' },
      colour: 'blue',
    }).sort()).toEqual([
      'accessRestriction', 'colour', 'documentType', 'documentTypeByKind.APPEAL', 'formatCode', 'journalStatus.I', 'journalStatus.Z',
      'screeningAuthority', 'secondaryClass.classId', 'system',
    ]);
  });
});
