// Messages between the API and a case workflow: one definition, imported by both sides.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { AssignedTask, AssignmentTable, BlockedEvent, FrozenDeadlines, IpCaseCommand, OpenDeadline, Role, ScheduledTransition, TaskAction } from '../../case-machine/src';
import type { IpCaseContext } from '../../case-machine/src/ip-case.types';

export const TASK_QUEUE = 'ip-case';

/** Workflow ids carry the case id only: never a name or a national identity number. */
export const workflowIdForCase = (caseId: string) => `ip-case-${caseId}`;

export interface Actor {
  sub: string;
  name: string;
  role: Role;
  /** The municipalities the person's token named (the audit trail says where they acted from). */
  municipalities?: string[];
}

/** Where a command came from, for the audit trail: the API request and why the person acted (never personal data). */
export interface CommandOrigin {
  requestId?: string;
  purpose?: string;
}

/** The purpose the audit trail gives a transition the case's own timer raised (reminder, breach, birthday). */
export const AUTOMATIC_PURPOSE = 'AUTOMATIC: raised by the case\'s own timer';

export const SYSTEM_ACTOR: Actor = { sub: 'system:case-workflow', name: 'Case workflow timer', role: 'SYSTEM' };

/** Identity of the person the notification concerns; stored in PostgreSQL only. */
export interface SubjectIdentity {
  nationalId: string;
  idType: string;
  name: string;
  birthDate: string | null;
}

export interface CaseCommand {
  event: IpCaseCommand;
  actor: Actor;
  /** Only with NOTIFICATION_RECEIVED. */
  subject?: SubjectIdentity;
  /** When the command completes a task: the task, and the version the sender saw (If-Match). */
  task?: { key: string; expectedVersion?: number };
  /** The case version (seq) the sender saw (If-Match on the case): refused if the case changed since. */
  expectedSeq?: number;
  origin?: CommandOrigin;
}

export interface TaskCommand {
  action: TaskAction;
  taskKey: string;
  actor: Actor;
  assignee?: string;
  expectedVersion?: number;
  origin?: CommandOrigin;
}

export interface CaseView {
  caseId: string;
  municipality: string;
  status: string;
  stateValue: unknown;
  seq: number;
  allowedEvents: string[];
  blockedEvents: BlockedEvent[];
  deadlines: OpenDeadline[];
  /** What the case will do by itself, earliest first (reminders, breaches, birthdays). */
  scheduled: ScheduledTransition[];
  tasks: AssignedTask[];
  context: IpCaseContext;
}

export interface IpCaseWorkflowInput {
  caseId: string;
  municipality: string;
  /** Carried across continue-as-new: the machine's persisted snapshot and the event sequence. */
  restored?: { snapshot: unknown; seq: number; assignments?: AssignmentTable; deadlines?: FrozenDeadlines; incidents?: { id: string; timerKey?: string }[] };
  /** Continue-as-new after this many transitions in one run (Temporal also suggests it by history size). */
  continueAsNewAfter?: number;
  /** Upsert search attributes (the Java time-skipping test server has none registered). */
  searchAttributes?: boolean;
}

/**
 * What an accepted command answers: the case's new version. The API reads the view from the read model; a case
 * started before the lean answer returns its whole view (a CaseView is one of these too).
 */
export type CommandAccepted = Pick<CaseView, 'caseId' | 'municipality' | 'status' | 'seq'>;
export const applyEventUpdate = defineUpdate<CommandAccepted, [CaseCommand]>('applyEvent');
/** A KE leader resolves an incident of the case (after the cause is understood or fixed). */
export interface ResolveIncidentCommand {
  incidentId: string;
  actor: Actor;
  resolution: string;
}
export const resolveIncidentUpdate = defineUpdate<{ incidentId: string; status: 'RESOLVED' }, [ResolveIncidentCommand]>('resolveIncident');
export const caseViewQuery = defineQuery<CaseView>('caseView');
export const taskCommandUpdate = defineUpdate<AssignedTask, [TaskCommand]>('taskCommand');

// Search attributes: state, municipality and next deadline only (no personal data).
export const CASE_STATUS_ATTR = defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD);
export const MUNICIPALITY_ATTR = defineSearchAttributeKey('Municipality', SearchAttributeType.KEYWORD);
export const NEXT_DEADLINE_ATTR = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);
export const SEARCH_ATTRIBUTE_FLAGS = ['CaseStatus=Keyword', 'Municipality=Keyword', 'NextDeadline=Datetime'];

/**
 * What the payload codec hands on in place of a payload it cannot authenticate (not encrypted, unknown key id, or a
 * tag that does not verify): the workflow refuses it like any bad command, so a client without the key can neither
 * command a case nor wedge it (Temporal is a trust boundary; the key is the credential).
 */
export const UNTRUSTED_PAYLOAD = '__untrustedPayload';
export type UntrustedReason = 'NOT_ENCRYPTED' | 'UNKNOWN_KEY' | 'NOT_AUTHENTIC';
export const isUntrustedPayload = (value: unknown): value is { [UNTRUSTED_PAYLOAD]: UntrustedReason } =>
  !!value && typeof value === 'object' && UNTRUSTED_PAYLOAD in value;

/** The failure type a workflow gives for an event the case cannot take; details: { status, allowedEvents }. */
export const EVENT_NOT_ALLOWED = 'EventNotAllowed';
/** The failure type for a command the case accepted but could not record; details: { incidentId, sqlState, constraint }. */
export const COMMAND_NOT_RECORDED = 'CommandNotRecorded';
/** The failure type for a command sent with an If-Match the case has moved past; details: { currentVersion }. */
export const CASE_VERSION_MISMATCH = 'CaseVersionMismatch';
/** The failure type for a task that moved on, changed version, or belongs to someone else; details: { task }. */
export const TASK_CONFLICT = 'TaskConflict';
