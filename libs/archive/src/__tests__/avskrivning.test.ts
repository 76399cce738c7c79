// Avskrivning: the korrespondansepartID we give a party in the record message, the nyAvskrivning that names it, both
// against the official schemas, read back; and the avskrivning replies.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGE_TYPE, REPLY_TYPE } from '../archive.types';
import { DEFAULT_ARCHIVE_SETTINGS } from '../fiks-arkiv/archive-settings';
import { buildRecordMessage, partyIdFor } from '../fiks-arkiv/arkivmelding';
import { buildAvskrivningMessage, type AvskrivningMethod } from '../fiks-arkiv/avskrivning';
import { readArkivmelding, readAvskrivning } from '../fiks-arkiv/message-reader';
import { parseReply } from '../fiks-arkiv/receipts';
import { fiksArkivSchemaDir, validatePayload } from '../fiks-arkiv/schema-validator';
import { entryFor, EVENT_PAYLOADS, folderInput } from './support/fiks-arkiv-fixtures';

const settings = DEFAULT_ARCHIVE_SETTINGS;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ENTRY = 'jp/2c7d9b8e-1f4a-4d3b-9e6c-8a5b7c9d0e12';
const LETTER = 'jp/7e6d5c4b-3a29-4817-9f0e-d1c2b3a4f5e6';

describe('partyIdFor', () => {
  it('is the same for the same entry and role, and differs by role and by entry', () => {
    const id = partyIdFor(ENTRY, 'EA');
    expect(id).toMatch(UUID);
    expect(partyIdFor(ENTRY, 'EA')).toBe(id);
    // Pinned: a rebuilt message, in this release or a later one, must give the id the archive already has.
    expect(id).toBe('200d264a-fc51-8733-a4a7-34ce91cb98ee');
    expect(new Set([id, partyIdFor(ENTRY, 'IM'), partyIdFor(LETTER, 'EA'), partyIdFor(`${ENTRY}#`, 'EA')]).size).toBe(4);
  });
});

