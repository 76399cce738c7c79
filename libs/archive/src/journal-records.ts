// Which of a case's transitions become records in the municipal archive (domain § 6.3), and as what: the journal entry's
// type (Noark 5 journalposttype I/U/N/X), its public title (never a name, identity number or diagnosis: § 6.3's rule
// for offentligTittel), the correspondence parties by role, the screening (skjerming, § 6.4) and the document filed.
// The one mapping from the machine's events to archive records (issue 11); pure, so the outbox, the PDF renderer and
// the arkivmelding builder all read it from here. Transitions that are no record say why, in NOT_A_RECORD.
import type { CommandEventType, IpCaseEvent, TimerEventType } from '../../case-machine/src/ip-case.events';
import type { NotifierType } from '../../case-machine/src/ip-case.types';

/** Noark 5 journalposttype: inngående, utgående, organinternt for oppfølging, organinternt uten oppfølging. */
export type JournalpostType = 'I' | 'U' | 'N' | 'X';

/** Noark 5 korrespondanseparttype: avsender, mottaker, kopimottaker, intern avsender/mottaker. */
export type CorrespondentRole = 'EA' | 'EM' | 'EK' | 'IA' | 'IM';

/** Who a party is, resolved from the case when the message is built (the names never reach a public title). */
export type PartyKind = 'NOTIFIER' | 'USER' | 'SERVICE' | 'STATSFORVALTER' | 'RECEIVING_KE' | 'ANSVARSGRUPPE' | 'SHARING_PARTIES' | 'COORDINATOR';

/**
 * Screening (skjermingMetadata, § 6.4): TR1/TRO the title, NA/NM the sender's/recipient's name, H the whole
 * document. The case folder's class id (KID) and party name (NPS) are screened on the folder, not per entry.
 */
export type ScreeningCode = 'TR1' | 'NA' | 'NM' | 'H';

/** The document each record files (a PDF rendered from the case; issue 11). */
export type DocumentKind =
  | 'NOTIFICATION' | 'PRELIMINARY_REPLY' | 'DECISION_LETTER' | 'CONSENT_DECLARATION' | 'ORAL_CONSENT_NOTE' | 'CONSENT_WITHDRAWAL'
  | 'SHARING_ENDED_NOTICE' | 'DISCLOSURE_NOTE' | 'CHILD_HEARD_NOTE' | 'APPOINTMENT_LETTER' | 'ANSVARSGRUPPE_INVITATION' | 'MAPPING_NOTE'
  | 'PLAN_VERSION' | 'EVALUATION' | 'APPEAL' | 'LATE_APPEAL_ASSESSMENT' | 'RECONSIDERATION' | 'APPEAL_FORWARDING' | 'STATSFORVALTER_DECISION'
  | 'TRANSFER_LETTER' | 'CLOSURE_LETTER';

export interface JournalRecordSpec {
  /** The record as § 6.3 names it (Norwegian, as the archive shows it). */
  record: string;
  type: JournalpostType;
  /** The public title (offentligTittel): what the record is, nothing about whom. */
  publicTitle: string;
  parties: { role: CorrespondentRole; party: PartyKind }[];
  screening: ScreeningCode[];
  document: DocumentKind;
}

type EventOf<T extends string> = Extract<IpCaseEvent, { type: T }>;
type Mapper = { [T in CommandEventType | TimerEventType]?: (e: EventOf<T>) => JournalRecordSpec | null };

const spec = (record: string, type: JournalpostType, publicTitle: string, document: DocumentKind, screening: ScreeningCode[], parties: JournalRecordSpec['parties'] = []): JournalRecordSpec =>
  ({ record, type, publicTitle, parties, screening, document });

/** Notifiers who are private persons (domain § 6.3: the sender's name is screened, NA). */
const PRIVATE_NOTIFIERS: NotifierType[] = ['SELF', 'NEXT_OF_KIN', 'GUARDIAN', 'OTHER'];

