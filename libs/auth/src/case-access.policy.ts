// Who may see and do what: one policy, asked by every query (as a scope) and every command (as a yes/no).
// Refusals where existence itself must not leak (another municipality's case or task) are answered 404 by the API.
import type { CommandEventType } from '../../case-machine/src/ip-case.events';
import type { Principal } from './principal';

export interface CaseScope {
  municipality: string;
  coordinatorEmployeeId: string | null;
  proposedCoordinatorEmployeeId: string | null;
}

export interface TaskScope {
  candidateRole: string;
  assignee: string | null;
  completes: string;
}

/** Events only the KE leader decides (reconsideration of appeals, escalations, coordinator vacancies). */
const LEADER_ONLY: CommandEventType[] = ['APPEAL_RECONSIDERED', 'APPEAL_FORWARDED', 'ACKNOWLEDGE_ESCALATION'];
/** What a coordinator does on the cases they coordinate. */
const COORDINATOR_EVENTS: CommandEventType[] = [
  'START_MAPPING', 'START_FOLLOW_UP', 'RECORD_MAPPING', 'FORM_ANSVARSGRUPPE', 'MAPPING_COMPLETED', 'SUBMIT_PLAN_DRAFT',
  'PLAN_APPROVED', 'START_EVALUATION', 'EVALUATION_COMPLETED', 'PAUSE', 'RESUME', 'CONSENT_GIVEN', 'CONSENT_CHANGED', 'CONSENT_WITHDRAWN',
  'SHARING_END_NOTIFIED', 'INFORMATION_DISCLOSED', 'CHILD_HEARD',
];
/** Folkeregister events the archive/system integration may send. */
const SYSTEM_EVENTS: CommandEventType[] = ['USER_MOVED', 'USER_DIED'];

export function canSeeMunicipality(p: Principal, municipality: string): boolean {
  return p.municipalities.includes(municipality);
}

/** The rows a person may read: their municipalities, and for a coordinator only the cases they coordinate. */
export interface ReadScope {
  municipalities: string[];
  coordinator: string | null;
}

export function readScope(p: Principal): ReadScope {
  return { municipalities: p.municipalities, coordinator: p.role === 'COORDINATOR' ? p.sub : null };
}

export function canReadCase(p: Principal, c: CaseScope): boolean {
  if (!canSeeMunicipality(p, c.municipality)) return false;
  if (p.role === 'COORDINATOR') return c.coordinatorEmployeeId === p.sub || c.proposedCoordinatorEmployeeId === p.sub;
  return true;
}

/**
 * Why a person may access a case: the relationship that allowed it, which the access log keeps with every entry
 * (and as its purpose when the request states none). Normen asks for the basis of every access.
 */
export const ACCESS_BASES = [
  /** A KE person who holds or held a task on the case, or whose role an open unassigned task of it waits for. */
  'ASSIGNED_TASK',
  /** A KE person of the case's municipality without a task on it (proposed for the monthly review). */
  'KE_MUNICIPALITY',
  /** The case's coordinator, or the one proposed. */
  'CASE_COORDINATOR',
  /** An auditor of the municipality (internal control). */
  'INTERNAL_CONTROL',
  /** The archive and Folkeregister integration. */
  'SYSTEM_INTEGRATION',
  /** The integration reading a case's access log for the person it is about (their right to see who accessed it). */
  'ON_BEHALF_OF_PERSON',
  /** Break the glass: outside the usual relationship, with a reason; always proposed for review. */
  'EMERGENCY',
] as const;
export type AccessBasis = (typeof ACCESS_BASES)[number];

/** What the policy needs to know beyond the case: whether a KE person has a task relationship with it. */
export interface CaseRelation {
  hasTask: boolean;
}

export type CaseAccess = { allowed: true; basis: AccessBasis } | { allowed: false };

const isKeRole = (p: Principal) => p.role === 'KE_CASEWORKER' || p.role === 'KE_LEADER';
/** Whether the basis of a KE person's access depends on their tasks (the caller then looks them up). */
export const needsTaskRelation = isKeRole;

/** The usual relationship that lets `p` read the case, or null when there is none (canReadCase is false). */
export function usualBasis(p: Principal, c: CaseScope, relation?: CaseRelation): AccessBasis | null {
  if (!canReadCase(p, c)) return null;
  return isKeRole(p) && relation?.hasTask ? 'ASSIGNED_TASK' : listBasis(p);
}

/**
 * Emergency access ("break the glass"): a coordinator may read a case of their own municipality that they do not
 * coordinate, giving a reason. Reads only, never commands; never another municipality's case (still 404). The other
 * roles need none: KE roles and auditors read every case of their municipalities, and the integration breaks no glass.
 */
