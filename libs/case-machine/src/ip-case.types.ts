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

export interface ConsentGrantInput {
  scope: ConsentScope;
  party?: string;
  capacity: ConsentCapacity;
  form: ConsentForm;
  /** All seven items of the information checklist (domain 3.2) were given. */
  informationGiven: boolean;
}

export interface ConsentRecord extends ConsentGrantInput {
  status: 'ACTIVE' | 'WITHDRAWN';
  validFrom: Instant;
  withdrawnAt?: Instant;
}

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
export interface PlanDraft {
  goals: PlanGoal[];
  measures: PlanMeasure[];
  revisionDate: CivilDate;
  userParticipation: 'FULL' | 'PARTLY' | 'REPRESENTED' | 'DECLINED';
}
export interface Plan extends PlanDraft {
  version: number;
  approvedAt: Instant;
}

export interface AppealRecord {
  receivedAt: Instant;
  timely: boolean;
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
}

export interface IpCaseContext {
  caseId: string;
  municipality: string;
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
  consents: ConsentRecord[];
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
  planDraft: PlanDraft | null;
  plan: Plan | null;
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
}
