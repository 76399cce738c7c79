// One sample input for every document kind: a case as it stands late in its life, and the event that files each record.
// Synthetic people only.
import type { IpCaseContext, PlanDraft } from '../../../case-machine/src/ip-case.types';
import type { DocumentKind } from '../journal-records';
import type { DocumentInput } from '../documents';

const plan: PlanDraft = {
  goals: [
    { lifeArea: 'Skole', statementInUserWords: 'Jeg vil klare en hel skoledag uten å bli så sliten.' },
    { lifeArea: 'Fritid', statementInUserWords: 'Jeg vil begynne på svømming igjen sammen med venner.' },
  ],
  measures: [
    { description: 'Tilrettelagt timeplan med hvilepauser', responsibleParty: 'Nordby skole', scope: 'Daglig' },
    { description: 'Fysioterapi med fokus på utholdenhet', responsibleParty: 'Fysioterapitjenesten', scope: '1 time per uke' },
    { description: 'Støttekontakt til svømmetrening', responsibleParty: 'Tjenesten for funksjonshemmede', scope: '2 timer per uke' },
  ],
  revisionDate: '2027-03-01',
  userParticipation: 'FULL',
  participants: [
    { party: 'Nordby skole', role: 'Kontaktlærer' },
    { party: 'Fysioterapitjenesten', role: 'Fysioterapeut' },
    { party: 'Foreldre', role: 'Foresatte' },
  ],
  sharedWith: ['Nordby skole', 'Fysioterapitjenesten'],
};

export const sampleContext: Partial<IpCaseContext> = {
  caseId: 'IP-2026-000123',
  municipality: '3207',
  rulesVersion: 2,
  receivedAt: '2026-01-05T09:12:00.000Z',
  birthDate: '2014-05-15',
  expectedChild: false,
  requestedLines: ['IP', 'BARNEKOORDINATOR'],
  subjectAware: 'YES_CONSENTED',
  notifierType: 'SCHOOL_KINDERGARTEN',
  decisions: [
    { line: 'IP', outcome: 'GRANTED', legalBasis: 'pasient- og brukerrettighetsloven § 2-5', reasons: 'Du har behov for langvarige og koordinerte tjenester fra skole, fysioterapi og avlastning.' },
    { line: 'BARNEKOORDINATOR', outcome: 'REJECTED', legalBasis: 'pasient- og brukerrettighetsloven § 2-5 c', reasons: 'Behovet for samordning dekkes av koordinator i planarbeidet; vilkåret om alvorlig sykdom er ikke oppfylt etter opplysningene i saken.' },
  ],
  decidedAt: '2026-01-20T10:00:00.000Z',
  decisionLetter: { sentAt: '2026-01-20T10:00:00.000Z', method: 'DIGITAL_MAILBOX', receivedOn: '2026-01-20' },
  consents: [],
  consentAuthority: 'PARENTS',
  coordinator: { employeeId: 'E-4411', unit: 'Tjenester for barn og familie', line: 'KOORDINATOR', userWishMet: true },
  coordinatorAppointedAt: '2026-02-01T08:00:00.000Z',
  ansvarsgruppe: [],
  planDraft: null,
  plan: { ...plan, version: 1, approvedAt: '2026-03-01T12:00:00.000Z' },
  planVersions: [{ version: 1, approvedAt: '2026-03-01T12:00:00.000Z', userParticipation: 'FULL', goalsInOwnWords: true }],
  evaluations: 1,
  nextEvaluationDate: '2027-03-01',
  appeal: { receivedAt: '2026-02-03T08:00:00.000Z', timely: true, contestedLines: ['BARNEKOORDINATOR'] },
  closure: null,
};

const grants = [
  { scope: 'ESTABLISH_IP', capacity: 'PARENT', form: 'WRITTEN_DIGITAL', informationGiven: true, givenBy: { name: 'Ola Nordmann', relation: 'FATHER' } },
  { scope: 'SHARE_WITH', party: 'Nordby skole', capacity: 'PARENT', form: 'WRITTEN_SIGNED', informationGiven: true, givenBy: { name: 'Kari Nordmann', relation: 'MOTHER' } },
  { scope: 'PARTICIPANT', party: 'Fysioterapitjenesten', capacity: 'PARENT', form: 'WRITTEN_SIGNED', informationGiven: true, givenBy: { name: 'Kari Nordmann', relation: 'MOTHER' } },
];

