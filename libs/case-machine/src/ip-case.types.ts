// Domain vocabulary of an IP case (../shared/domain/ip-case-process.md, sections 2, 3 and 7).
// Identity (name, fødselsnummer) is deliberately absent: it lives only in PostgreSQL.

export const SERVICE_LINES = ['IP', 'KOORDINATOR', 'BARNEKOORDINATOR'] as const;
export type ServiceLine = (typeof SERVICE_LINES)[number];

export const DECISION_OUTCOMES = ['GRANTED', 'PARTLY', 'REJECTED', 'DISMISSED', 'USER_DECLINED'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const CLOSURE_REASONS = [
  'USER_DECLINED',
  'CONSENT_WITHDRAWN',
  'NEED_ENDED',
  'MOVED_OUT',
  'DIED',
  'CHILD_TURNED_18_CONVERTED',
  'TRANSFERRED_TO_OTHER_SERVICE',
  'APPEAL_FINAL_REJECTION',
  'DUPLICATE',
  'OTHER',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** Reasons a caseworker may close with directly; the others follow from their own events. */
export const MANUAL_CLOSURE_REASONS: readonly ClosureReason[] = [
  'USER_DECLINED',
  'NEED_ENDED',
  'TRANSFERRED_TO_OTHER_SERVICE',
  'DUPLICATE',
  'OTHER',
  'CHILD_TURNED_18_CONVERTED',
  'APPEAL_FINAL_REJECTION',
];

export const CONSENT_SCOPES = [
  'ESTABLISH_IP',
  'APPOINT_COORD',
  'APPOINT_CHILD_COORD',
  'SHARE_WITH',
  'OBTAIN_FROM',
  'PARTICIPANT',
  'DIGITAL_TOOL',
  'NOTIFY_KE',
] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];
/** Scopes that name a party (a service or role, never an individual employee). */
export const PARTY_SCOPES: readonly ConsentScope[] = ['SHARE_WITH', 'OBTAIN_FROM', 'PARTICIPANT'];
/** Scopes a disclosure to a party can rest on (domain 3.2): sharing with it, or its part in the plan (hpl § 22). */
export const DISCLOSURE_SCOPES = ['SHARE_WITH', 'PARTICIPANT'] as const satisfies readonly ConsentScope[];

export const CONSENT_CAPACITIES = ['SELF', 'PARENT', 'CHILD_WELFARE', 'GUARDIAN', 'REPRESENTATIVE'] as const;
export type ConsentCapacity = (typeof CONSENT_CAPACITIES)[number];
export const CONSENT_FORMS = ['WRITTEN_SIGNED', 'WRITTEN_DIGITAL', 'ORAL_RECORDED'] as const;
export type ConsentForm = (typeof CONSENT_FORMS)[number];

export const NOTIFIER_TYPES = [
  'SELF',
  'NEXT_OF_KIN',
  'GUARDIAN',
  'HEALTH_PERSONNEL',
  'MUNICIPAL_SERVICE',
  'HOSPITAL',
  'NAV',
  'SCHOOL_KINDERGARTEN',
  'CHILD_WELFARE',
  'OTHER',
] as const;
export type NotifierType = (typeof NOTIFIER_TYPES)[number];
export const CHANNELS = ['DIGITAL_FORM', 'LETTER', 'EMAIL_SECURE', 'PHONE', 'MEETING', 'ELECTRONIC_MESSAGE'] as const;
export type Channel = (typeof CHANNELS)[number];
export const SUBJECT_AWARENESS = ['YES_CONSENTED', 'YES_NOT_CONSENTED', 'NO', 'UNKNOWN'] as const;
export type SubjectAwareness = (typeof SUBJECT_AWARENESS)[number];

export const COORDINATOR_END_REASONS = ['LEFT_JOB', 'LEAVE', 'USER_REQUEST', 'CONFLICT', 'AGE_18', 'CASE_CLOSED', 'OTHER'] as const;
export type CoordinatorEndReason = (typeof COORDINATOR_END_REASONS)[number];

export const EVALUATION_OUTCOMES = ['CONTINUE', 'REVISE', 'CLOSE'] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];

/** ISO 8601 instant, e.g. 2026-11-22T10:00:00.000Z. */
export type Instant = string;
/** Civil date in Europe/Oslo, YYYY-MM-DD. */
export type CivilDate = string;