const MAPPING: Mapper = {
  NOTIFICATION_RECEIVED: (e) =>
    spec('Melding om behov for individuell plan/koordinator', 'I', 'Melding om behov for individuell plan/koordinator', 'NOTIFICATION',
      // A private person's name as sender is screened too (NA); a service's is not. OTHER may be a person: screened.
      PRIVATE_NOTIFIERS.includes(e.notifierType) ? ['TR1', 'NA'] : ['TR1'], [{ role: 'EA', party: 'NOTIFIER' }]),
  SEND_PRELIMINARY_REPLY: () => spec('Foreløpig svar', 'U', 'Foreløpig svar', 'PRELIMINARY_REPLY', ['NM'], [{ role: 'EM', party: 'USER' }]),
  RECORD_DECISION: () => spec('Vedtak/avgjørelse', 'U', 'Vedtak om individuell plan/koordinator', 'DECISION_LETTER', ['NM', 'H'], [{ role: 'EM', party: 'USER' }]),
  // A signed or digital declaration comes in from the user; an oral consent is the KE's own note of it.
  CONSENT_GIVEN: (e) =>
    e.grants.every((g) => g.form === 'ORAL_RECORDED')
      ? spec('Notat om muntlig samtykke', 'X', 'Notat om samtykke', 'ORAL_CONSENT_NOTE', ['H'])
      : spec('Samtykkeerklæring', 'I', 'Samtykkeerklæring', 'CONSENT_DECLARATION', ['H'], [{ role: 'EA', party: 'USER' }]),
  CONSENT_CHANGED: () => spec('Samtykkeerklæring (endret)', 'I', 'Samtykkeerklæring', 'CONSENT_DECLARATION', ['H'], [{ role: 'EA', party: 'USER' }]),
  CONSENT_WITHDRAWN: () => spec('Melding om tilbaketrekking av samtykke', 'I', 'Tilbaketrekking av samtykke', 'CONSENT_WITHDRAWAL', ['H'], [{ role: 'EA', party: 'USER' }]),
  SHARING_END_NOTIFIED: () => spec('Melding om at deling av opplysninger er stanset', 'U', 'Melding om stans i deling av opplysninger', 'SHARING_ENDED_NOTICE', ['NM'], [{ role: 'EM', party: 'SHARING_PARTIES' }]),
  INFORMATION_DISCLOSED: () => spec('Utlevering av opplysninger', 'U', 'Utlevering av opplysninger', 'DISCLOSURE_NOTE', ['H'], [{ role: 'EM', party: 'SERVICE' }]),
  CHILD_HEARD: () => spec('Notat om samtale med barnet', 'X', 'Notat', 'CHILD_HEARD_NOTE', ['H']),
  COORDINATOR_ACCEPTED: () =>
    spec('Oppnevning av koordinator', 'U', 'Oppnevning av koordinator', 'APPOINTMENT_LETTER', ['NM'], [{ role: 'EM', party: 'USER' }, { role: 'IM', party: 'COORDINATOR' }]),
  COORDINATOR_CHANGED: () =>
    spec('Ny oppnevning av koordinator', 'U', 'Oppnevning av koordinator', 'APPOINTMENT_LETTER', ['NM'], [{ role: 'EM', party: 'USER' }, { role: 'IM', party: 'COORDINATOR' }]),
  FORM_ANSVARSGRUPPE: () => spec('Innkalling til ansvarsgruppe', 'U', 'Innkalling til ansvarsgruppe', 'ANSVARSGRUPPE_INVITATION', ['NM'], [{ role: 'EM', party: 'ANSVARSGRUPPE' }]),
  RECORD_MAPPING: () => spec('Kartlegging', 'X', 'Kartlegging', 'MAPPING_NOTE', ['H']),
  PLAN_APPROVED: () => spec('Individuell plan', 'X', 'Individuell plan', 'PLAN_VERSION', ['H']),
  // An evaluation that revises the plan files the new version with it.
  EVALUATION_COMPLETED: () => spec('Evaluering', 'X', 'Evaluering av individuell plan', 'EVALUATION', ['H']),
  APPEAL_RECEIVED: () => spec('Klage', 'I', 'Klage på vedtak', 'APPEAL', ['NM', 'H'], [{ role: 'EA', party: 'USER' }]),
  LATE_APPEAL_ASSESSED: () => spec('Vurdering av klage etter fristen', 'X', 'Vurdering av klage', 'LATE_APPEAL_ASSESSMENT', ['H']),
  // Reversed: a new decision to the user; upheld: the KE's assessment before it forwards the appeal.
  APPEAL_RECONSIDERED: (e) =>
    e.outcome === 'REVERSED'
      ? spec('Vedtak etter klage', 'U', 'Vedtak etter klage', 'RECONSIDERATION', ['NM', 'H'], [{ role: 'EM', party: 'USER' }])
      : spec('Vurdering av klage', 'X', 'Vurdering av klage', 'RECONSIDERATION', ['H']),
  APPEAL_FORWARDED: () =>
    spec('Oversendelse av klage', 'U', 'Oversendelse av klage til Statsforvalteren', 'APPEAL_FORWARDING', ['H'],
      [{ role: 'EM', party: 'STATSFORVALTER' }, { role: 'EK', party: 'USER' }]),
  STATSFORVALTER_DECIDED: () => spec('Avgjørelse i klagesak', 'I', 'Avgjørelse i klagesak', 'STATSFORVALTER_DECISION', ['H'], [{ role: 'EA', party: 'STATSFORVALTER' }]),
  // Only with the user's consent does the case go to the new municipality's KE (otherwise the move closes it).
  USER_MOVED: (e) =>
    e.transferConsent ? spec('Oversendelse', 'U', 'Oversendelse av sak', 'TRANSFER_LETTER', ['H'], [{ role: 'EM', party: 'RECEIVING_KE' }]) : null,
  CLOSE: () => spec('Avslutningsbrev', 'U', 'Avslutning av sak', 'CLOSURE_LETTER', ['NM'], [{ role: 'EM', party: 'USER' }]),
};

