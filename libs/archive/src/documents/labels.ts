// The Norwegian (bokmål) words a document shows for the machine's codes, and the formatting of dates and identity numbers.
import type {
  Channel, ChildHeardWay, ClosureReason, ConsentCapacity, ConsentForm, ConsentScope, CoordinatorEndReason, DecisionOutcome,
  EvaluationOutcome, LetterMethod, NotifierType, ServiceLine,
} from '../../../case-machine/src/ip-case.types';

/** What a document says where the case or the event lacks a value (older histories, optional fields). */
export const NOT_GIVEN = 'ikke oppgitt';

export const SERVICE_LINE: Record<ServiceLine, string> = {
  IP: 'individuell plan',
  KOORDINATOR: 'koordinator',
  BARNEKOORDINATOR: 'barnekoordinator',
};

export const DECISION_OUTCOME: Record<DecisionOutcome, string> = {
  GRANTED: 'Innvilget',
  PARTLY: 'Delvis innvilget',
  REJECTED: 'Avslått',
  DISMISSED: 'Avvist',
  USER_DECLINED: 'Ikke aktuelt – du har takket nei',
};

export const CONSENT_SCOPE: Record<ConsentScope, string> = {
  ESTABLISH_IP: 'at det utarbeides individuell plan',
  APPOINT_COORD: 'at det oppnevnes koordinator',
  APPOINT_CHILD_COORD: 'at det oppnevnes barnekoordinator',
  SHARE_WITH: 'at taushetsbelagte opplysninger kan deles med',
  OBTAIN_FROM: 'at opplysninger kan innhentes fra',
  PARTICIPANT: 'at denne kan delta i planarbeidet og se planen:',
  DIGITAL_TOOL: 'bruk av digitalt planverktøy, med tilgang for deltakerne i planen',
  NOTIFY_KE: 'at melderen kan gi opplysninger om meg til koordinerende enhet',
};

export const CONSENT_CAPACITY: Record<ConsentCapacity, string> = {
  SELF: 'personen selv',
  PARENT: 'forelder med foreldreansvar',
  CHILD_WELFARE: 'barneverntjenesten',
  GUARDIAN: 'verge',
  REPRESENTATIVE: 'representant med fullmakt',
};

export const CONSENT_FORM: Record<ConsentForm, string> = {
  WRITTEN_SIGNED: 'skriftlig, signert',
  WRITTEN_DIGITAL: 'skriftlig, digitalt',
  ORAL_RECORDED: 'muntlig, dokumentert',
};

export const CLOSURE_REASON: Record<ClosureReason, string> = {
  USER_DECLINED: 'du har takket nei til tjenesten',
  CONSENT_WITHDRAWN: 'samtykket er trukket tilbake',
  NEED_ENDED: 'behovet for individuell plan eller koordinator er ikke lenger til stede',
  MOVED_OUT: 'du har flyttet fra kommunen',
  DIED: 'personen er død',
  CHILD_TURNED_18_CONVERTED: 'retten til barnekoordinator er avsluttet ved fylte 18 år, og saken er videreført som sak om koordinator',
  TRANSFERRED_TO_OTHER_SERVICE: 'oppfølgingen er overført til en annen tjeneste',
  APPEAL_FINAL_REJECTION: 'klagen er endelig avgjort, og vedtaket står ved lag',
  DUPLICATE: 'saken er registrert to ganger (dublett)',
  OTHER: 'annen grunn',
};

export const COORDINATOR_END_REASON: Record<CoordinatorEndReason, string> = {
  LEFT_JOB: 'tidligere koordinator har sluttet',
  LEAVE: 'tidligere koordinator har permisjon',
  USER_REQUEST: 'du har bedt om ny koordinator',
  CONFLICT: 'samarbeidet fungerte ikke',
  AGE_18: 'overgang fra barnekoordinator ved fylte 18 år',
  CASE_CLOSED: 'saken er avsluttet',
  OTHER: 'annen grunn',
};

export const EVALUATION_OUTCOME: Record<EvaluationOutcome, string> = {
  CONTINUE: 'Planen videreføres uendret',
  REVISE: 'Planen revideres (ny versjon)',
  CLOSE: 'Planarbeidet avsluttes',
};