export interface LineDecision {
  line: ServiceLine;
  outcome: DecisionOutcome;
  reasons?: string;
  legalBasis: string;
}

/** What the person was told before consenting (domain 3.2, Tynset's list): every item must be given. */
export const INFORMATION_ITEMS = ['purpose', 'information', 'recipients', 'sources', 'processor', 'voluntaryAndWithdrawable', 'form'] as const;
export type InformationItem = (typeof INFORMATION_ITEMS)[number];
export type InformationChecklist = Record<InformationItem, boolean>;

/** Who gave a consent: the person, or a parent (each separately), guardian, child welfare service or representative. */
export interface ConsentGrantor {
  name: string;
  /** e.g. MOTHER, FATHER, GUARDIAN; tells two parents apart. */
  relation?: string;
}

/** A spoken consent is valid when recorded: by whom, in what setting, where in the EPJ (domain 3.3). */
export interface OralConsentRecord {
  recordedBy: string;
  context: string;
  epjReference: string;
}

export interface ConsentGrantInput {
  scope: ConsentScope;
  party?: string;
  capacity: ConsentCapacity;
  form: ConsentForm;
  /** The information checklist (domain 3.2); `true` in histories from before the checklist existed. */
  informationGiven: boolean | InformationChecklist;
  /** Required by the current rules (rulesVersion 2); absent in older histories. */
  givenBy?: ConsentGrantor;
  oral?: OralConsentRecord;
}

export interface ConsentRecord extends ConsentGrantInput {
  status: 'ACTIVE' | 'WITHDRAWN';
  validFrom: Instant;
  withdrawnAt?: Instant;
}

export const PARENTAL_RESPONSIBILITY = ['JOINT', 'SOLE'] as const;
export type ParentalResponsibility = (typeof PARENTAL_RESPONSIBILITY)[number];

/** How the decision letter went out; the appeal window runs from when the person received it (pbrl § 7-5). */
export const LETTER_METHODS = ['DIGITAL_MAILBOX', 'POST', 'HANDED_OVER'] as const;
export type LetterMethod = (typeof LETTER_METHODS)[number];

export interface ConsentRef {
  scope: ConsentScope;
  party?: string;
}

export interface CoordinatorRef {
  /** Employee reference in the municipality's HR/IAM, not a national identity number. */
  employeeId: string;
  unit: string;
  line: 'KOORDINATOR' | 'BARNEKOORDINATOR';
  userWishMet: boolean;
}

export interface AnsvarsgruppeMember {
  party: string;
  role: string;
  active: boolean;
  /** When the member left (consent withdrawn, or not in a re-formed group). */
  leftAt?: Instant;
}

/** A party whose consent ended: sharing with it stopped at `at`; the coordinator tells the parties (domain S14). */
export interface SharingEnded {
  party: string;
  scope: ConsentScope;
  at: Instant;
  notifiedAt?: Instant;
}

export interface PlanGoal {
  lifeArea: string;
  statementInUserWords: string;
}
export interface PlanMeasure {
  description: string;
  responsibleParty: string;
  scope: string;
}
export interface PlanParticipant {
  party: string;
  role: string;
}
export interface PlanDraft {
  goals: PlanGoal[];
  measures: PlanMeasure[];
  revisionDate: CivilDate;
  userParticipation: 'FULL' | 'PARTLY' | 'REPRESENTED' | 'DECLINED';
  /** Parties that take part in the plan (PARTICIPANT:<party> consent each). */
  participants?: PlanParticipant[];
  /** Parties the plan is shared with (SHARE_WITH:<party> consent each). */
  sharedWith?: string[];
}
export interface Plan extends PlanDraft {
  version: number;
  approvedAt: Instant;
}
/** What internal control reads of each approved plan version (K12, pbrl § 3-1): how the person took part. */
export interface PlanVersionRecord {
  version: number;
  approvedAt: Instant;
  userParticipation: PlanDraft['userParticipation'];
  /** Every goal is stated in the person's own words. */
  goalsInOwnWords: boolean;
}

/** Confidential information given to a named service or party (hpl § 22): recorded only under an active matching consent. */
export interface DisclosureRecord {
  recipient: string;
  /** The consent scope it rests on, for `recipient` as its party (SHARE_WITH or PARTICIPANT). */
  scope: ConsentScope;
  purpose: string;
  disclosedOn: CivilDate;
  at: Instant;
  consentActive: true;
}

