// A case folder, its parties and one journal entry per recorded event, as the outbox would resolve them.
import { createHash, randomUUID } from 'node:crypto';
import type { FolderInput, JournalpostInput, PartyInput } from '../../archive.types';
import { journalRecordFor, type JournalRecordSpec, type PartyKind } from '../../journal-records';

export const SUBJECT = { nationalId: '01017012345', name: 'Kari Nordmann' };

export const folderInput = (over: Partial<FolderInput> = {}): FolderInput => ({
  externalKey: `sak/${randomUUID()}`,
  title: `Koordinerende enhet - individuell plan - ${SUBJECT.name}`,
  publicTitle: 'Koordinerende enhet - individuell plan - *****',
  subject: SUBJECT,
  caseDate: '2025-03-04',
  caseHandler: { name: 'Sara Saksbehandler', id: 'sasa01' },
  ...over,
});

const person = (name: string, personId: string): Omit<PartyInput, 'role'> => ({ name, personId, screened: true, isPersonName: true });
const org = (name: string, organisationId: string): Omit<PartyInput, 'role'> => ({ name, organisationId, screened: false, isPersonName: false });

const PARTIES: Record<PartyKind, Omit<PartyInput, 'role'>[]> = {
  NOTIFIER: [person('Per Nordmann', '02026012345')],
  USER: [person(SUBJECT.name, SUBJECT.nationalId)],
  SERVICE: [org('NAV Ullensaker', '974760673')],
  STATSFORVALTER: [org('Statsforvalteren i Oslo og Viken', '974761319')],
  RECEIVING_KE: [org('Bergen kommune', '964338531')],
  ANSVARSGRUPPE: [person('Ola Fastlege', '03037012345'), org('PPT Ullensaker', '964950113')],
  SHARING_PARTIES: [org('NAV Ullensaker', '974760673'), org('Helsestasjonen', '964950113')],
  COORDINATOR: [{ name: 'Kåre Koordinator', screened: false, isPersonName: true, responsible: true }],
};

/** One representative payload per recorded event (ip-case.events.ts). */
export const EVENT_PAYLOADS: Record<string, Record<string, unknown>> = {
  NOTIFICATION_RECEIVED: { notifierType: 'NEXT_OF_KIN', receivedAt: '2025-03-04T08:15:00Z', channel: 'PAPER', requestedLines: ['IP'], subjectAware: 'YES', birthDate: null },
  SEND_PRELIMINARY_REPLY: { expectedAnswerBy: '2025-04-01', reason: 'Kartlegging pågår' },
  RECORD_DECISION: { decisions: [], sentAt: '2025-03-20T10:00:00Z', letterMethod: 'DIGITAL' },
  CONSENT_GIVEN: { grants: [{ scope: 'ESTABLISH_IP', capacity: 'SELF', form: 'WRITTEN_SIGNED', givenBy: { name: SUBJECT.name } }] },
  CONSENT_CHANGED: { grants: [], withdraw: [] },
  CONSENT_WITHDRAWN: { withdraw: [], consequencesExplained: true },
  SHARING_END_NOTIFIED: { parties: ['NAV'] },
  INFORMATION_DISCLOSED: { recipient: 'NAV Ullensaker', scope: 'ESTABLISH_IP', purpose: 'Kartlegging', disclosedOn: '2025-03-10' },
  CHILD_HEARD: { heardOn: '2025-03-11', how: 'CONVERSATION' },
  COORDINATOR_ACCEPTED: {},
  COORDINATOR_CHANGED: { coordinator: { id: 'c2' }, reason: 'ON_REQUEST' },
  FORM_ANSVARSGRUPPE: { members: [] },
  RECORD_MAPPING: { summary: 'Behov kartlagt' },
  PLAN_APPROVED: {},
  EVALUATION_COMPLETED: { outcome: 'CONTINUE' },
  APPEAL_RECEIVED: { receivedAt: '2025-04-02T09:00:00Z', contestedLines: ['IP'], grounds: 'Uenig' },
  LATE_APPEAL_ASSESSED: { excusable: true, reasons: 'Sykdom' },
  APPEAL_RECONSIDERED: { outcome: 'REVERSED' },
  APPEAL_FORWARDED: { forwardedAt: '2025-04-20T10:00:00Z' },
  STATSFORVALTER_DECIDED: { outcome: 'UPHELD' },
  USER_MOVED: { newMunicipality: '4601', moveDate: '2025-06-01', transferConsent: true },
  CLOSE: { reason: 'GOALS_REACHED' },
};

/** Payload variants that file a different record for the same event. */
export const VARIANTS: [string, Record<string, unknown>][] = [
  ['NOTIFICATION_RECEIVED', { ...EVENT_PAYLOADS.NOTIFICATION_RECEIVED, notifierType: 'HOSPITAL' }],
  ['CONSENT_GIVEN', { grants: [{ scope: 'ESTABLISH_IP', capacity: 'SELF', form: 'ORAL_RECORDED', givenBy: { name: SUBJECT.name } }] }],
  ['APPEAL_RECONSIDERED', { outcome: 'UPHELD' }],
];

const bytesOf = (s: string) => Buffer.from(`%PDF-1.7 ${s}`);

export function entryFor(type: string, payload: Record<string, unknown>): { spec: JournalRecordSpec; entry: JournalpostInput } {
  const spec = journalRecordFor({ type, ...payload });
  if (!spec) throw new Error(`${type} files no record`);
  const parties: PartyInput[] = spec.parties.flatMap(({ role, party }) =>
    PARTIES[party === 'NOTIFIER' && payload.notifierType === 'HOSPITAL' ? 'SERVICE' : party].map((p) => ({ role, ...p })));
  // The internal party that follows the record up: receiver of what comes in, sender of what goes out.
  if (spec.type === 'I') parties.push({ role: 'IM', name: 'Koordinerende enhet', screened: false, isPersonName: false, responsible: true });
  if (spec.type === 'U') parties.push({ role: 'IA', name: 'Sara Saksbehandler', screened: false, isPersonName: true, responsible: true });
  const bytes = bytesOf(spec.record);
  const docId = randomUUID();
  return {
    spec,
    entry: {
      externalKey: `jp/${randomUUID()}`,
      spec,
      title: `${spec.record} - ${SUBJECT.name}`,
      documentDate: '2025-03-04',
      receivedAt: spec.type === 'I' ? '2025-03-04T08:15:00Z' : undefined,
      sentAt: spec.type === 'U' ? '2025-03-05T12:00:00.000Z' : undefined,
      parties,
      document: {
        externalKey: `dok/${docId}`,
        kind: spec.document,
        title: spec.record,
        fileName: `${spec.record.replace(/\//g, '-')}.pdf`,
        fileRef: `dok-${docId}.pdf`,
        mimeType: 'application/pdf',
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
      },
    },
  };
}
