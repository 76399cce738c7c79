// The archive's replies: the peer's builders validate against the KS schemas, and parseReply reads them back.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPLY_TYPE, type ArchiveReply } from '../archive.types';
import { buildCreateReceipt, buildErrorReply, ERROR_REPLY, parseReply, type ErrorKind } from '../fiks-arkiv/receipts';
import { fiksArkivSchemaDir, validatePayload, type SchemaMessageType } from '../fiks-arkiv/schema-validator';

const at = '2025-03-04T10:00:00Z';
const reply = (type: string, payload?: string): ArchiveReply => ({ type, payload, at });
const folder = { systemId: '3f2b8c1e-9d4a-4b7e-a1c2-5e6f7a8b9c0d', saksaar: 2025, sakssekvensnummer: 1234, existed: false };
const entry = { systemId: '8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d', journalaar: 2025, journalsekvensnummer: 56789, journalpostnummer: 1, existed: false };

describe('the create receipt (kvittering)', () => {
  it('round-trips: built with every field, valid against the kvittering schema, parsed back', async () => {
    const xml = buildCreateReceipt({
      folder: { ...folder, mappeID: '2025/1234', saksdato: '2025-03-04', externalKey: { system: 'ke-ip', key: 'sak/1' } },
      entry: { ...entry, externalKey: { system: 'ke-ip', key: 'jp/1' }, documents: [{ systemId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', dokumentnummer: 1, objects: [{ systemId: '6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a', versjonsnummer: 1 }] }] },
    });
    expect(await validatePayload(REPLY_TYPE.CREATE_RECEIPT, xml)).toEqual({ valid: true, errors: [] });
    expect(parseReply(reply(REPLY_TYPE.CREATE_RECEIPT, xml))).toEqual({ kind: 'STORED', folder, entry });
  });

  it('says Eksisterende for what already existed, and that reads as existed (success all the same)', async () => {
    const xml = buildCreateReceipt({ folder: { ...folder, existed: true, saksaar: null, sakssekvensnummer: null }, entry: { ...entry, existed: true } });
    expect(xml).toContain('<opprettetEllerEksisterende>Eksisterende</opprettetEllerEksisterende>');
    expect((await validatePayload(REPLY_TYPE.CREATE_RECEIPT, xml)).valid).toBe(true);
    expect(parseReply(reply(REPLY_TYPE.CREATE_RECEIPT, xml))).toEqual({
      kind: 'STORED',
      folder: { ...folder, existed: true, saksaar: null, sakssekvensnummer: null },
      entry: { ...entry, existed: true },
    });
  });

  it('reports a partial failure: the folder stored, the entry failed (and the other way round)', async () => {
    const entryFailed = buildCreateReceipt({ folder, entry: { failed: { errorId: 'E-42', message: 'Saken er avsluttet' } } });
    expect(await validatePayload(REPLY_TYPE.CREATE_RECEIPT, entryFailed)).toEqual({ valid: true, errors: [] });
    expect(parseReply(reply(REPLY_TYPE.CREATE_RECEIPT, entryFailed))).toEqual({ kind: 'PARTIAL_FAILURE', part: 'ENTRY', errorId: 'E-42', message: 'Saken er avsluttet', folder });
    const folderFailed = buildCreateReceipt({ folder: { failed: { errorId: 'E-1', message: 'Ukjent arkivdel' } } });
    expect((await validatePayload(REPLY_TYPE.CREATE_RECEIPT, folderFailed)).valid).toBe(true);
    expect(parseReply(reply(REPLY_TYPE.CREATE_RECEIPT, folderFailed))).toEqual({ kind: 'PARTIAL_FAILURE', part: 'FOLDER', errorId: 'E-1', message: 'Ukjent arkivdel' });
  });

  it('reads the project template 05', () => {
    const xml = readFileSync(join(fiksArkivSchemaDir({}), '../../templates/05-kvittering-eksempel.xml'), 'utf8');
    expect(parseReply(reply(REPLY_TYPE.CREATE_RECEIPT, xml))).toEqual({
      kind: 'STORED',
      folder: { systemId: '3f2b8c1e-9d4a-4b7e-a1c2-5e6f7a8b9c0d', saksaar: 2024, sakssekvensnummer: 1234, existed: false },
      entry: { systemId: '8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d', journalaar: 2024, journalsekvensnummer: 56789, journalpostnummer: 1, existed: false },
    });
  });

  it('refuses a kvittering without its payload, or with another root', () => {
    expect(() => parseReply(reply(REPLY_TYPE.CREATE_RECEIPT))).toThrow(/no payload/);
    expect(() => parseReply(reply(REPLY_TYPE.CREATE_RECEIPT, buildErrorReply('INVALID', 'x', 'y')))).toThrow(/arkivmeldingKvittering/);
  });
});

describe('the other replies', () => {
  it.each(Object.keys(ERROR_REPLY) as ErrorKind[])('%s: the feilmelding validates against its schema and parses with feilId and feilmelding', async (kind) => {
    const xml = buildErrorReply(kind, 'feil-1', 'Meldingen er ikke gyldig: linje 3 & mer');
    expect(await validatePayload(ERROR_REPLY[kind].type as SchemaMessageType, xml)).toEqual({ valid: true, errors: [] });
    expect(parseReply(reply(ERROR_REPLY[kind].type, xml))).toEqual({ kind, errorId: 'feil-1', message: 'Meldingen er ikke gyldig: linje 3 & mer' });
  });

  it('reads mottatt for both message types and the update kvittering (no payload)', () => {
    expect(parseReply(reply(REPLY_TYPE.CREATE_RECEIVED))).toEqual({ kind: 'RECEIVED' });
    expect(parseReply(reply(REPLY_TYPE.UPDATE_RECEIVED))).toEqual({ kind: 'RECEIVED' });
    expect(parseReply(reply(REPLY_TYPE.UPDATE_RECEIPT))).toEqual({ kind: 'STORED' });
  });

  it("treats Fiks IO's own failure as a server error, and refuses a type it does not know", () => {
    expect(parseReply(reply('no.ks.fiks.kvittering.tidsavbrudd'))).toMatchObject({ kind: 'SERVER_ERROR', errorId: 'no.ks.fiks.kvittering.tidsavbrudd' });
    expect(() => parseReply(reply('no.ks.fiks.arkiv.v1.innsyn.sok.resultat.utvidet'))).toThrow(/unknown reply type/);
  });
});