/** How a child was heard (pbrl § 4-4, barnekonvensjonen art. 12). */
export const CHILD_HEARD_WAYS = ['CONVERSATION', 'IN_WRITING', 'THROUGH_REPRESENTATIVE'] as const;
export type ChildHeardWay = (typeof CHILD_HEARD_WAYS)[number];
/** The child was heard; what the child said stays in the case history, not here. */
export interface ChildHeardRecord {
  heardOn: CivilDate;
  how: ChildHeardWay;
  at: Instant;
}

export interface AppealRecord {
  receivedAt: Instant;
  timely: boolean;
  /** Days after the appeal window's last day (current rules); 0 when in time. */
  daysLate?: number;
  /** A late appeal waits for the assessment of whether the lateness is excusable (pbrl § 7-7, fvl § 31). */
  lateness?: 'PENDING' | 'EXCUSED' | 'NOT_EXCUSED';
  latenessReasons?: string;
  contestedLines: ServiceLine[];
  reconsideration?: 'REVERSED' | 'UPHELD';
  forwardedAt?: Instant;
  statsforvalterOutcome?: 'UPHELD' | 'REVERSED' | 'RETURNED';
}

export interface DeadlineMark {
  remindedAt?: Instant;
  breachedAt?: Instant;
  escalationAcknowledgedAt?: Instant;
}

export interface IpCaseInput {
  caseId: string;
  municipality: string;
  /** The rule set the case runs by (see CURRENT_RULES_VERSION); absent for cases started before versions existed. */
  rulesVersion?: number;
}

/**
 * Rules that changed what an existing case would accept, or which timers it arms, apply to cases started under them:
 * 1 = before the consent, coordinator-only and appeal-window rules of issue 8; 2 = current.
 */
export const CURRENT_RULES_VERSION = 2;

export interface DecisionLetter {
  sentAt: Instant;
  method: LetterMethod;
  /** When the person is taken to have received it: the appeal window runs from this date. */
  receivedOn: CivilDate;
}

export interface IpCaseContext {
  caseId: string;
  municipality: string;
  /** 1 for cases (and persisted snapshots) from before rule versions; see CURRENT_RULES_VERSION. */
  rulesVersion?: number;
  receivedAt: Instant | null;
  /** Birth date of the subject (from Folkeregisteret or the identity number), drives TURNS_16/18. */
  birthDate: CivilDate | null;
  expectedChild: boolean;
  requestedLines: ServiceLine[];
  subjectAware: SubjectAwareness | null;
  notifierType: NotifierType | null;
  registeredAt: Instant | null;
  preliminaryReplySentAt: Instant | null;
  decisions: LineDecision[];
  decidedAt: Instant | null;
  decisionLetter?: DecisionLetter | null;
  consents: ConsentRecord[];
  /** Under 16: whether the parents have joint parental responsibility (both consent, pbrl § 4-4). */
  parentalResponsibility?: ParentalResponsibility | null;
  consentDeclinedAt: Instant | null;
  /** Who consents for the subject now: the person from 16 (pbrl § 4-3), parents below. */
  consentAuthority: 'SELF' | 'PARENTS';
  reconsentRequired: boolean;
  proposedCoordinator: CoordinatorRef | null;
  coordinator: CoordinatorRef | null;
  coordinatorAppointedAt: Instant | null;
  coordinatorVacantSince: Instant | null;
  coordinatorChanges: number;
  mappingRecordedAt: Instant | null;
  ansvarsgruppe: AnsvarsgruppeMember[];
  sharingEnded?: SharingEnded[];
  planDraft: PlanDraft | null;
  plan: Plan | null;
  /** Each approved plan version, appended on approval; absent in cases from before it was kept. */
  planVersions?: PlanVersionRecord[];
  planFrozen: boolean;
  nextEvaluationDate: CivilDate | null;
  evaluations: number;
  pause: { since: Instant; plannedResumeDate: CivilDate; reason: string } | null;
  appeal: AppealRecord | null;
  turned16At: Instant | null;
  turned18At: Instant | null;
  childCoordinatorEnded: boolean;
  deadlineMarks: Record<string, DeadlineMark>;
  movedTo: string | null;
  closure: { reason: ClosureReason; at: Instant } | null;
  /** Disclosures of information to named parties (K7); absent in cases from before they were recorded. */
  disclosures?: DisclosureRecord[];
  /** When the child was heard (K13); absent in cases from before it was recorded. */
  childHeard?: ChildHeardRecord[];
}
