import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCloseFolderMessage } from '../fiks-arkiv/arkivmelding';
import { DEFAULT_ARCHIVE_SETTINGS } from '../fiks-arkiv/archive-settings';
import { validatePayload } from '../fiks-arkiv/schema-validator';
import { MESSAGE_TYPE } from '../archive.types';

const close = () => buildCloseFolderMessage(DEFAULT_ARCHIVE_SETTINGS, 'sak/1', '2025-06-30T12:00:00+02:00', 'sasa01');

describe('validatePayload', () => {
  it('answers a payload that is not well-formed XML as invalid, with the parser line, not as a failure', async () => {
    const result = await validatePayload(MESSAGE_TYPE.UPDATE, close().replace('</arkivmeldingOppdatering>', ''));
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/^line \d+: /m);
  });

  it('checks against the schema of the message type: an oppdatering is not an opprett', async () => {
    expect(await validatePayload(MESSAGE_TYPE.UPDATE, close())).toEqual({ valid: true, errors: [] });
    expect((await validatePayload(MESSAGE_TYPE.CREATE, close())).valid).toBe(false);
  });

  it('answers checks sent at once each with its own result, in any order', async () => {
    const good = close();
    const bad = good.replace('<avsluttetAv>', '<ukjent/><avsluttetAv>');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => validatePayload(MESSAGE_TYPE.UPDATE, i % 2 ? bad : good)));
    expect(results.map((r) => r.valid)).toEqual(Array.from({ length: 20 }, (_, i) => i % 2 === 0));
  });

  it('refuses a folder without the schemas, and one whose schema file is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'xsd-'));
    await expect(validatePayload(MESSAGE_TYPE.UPDATE, close(), empty)).rejects.toThrow(/no schemas/);
    writeFileSync(join(empty, 'other.xsd'), '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>');
    await expect(validatePayload(MESSAGE_TYPE.UPDATE, close(), empty)).rejects.toThrow(/is not in/);
  });
});