export const mayBreakTheGlass = (p: Principal, c: CaseScope) => p.role === 'COORDINATOR' && canSeeMunicipality(p, c.municipality);

/**
 * The decision on reading one case: the usual relationship, else an emergency access when a reason is given and the
 * person may break the glass. A reason given where the usual relationship allows is not needed and not recorded.
 */
export function caseReadAccess(p: Principal, c: CaseScope, o: { relation?: CaseRelation; emergencyReason?: string } = {}): CaseAccess {
  const basis = usualBasis(p, c, o.relation);
  if (basis) return { allowed: true, basis };
  if (o.emergencyReason && mayBreakTheGlass(p, c)) return { allowed: true, basis: 'EMERGENCY' };
  return { allowed: false };
}

/**
 * The basis of the role's own scope, and so of a list (inbox, deadlines, cases, reports): a KE person's municipality,
 * a coordinator's cases, an auditor's internal control, the integration.
 */
export function listBasis(p: Principal): AccessBasis {
  switch (p.role) {
    case 'KE_CASEWORKER':
    case 'KE_LEADER':
      return 'KE_MUNICIPALITY';
    case 'COORDINATOR':
      return 'CASE_COORDINATOR';
    case 'AUDITOR':
      return 'INTERNAL_CONTROL';
    case 'SYSTEM':
      return 'SYSTEM_INTEGRATION';
  }
}

/** A case's own access log: the KE leader, internal control, and the integration on the person's behalf (their right of access). */
export const canReadCaseAccessLog = (p: Principal, c: CaseScope) => ['KE_LEADER', 'AUDITOR', 'SYSTEM'].includes(p.role) && canSeeMunicipality(p, c.municipality);
/** The integration reads a case's access log only for the person it is about. */
export const caseAccessLogBasis = (p: Principal, relation?: CaseRelation): AccessBasis =>
  p.role === 'SYSTEM' ? 'ON_BEHALF_OF_PERSON' : p.role === 'AUDITOR' ? 'INTERNAL_CONTROL' : relation?.hasTask ? 'ASSIGNED_TASK' : 'KE_MUNICIPALITY';

/** The monthly log review (K18): proposals and reviews are read by KE leaders and auditors, recorded by KE leaders. */
export const canReadLogReviews = (p: Principal, municipality: string) => (p.role === 'KE_LEADER' || p.role === 'AUDITOR') && canSeeMunicipality(p, municipality);
export const canRecordLogReview = (p: Principal, municipality: string) => p.role === 'KE_LEADER' && canSeeMunicipality(p, municipality);

export function canRegisterNotification(p: Principal, municipality: string): boolean {
  return (p.role === 'KE_CASEWORKER' || p.role === 'KE_LEADER') && canSeeMunicipality(p, municipality);
}

export function canSendEvent(p: Principal, c: CaseScope, type: CommandEventType): boolean {
  if (!canReadCase(p, c)) return false;
  switch (p.role) {
    case 'KE_LEADER':
      return true;
    case 'KE_CASEWORKER':
      return !LEADER_ONLY.includes(type);
    case 'COORDINATOR':
      if (type === 'COORDINATOR_ACCEPTED' || type === 'COORDINATOR_DECLINED') return c.proposedCoordinatorEmployeeId === p.sub;
      return c.coordinatorEmployeeId === p.sub && COORDINATOR_EVENTS.includes(type);
    case 'SYSTEM':
      return SYSTEM_EVENTS.includes(type);
    case 'AUDITOR':
      return false;
  }
}

/**
 * A case as it was at an earlier moment (GET /cases/:id/as-of) is internal control's and the KE's, and a coordinator's
 * for the cases they coordinate or are proposed for now (today's relationship, not the one at that moment); not the
 * archive's, which reads cases as they are.
 */
export function canReadCaseAsOf(p: Principal, c: CaseScope): boolean {
  return p.role !== 'SYSTEM' && canReadCase(p, c);
}

/** Inboxes and deadline lists are for the people who work cases and for internal control; not for the archive. */
export const canReadWorkLists = (p: Principal) => p.role !== 'SYSTEM';

/** Claiming takes a task of one's own role that nobody else holds. */
export function canClaimTask(p: Principal, c: CaseScope, t: TaskScope): boolean {
  return canReadCase(p, c) && t.candidateRole === p.role && (t.assignee === null || t.assignee === p.sub);
}

/** Giving a task back: one's own, or as a KE leader anyone's (unclaiming a free task changes nothing). */
export function canUnclaimTask(p: Principal, c: CaseScope, t: TaskScope): boolean {
  return canReadCase(p, c) && (t.assignee === null || t.assignee === p.sub || p.role === 'KE_LEADER');
}

