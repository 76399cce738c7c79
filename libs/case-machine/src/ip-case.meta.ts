// What a state declares about itself: its domain status code, legal basis, the task a person must do, and its deadlines.
export type Role = 'KE_CASEWORKER' | 'KE_LEADER' | 'COORDINATOR' | 'AUDITOR' | 'SYSTEM';

export const DEADLINE_KINDS = [
  'ACKNOWLEDGE_RECEIPT',
  'PRELIMINARY_REPLY',
  'DECISION',
  'APPEAL_WINDOW',
  'APPEAL_RECONSIDERATION',
  'COORDINATOR_APPOINTMENT',
  'FIRST_PLAN',
  'EVALUATION',
  'PLANNED_RESUME',
  'COORDINATOR_VACANCY',
  'RECONSENT_AT_16',
  'AGE_18_TRANSITION',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export interface TaskDeclaration {
  kind: string;
  role: Role;
}

/** XState uses one meta type for states and transitions: transitions carry only `legalBasis`. */
export interface StateMeta {
  status?: string;
  legalBasis?: string;
  task?: TaskDeclaration;
  deadlines?: DeadlineKind[];
}