describe('the record message with party ids', () => {
  it('carries korrespondansepartID first in each korrespondansepart that has one, and the schema accepts it', async () => {
    const { entry } = entryFor('NOTIFICATION_RECEIVED', EVENT_PAYLOADS.NOTIFICATION_RECEIVED);
    const parties = entry.parties.map((p) => (p.role === 'EA' ? { ...p, partyId: partyIdFor(entry.externalKey, p.role) } : p));
    const xml = buildRecordMessage(settings, folderInput(), { ...entry, parties });
    expect(await validatePayload(MESSAGE_TYPE.CREATE, xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toMatch(/<korrespondansepart>\s*<korrespondansepartID>[0-9a-f-]{36}<\/korrespondansepartID>\s*<korrespondanseparttype>/);
    expect(readArkivmelding(xml).entry?.parties).toEqual([{ role: 'EA', partyId: partyIdFor(entry.externalKey, 'EA') }, { role: 'IM' }]);
    // Rebuilt (a retry): the same id.
    expect(buildRecordMessage(settings, folderInput(), { ...entry, parties })).toContain(`<korrespondansepartID>${partyIdFor(entry.externalKey, 'EA')}<`);
  });

  it('writes no korrespondansepartID for a party without one', () => {
    const { entry } = entryFor('NOTIFICATION_RECEIVED', EVENT_PAYLOADS.NOTIFICATION_RECEIVED);
    expect(buildRecordMessage(settings, folderInput(), entry)).not.toContain('korrespondansepartID');
  });
});

describe('buildAvskrivningMessage', () => {
  const input = { entryKey: ENTRY, partyId: partyIdFor(ENTRY, 'EA'), method: 'BU' as const, answeredByKey: LETTER, date: '2025-03-06', by: 'Sara Saksbehandler' };

  it('answered by a letter: valid against the avskrivning schema, read back whole', async () => {
    const xml = buildAvskrivningMessage(settings, input);
    expect(await validatePayload(MESSAGE_TYPE.AVSKRIVNING, xml)).toEqual({ valid: true, errors: [] });
    expect(readAvskrivning(xml)).toEqual({ entryKey: ENTRY, partyId: input.partyId, method: 'BU', answeredByKey: LETTER, date: '2025-03-06', by: 'Sara Saksbehandler' });
    expect(xml.match(/<n5mdk:fagsystem>([^<]+)</g)).toEqual(['<n5mdk:fagsystem>ke-ip<', '<n5mdk:fagsystem>ke-ip<']);
  });

  it.each(['TE', 'TO', 'TLF', 'BE'] as AvskrivningMethod[])('without an answering entry (%s): valid, no referanseAvskrivesAvJournalpost', async (method) => {
    const xml = buildAvskrivningMessage(settings, { ...input, method, answeredByKey: undefined });
    expect(await validatePayload(MESSAGE_TYPE.AVSKRIVNING, xml)).toEqual({ valid: true, errors: [] });
    expect(xml).not.toContain('referanseAvskrivesAvJournalpost');
    expect(readAvskrivning(xml)).toEqual({ entryKey: ENTRY, partyId: input.partyId, method, date: '2025-03-06', by: 'Sara Saksbehandler' });
  });

  it('refuses a method outside the code list, a date that is not YYYY-MM-DD, and no party id', () => {
    expect(() => buildAvskrivningMessage(settings, { ...input, method: 'XX' as AvskrivningMethod })).toThrow(/avskrivningsmaate XX/);
    expect(() => buildAvskrivningMessage(settings, { ...input, date: '2025-03-06T10:00:00Z' })).toThrow(/YYYY-MM-DD/);
    expect(() => buildAvskrivningMessage(settings, { ...input, partyId: '' })).toThrow(/korrespondansepartID/);
  });

  it('the schema refuses what the builder must never send: no korrespondansepartID', async () => {
    const xml = buildAvskrivningMessage(settings, input).replace(/<korrespondansepartID>[^<]+<\/korrespondansepartID>/, '');
    expect((await validatePayload(MESSAGE_TYPE.AVSKRIVNING, xml)).valid).toBe(false);
  });
});

describe('readAvskrivning', () => {
  it('reads template 03', () => {
    const t03 = readFileSync(join(fiksArkivSchemaDir({}), '../../templates/03-avskriv-inngaaende-med-utgaaende.xml'));
    expect(readAvskrivning(t03)).toEqual({ entryKey: ENTRY, partyId: 'AGREE-WITH-ARCHIVE', method: 'BU', answeredByKey: LETTER, date: '2024-05-20', by: 'Sara Saksbehandler' });
  });

  it('reads a reference by systemID, and refuses another root', () => {
    const xml = buildAvskrivningMessage(settings, { entryKey: ENTRY, partyId: 'p-1', method: 'TO', date: '2025-03-06', by: 'KE' }).replace(
      /<referanseTilJournalpost>[\s\S]*<\/referanseTilJournalpost>/,
      '<referanseTilJournalpost><n5mdk:systemID>22f05e04-37c4-4051-8b3a-853c8eac4b33</n5mdk:systemID></referanseTilJournalpost>',
    );
    expect(readAvskrivning(xml)).toMatchObject({ entrySystemId: '22f05e04-37c4-4051-8b3a-853c8eac4b33', method: 'TO' });
    expect(readAvskrivning(xml).entryKey).toBeUndefined();
    expect(() => readAvskrivning('<arkivmelding/>')).toThrow(/root element is arkivmelding/);
  });
});

describe('parseReply of the avskrivning replies', () => {
  const at = '2025-03-06T10:00:00Z';
  it('mottatt is RECEIVED, kvittering (no payload) is STORED with no folder or entry', () => {
    expect(parseReply({ type: REPLY_TYPE.AVSKRIVNING_RECEIVED, at })).toEqual({ kind: 'RECEIVED' });
    expect(parseReply({ type: REPLY_TYPE.AVSKRIVNING_RECEIPT, at })).toEqual({ kind: 'STORED' });
  });
  it('names the reply types as the message catalogue does', () => {
    const catalogue = JSON.parse(readFileSync(join(fiksArkivSchemaDir({}), 'meldingstyper/meldingstyper.json'), 'utf8')) as { meldingstyper: { id: string; erSvarPaa?: string[]; harPayload: boolean }[] };
    const replies = catalogue.meldingstyper.filter((t) => t.erSvarPaa?.includes(MESSAGE_TYPE.AVSKRIVNING));
    expect(replies.map((t) => [t.id, t.harPayload]).sort()).toEqual([[REPLY_TYPE.AVSKRIVNING_RECEIVED, false], [REPLY_TYPE.AVSKRIVNING_RECEIPT, false]].sort());
  });
});
