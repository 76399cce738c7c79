// Who may see and do what on a case: one policy, asked by every query and command.
import type { CommandEventType } from '../../case-machine/src/ip-case.events';
import type { Principal } from './principal';

export interface CaseScope {
  municipality: string;
  coordinatorEmployeeId: string | null;
  proposedCoordinatorEmployeeId: string | null;
}

/** Events only the KE leader decides (reconsideration of appeals, escalations). */
const LEADER_ONLY: CommandEventType[] = ['APPEAL_RECONSIDERED', 'APPEAL_FORWARDED', 'ACKNOWLEDGE_ESCALATION'];
/** What a coordinator does on the cases they coordinate. */
const COORDINATOR_EVENTS: CommandEventType[] = [
  'START_MAPPING', 'START_FOLLOW_UP', 'RECORD_MAPPING', 'FORM_ANSVARSGRUPPE', 'MAPPING_COMPLETED', 'SUBMIT_PLAN_DRAFT',
  'PLAN_APPROVED', 'START_EVALUATION', 'EVALUATION_COMPLETED', 'PAUSE', 'RESUME', 'CONSENT_GIVEN', 'CONSENT_CHANGED', 'CONSENT_WITHDRAWN',
];
/** Folkeregister events the archive/system integration may send. */
const SYSTEM_EVENTS: CommandEventType[] = ['USER_MOVED', 'USER_DIED'];

export function canSeeMunicipality(p: Principal, municipality: string): boolean {
  return p.municipalities.includes(municipality);
}

export function canReadCase(p: Principal, c: CaseScope): boolean {
  if (!canSeeMunicipality(p, c.municipality)) return false;
  if (p.role === 'COORDINATOR') return c.coordinatorEmployeeId === p.sub || c.proposedCoordinatorEmployeeId === p.sub;
  return true;
}

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

/** Auditors read cases without identity numbers unless their task needs them (least privilege). */
export const mayReadNationalId = (p: Principal) => p.role === 'KE_CASEWORKER' || p.role === 'KE_LEADER';