/** Why a transition files nothing: it is case work the folder's other records and the audit trail already show. */
export const NOT_A_RECORD: Partial<Record<CommandEventType | TimerEventType, string>> = {
  REGISTER: 'registration is the folder itself (opened with the notification)',
  START_ASSESSMENT: 'a change of status; the assessment is filed as the decision',
  CONSENT_DECLINED: 'nothing was given; the decision or closure letter says what followed',
  PROPOSE_COORDINATOR: 'a proposal; the appointment letter is filed when the coordinator accepts',
  COORDINATOR_DECLINED: 'the proposed coordinator declined; no appointment was made',
  COORDINATOR_ENDED: 'the end is filed with the next appointment or the closure letter',
  START_MAPPING: 'a change of status; the mapping is filed when recorded',
  START_FOLLOW_UP: 'a change of status',
  MAPPING_COMPLETED: 'a change of status; the mapping note is already filed',
  SUBMIT_PLAN_DRAFT: 'a draft; the plan is filed when approved',
  START_EVALUATION: 'a change of status; the evaluation is filed when completed',
  PAUSE: 'a pause of the case work, not a document',
  RESUME: 'the end of a pause, not a document',
  USER_DIED: 'a Folkeregister event; the closure letter (or note) is filed with the closure',
  CONVERT_TO_COORDINATOR: 'a change of service line, filed with the decision that grants it',
  ACKNOWLEDGE_ESCALATION: 'internal follow-up of a deadline, in the audit trail',
  TURNS_16: 'an age transition raised by the case itself, in the audit trail',
  TURNS_18: 'an age transition raised by the case itself, in the audit trail',
  DEADLINE_REMINDER: 'a reminder raised by the case itself, in the audit trail',
  DEADLINE_BREACHED: 'a breach raised by the case itself, in the audit trail',
};

/** The Noark 5 avskrivningsmåter the engine uses: besvart med brev, tatt til orientering. */
type AvskrivningMethod = 'BU' | 'TO';

/**
 * Which incoming record an outgoing one answers (avskrivning, README § 2.1): the decision answers the notification, the
 * KE's new decision or its forwarding answers the appeal. Every incoming record still open when the case closes is
 * avskrevet "tatt til orientering" (TO) before the folder closes, so the archive is left with no restanser.
 */
export const ANSWERS: Partial<Record<CommandEventType | TimerEventType, { answers: (CommandEventType | TimerEventType)[]; method: AvskrivningMethod }>> = {
  RECORD_DECISION: { answers: ['NOTIFICATION_RECEIVED'], method: 'BU' },
  APPEAL_RECONSIDERED: { answers: ['APPEAL_RECEIVED'], method: 'BU' },
  APPEAL_FORWARDED: { answers: ['APPEAL_RECEIVED'], method: 'BU' },
};
export const CLOSING_AVSKRIVNING: AvskrivningMethod = 'TO';

/** The journal entry a transition files, or null when it files none (NOT_A_RECORD says why; USER_MOVED without consent). */
export function journalRecordFor(event: { type: string } & Record<string, unknown>): JournalRecordSpec | null {
  const map = MAPPING[event.type as keyof Mapper] as ((e: unknown) => JournalRecordSpec | null) | undefined;
  return map ? map(event) : null;
}

/** The events the mapping files a record for (some depending on their payload). */
export const RECORDED_EVENTS = Object.keys(MAPPING) as (CommandEventType | TimerEventType)[];