/** A KE leader hands tasks out (and reassigns them) within their municipalities. */
export function canAssignTask(p: Principal, c: CaseScope): boolean {
  return p.role === 'KE_LEADER' && canReadCase(p, c);
}

/** Completing sends the task's command: allowed when that command is, and the task is the sender's or free. */
export function canCompleteTask(p: Principal, c: CaseScope, t: TaskScope): boolean {
  return (
    canSendEvent(p, c, t.completes as CommandEventType) && (t.assignee === null || t.assignee === p.sub || p.role === 'KE_LEADER')
  );
}

export const canReadSettings = (p: Principal, municipality: string) => p.role !== 'SYSTEM' && canSeeMunicipality(p, municipality);
export const canWriteSettings = (p: Principal, municipality: string) => p.role === 'KE_LEADER' && canSeeMunicipality(p, municipality);

/** Incidents (commands a case could not record) are followed up by the KE leader and read by internal control. */
export const canSeeIncidents = (p: Principal) => p.role === 'KE_LEADER' || p.role === 'AUDITOR';
export const canResolveIncident = (p: Principal) => p.role === 'KE_LEADER';

/** The coordinators' training register (hol § 7-3): the KE leader records it; KE and internal control read it. */
export const canRecordTraining = (p: Principal, municipality: string) => p.role === 'KE_LEADER' && canSeeMunicipality(p, municipality);
export const canReadTrainings = (p: Principal) => p.role === 'KE_CASEWORKER' || p.role === 'KE_LEADER' || p.role === 'AUDITOR';

/** Auditors read cases without identity numbers unless their task needs them (least privilege). */
export const mayReadNationalId = (p: Principal) => p.role === 'KE_CASEWORKER' || p.role === 'KE_LEADER';

/**
 * The audit trail: a case's trail for whoever may read the case (a coordinator only their cases'), except the archive;
 * the trail across cases, and its verification, for the KE leader and internal control (the system role verifies too,
 * for monitoring). Only the system role writes checkpoints (the schedule's worker, or an on-demand run).
 */
export const canReadCaseAuditTrail = (p: Principal, c: CaseScope) => p.role !== 'SYSTEM' && canReadCase(p, c);
export const canReadAuditTrail = (p: Principal) => p.role === 'KE_LEADER' || p.role === 'AUDITOR';
export const canVerifyAuditTrail = (p: Principal) => canReadAuditTrail(p) || p.role === 'SYSTEM';
export const canWriteCheckpoints = (p: Principal) => p.role === 'SYSTEM';

/**
 * The stored monthly internal-control reports: internal control (AUDITOR) and the KE leader, who takes them to the
 * management review, each for their municipalities.
 */
export const canReadStoredReports = (p: Principal, municipality: string) => (p.role === 'AUDITOR' || p.role === 'KE_LEADER') && canSeeMunicipality(p, municipality);

/**
 * The internal-control report (domain § 5): internal control (AUDITOR), the KE leader who reports it, the KE's
 * caseworkers for their self-checks (veileder to § 8 c), and the monthly job (SYSTEM), each for their municipalities.
 * Not coordinators: it measures the KE's work across cases they do not coordinate.
 */
export const canReadInternalControl = (p: Principal, municipality: string) => p.role !== 'COORDINATOR' && canSeeMunicipality(p, municipality);
/** Targets are the KE leader's to set (ledelse- og kvalitetsforskriften § 6: the leader plans the quality work). */
export const canSetInternalControlTargets = (p: Principal, municipality: string) => p.role === 'KE_LEADER' && canSeeMunicipality(p, municipality);

/** A case's archive delivery and its filed documents: whoever reads the case (the archive system too). */
export const canReadCaseArchive = (p: Principal, c: CaseScope) => canReadCase(p, c);
/** The archive's refusals are followed up by the KE leader (and the archive system), read by internal control. */
export const canSeeArchiveIncidents = (p: Principal) => p.role === 'KE_LEADER' || p.role === 'AUDITOR' || p.role === 'SYSTEM';
/** A refused message is sent again, after the data was corrected, by a KE leader or the system role. */
export const canRetryArchiveIncident = (p: Principal) => p.role === 'KE_LEADER' || p.role === 'SYSTEM';
/** The AGREE settings of the archive delivery: read by the KE and the archive system, changed by a KE leader. */
export const canReadArchiveSettings = (p: Principal, municipality: string) => p.role !== 'COORDINATOR' && canSeeMunicipality(p, municipality);