/** The event (type, payload) that files each kind. */
export const sampleEvents: Record<DocumentKind, { type: string; payload: Record<string, unknown>; title: string }> = {
  NOTIFICATION: { type: 'NOTIFICATION_RECEIVED', title: 'Melding om behov for individuell plan/koordinator', payload: { receivedAt: '2026-01-05T09:12:00.000Z', channel: 'DIGITAL_FORM', notifierType: 'SCHOOL_KINDERGARTEN', requestedLines: ['IP', 'BARNEKOORDINATOR'], subjectAware: 'YES_CONSENTED', birthDate: '2014-05-15', notifier: { type: 'SCHOOL_KINDERGARTEN', name: 'Nordby skole', relation: 'skole', organisationNumber: '974123456' }, needsDescription: 'Eleven har behov for tilrettelegging på skolen og oppfølging fra flere tjenester.' } },
  PRELIMINARY_REPLY: { type: 'SEND_PRELIMINARY_REPLY', title: 'Foreløpig svar', payload: { expectedAnswerBy: '2026-02-15', reason: 'Vi venter på opplysninger fra fysioterapitjenesten.' } },
  DECISION_LETTER: { type: 'RECORD_DECISION', title: 'Vedtak om individuell plan og barnekoordinator', payload: { decisions: sampleContext.decisions, sentAt: '2026-01-20T10:00:00.000Z', appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX' } },
  CONSENT_DECLARATION: { type: 'CONSENT_GIVEN', title: 'Samtykkeerklæring', payload: { grants, parentalResponsibility: 'JOINT' } },
  ORAL_CONSENT_NOTE: { type: 'CONSENT_GIVEN', title: 'Notat om muntlig samtykke', payload: { grants: [{ scope: 'OBTAIN_FROM', party: 'Fastlegen', capacity: 'PARENT', form: 'ORAL_RECORDED', informationGiven: true, givenBy: { name: 'Kari Nordmann', relation: 'MOTHER' }, oral: { recordedBy: 'Eva Koordinator', context: 'Telefonsamtale med mor', epjReference: 'EPJ-2026-7781' } }] } },
  CONSENT_WITHDRAWAL: { type: 'CONSENT_WITHDRAWN', title: 'Melding om tilbaketrekking av samtykke', payload: { withdraw: [{ scope: 'SHARE_WITH', party: 'Nordby skole' }], consequencesExplained: true } },
  SHARING_ENDED_NOTICE: { type: 'SHARING_END_NOTIFIED', title: 'Melding om at deling av opplysninger er stanset', payload: { parties: ['Nordby skole'] } },
  DISCLOSURE_NOTE: { type: 'INFORMATION_DISCLOSED', title: 'Utlevering av opplysninger', payload: { recipient: 'Nordby skole', scope: 'SHARE_WITH', purpose: 'Tilrettelegging av skoledagen', disclosedOn: '2026-03-05' } },
  CHILD_HEARD_NOTE: { type: 'CHILD_HEARD', title: 'Notat om samtale med barnet', payload: { heardOn: '2026-02-10', how: 'CONVERSATION', summary: 'not in the document' } },
  APPOINTMENT_LETTER: { type: 'COORDINATOR_ACCEPTED', title: 'Oppnevning av koordinator', payload: {} },
  ANSVARSGRUPPE_INVITATION: { type: 'FORM_ANSVARSGRUPPE', title: 'Innkalling til ansvarsgruppe', payload: { members: [{ party: 'Nordby skole', role: 'Kontaktlærer' }, { party: 'Fysioterapitjenesten', role: 'Fysioterapeut' }] } },
  MAPPING_NOTE: { type: 'RECORD_MAPPING', title: 'Kartlegging', payload: { summary: 'Kartlagt mål og behov innen skole, fritid og helse. Eksisterende IOP kobles til planen.' } },
  PLAN_VERSION: { type: 'PLAN_APPROVED', title: 'Individuell plan', payload: {} },
  EVALUATION: { type: 'EVALUATION_COMPLETED', title: 'Evaluering av individuell plan', payload: { outcome: 'REVISE', nextEvaluationDate: '2027-09-01', plan: { ...plan, revisionDate: '2027-09-01' } } },
  APPEAL: { type: 'APPEAL_RECEIVED', title: 'Klage', payload: { receivedAt: '2026-02-03T08:00:00.000Z', contestedLines: ['BARNEKOORDINATOR'], grounds: 'Vi mener barnet har rett til barnekoordinator fordi familien har mange tjenester.' } },
  LATE_APPEAL_ASSESSMENT: { type: 'LATE_APPEAL_ASSESSED', title: 'Vurdering av klage etter fristen', payload: { excusable: true, reasons: 'Brevet ble sendt til feil digital postkasse.' } },
  RECONSIDERATION: { type: 'APPEAL_RECONSIDERED', title: 'Vedtak etter klage', payload: { outcome: 'REVERSED', decisions: [{ line: 'BARNEKOORDINATOR', outcome: 'GRANTED', legalBasis: 'pasient- og brukerrettighetsloven § 2-5 c', reasons: 'Nye opplysninger viser behov for barnekoordinator.' }] } },
  APPEAL_FORWARDING: { type: 'APPEAL_FORWARDED', title: 'Oversendelse av klage', payload: { forwardedAt: '2026-02-20T09:00:00.000Z' } },
  STATSFORVALTER_DECISION: { type: 'STATSFORVALTER_DECIDED', title: 'Avgjørelse i klagesak', payload: { outcome: 'UPHELD' } },
  TRANSFER_LETTER: { type: 'USER_MOVED', title: 'Oversendelse', payload: { newMunicipality: 'Bergen kommune', moveDate: '2026-08-01', transferConsent: true } },
  CLOSURE_LETTER: { type: 'CLOSE', title: 'Avslutningsbrev', payload: { reason: 'NEED_ENDED', note: 'Avtalt i siste evalueringsmøte.' } },
};

export const DOCUMENT_KINDS = Object.keys(sampleEvents) as DocumentKind[];

export function sampleInput(kind: DocumentKind, overrides: Partial<DocumentInput> = {}): DocumentInput {
  const e = sampleEvents[kind];
  return {
    kind,
    title: e.title,
    municipality: { number: '3207', name: 'Nordre Follo' },
    caseId: 'IP-2026-000123',
    issuedAt: '2026-03-10T09:30:00.000Z',
    author: { name: 'Eva Saksbehandler', role: 'Saksbehandler, koordinerende enhet' },
    subject: { name: 'Emma Nordmann', nationalId: '15051412345', birthDate: '2014-05-15' },
    event: { type: e.type, payload: e.payload },
    context: sampleContext,
    names: { coordinator: { name: 'Eva Koordinator', unit: 'Tjenester for barn og familie', phone: '64 00 00 00' } },
    ...overrides,
  };
}
