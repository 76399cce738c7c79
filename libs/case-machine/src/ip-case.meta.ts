import type { CommandEventType } from './ip-case.events';

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

/** Questions about the case's data that decide which of a state's tasks is open (answered in ip-case.tasks.ts). */
export type TaskCondition =
  | 'awaitsAppointmentConsent'
  | 'hasAppointmentConsent'
  | 'planWorkAllowed'
  | 'coordinatorOnly'
  | 'awaitsPlanDraft'
  | 'hasPlanDraft'
  | 'appealLatenessPending'
  | 'appealReadyForReconsideration';

export interface TaskDeclaration {
  kind: string;
  /** The role whose inbox the task lands in. */
  role: Role;
  /** The command that completes the task (POST /tasks/:id/complete sends it with the task's payload). */
  completes: CommandEventType;
  /** Other commands that complete the task too (e.g. the proposed coordinator accepts or declines). */
  alsoCompletedBy?: CommandEventType[];
  when?: TaskCondition;
  /** Pre-assigned to the person the case names, e.g. the proposed coordinator accepts their own appointment. */
  assignTo?: 'coordinator' | 'proposedCoordinator';
}

/** XState uses one meta type for states and transitions: transitions carry only `legalBasis`. */
export interface StateMeta {
  status?: string;
  legalBasis?: string;
  tasks?: TaskDeclaration[];
  deadlines?: DeadlineKind[];
}