export const NOTIFIER_TYPE: Record<NotifierType, string> = {
  SELF: 'personen selv',
  NEXT_OF_KIN: 'pårørende',
  GUARDIAN: 'verge',
  HEALTH_PERSONNEL: 'helsepersonell',
  MUNICIPAL_SERVICE: 'kommunal tjeneste',
  HOSPITAL: 'sykehus/spesialisthelsetjenesten',
  NAV: 'NAV',
  SCHOOL_KINDERGARTEN: 'skole/barnehage',
  CHILD_WELFARE: 'barneverntjenesten',
  OTHER: 'annen melder',
};

export const CHANNEL: Record<Channel, string> = {
  DIGITAL_FORM: 'digitalt skjema',
  LETTER: 'brev',
  EMAIL_SECURE: 'sikker e-post',
  PHONE: 'telefon',
  MEETING: 'møte',
  ELECTRONIC_MESSAGE: 'elektronisk melding',
};

export const LETTER_METHOD: Record<LetterMethod, string> = {
  DIGITAL_MAILBOX: 'digital postkasse',
  POST: 'post',
  HANDED_OVER: 'levert personlig',
};

export const CHILD_HEARD_WAY: Record<ChildHeardWay, string> = {
  CONVERSATION: 'samtale med barnet',
  IN_WRITING: 'skriftlig',
  THROUGH_REPRESENTATIVE: 'gjennom en representant',
};

export const USER_PARTICIPATION: Record<string, string> = {
  FULL: 'Deltok fullt i utarbeidelsen',
  PARTLY: 'Deltok delvis',
  REPRESENTED: 'Representert av foreldre/verge/representant',
  DECLINED: 'Ønsket ikke å delta',
};

export const APPEAL_OUTCOME: Record<string, string> = {
  UPHELD: 'Vedtaket opprettholdes',
  REVERSED: 'Vedtaket endres',
  RETURNED: 'Saken sendes tilbake for ny behandling',
};

/** The label for a code, the code itself when the table lacks it, NOT_GIVEN when there is none. */
export function label(table: Record<string, string>, code: unknown): string {
  if (typeof code !== 'string' || code === '') return NOT_GIVEN;
  return table[code] ?? code;
}

/** A text value, or NOT_GIVEN. */
export function text(value: unknown): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return NOT_GIVEN;
}

/** An array value, or none (a missing or malformed field lists nothing rather than crashing). */
export function list<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

const osloDate = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', day: '2-digit', month: '2-digit', year: 'numeric' });

/** dd.mm.åååå for a civil date (YYYY-MM-DD) or, in Europe/Oslo, for an instant; NOT_GIVEN otherwise. */
export function date(value: unknown): string {
  if (typeof value !== 'string' || value === '') return NOT_GIVEN;
  const civil = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (civil) return `${civil[3]}.${civil[2]}.${civil[1]}`;
  const t = Date.parse(value);
  return Number.isNaN(t) ? NOT_GIVEN : osloDate.format(new Date(t));
}

/** Fødselsnummer/D-nummer as the 6 + 5 digits caseworkers read; anything else as given. */
export function nationalId(value: string): string {
  return /^\d{11}$/.test(value) ? `${value.slice(0, 6)} ${value.slice(6)}` : value;
}

/** "individuell plan og koordinator" from the service lines. */
export function lines(values: unknown): string {
  const names = list<string>(values).map((l) => label(SERVICE_LINE, l));
  if (names.length === 0) return NOT_GIVEN;
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} og ${names[names.length - 1]}`;
}

export const SUBJECT_AWARENESS: Record<string, string> = {
  YES_CONSENTED: 'ja, og har samtykket til meldingen',
  YES_NOT_CONSENTED: 'ja, men har ikke samtykket',
  NO: 'nei',
  UNKNOWN: 'ukjent',
};

/** ConsentGrantor.relation codes (they tell two parents apart). */
export const RELATION: Record<string, string> = {
  MOTHER: 'mor',
  FATHER: 'far',
  PARENT: 'forelder',
  GUARDIAN: 'verge',
  FOSTER_PARENT: 'fosterforelder',
  SELF: 'personen selv',
};

/** Ja/Nei for a flag, NOT_GIVEN when absent. */
export function yesNo(value: unknown): string {
  return value === true ? 'Ja' : value === false ? 'Nei' : NOT_GIVEN;
}
