// The activities a case workflow calls, as types only (the workflow bundle holds no I/O).
import type { AssignedTask, BlockedEvent, MunicipalitySettings, OpenDeadline, ScheduledTransition } from '../../case-machine/src';
import type { Actor, CommandOrigin, SubjectIdentity } from './ip-case.messages';

export interface TransitionRecord {
  caseId: string;
  municipality: string;
  seq: number;
  eventType: string;
  payload: Record<string, unknown>;
  actor: Actor;
  at: string;
  legalBasis: string | null;
  fromStatus: string;
  toStatus: string;
  stateValue: unknown;
  allowedEvents: string[];
  /** Absent in records from before blocked events were projected. */
  blockedEvents?: BlockedEvent[];
  scheduled?: ScheduledTransition[];
  context: Record<string, unknown>;
  closed: boolean;
  deadlines: OpenDeadline[];
  tasks: AssignedTask[];
  /** The task this transition completes, if it was sent as a task completion. */
  completedTaskKey?: string;
  /** The scheduled transition (its key) whose timer raised this event. */
  firedKey?: string;
  subject?: SubjectIdentity;
  /** The request and purpose behind it (absent in records from before the audit trail). */
  origin?: CommandOrigin;
}

/** A command the case accepted that PostgreSQL refused for good: what failed, never the values. */
export interface IncidentRecord {
  incidentId: string;
  caseId: string;
  municipality: string;
  eventType: string;
  actor: Actor;
  sqlState: string;
  constraint: string | null;
  at: string;
}

/** The failure type of a projection PostgreSQL refuses for good (SQLSTATE 22, 23): retrying cannot fix it. */
export const PROJECTION_REJECTED = 'ProjectionRejected';

export interface CaseActivities {
  /** Records an incident on the case (idempotent by its id). */
  openIncident(incident: IncidentRecord): Promise<void>;
  resolveIncident(r: { incidentId: string; actor: Actor; resolution: string; at: string }): Promise<void>;
  /** One PostgreSQL transaction keyed by (case id, seq): read model, open tasks, deadlines, history. */
  projectTransition(record: TransitionRecord): Promise<{ applied: boolean }>;
  loadMunicipalitySettings(municipality: string): Promise<MunicipalitySettings>;
}
