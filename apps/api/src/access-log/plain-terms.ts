// A case's access log in plain terms, for the person the case is about (pasientjournalloven: the right to know who
// accessed one's record): who by name and role, what they did, when (Oslo time) and why.
import type { AccessBasis } from '../../../../libs/auth/src';
import type { AccessLogRecord } from '../../../../libs/audit/src/fhir/audit-event';

const ROLE: Record<string, string> = {
  KE_CASEWORKER: 'caseworker at the coordinating unit (koordinerende enhet)',
  KE_LEADER: 'leader of the coordinating unit (koordinerende enhet)',
  COORDINATOR: 'coordinator (koordinator)',
  AUDITOR: 'auditor (internal control)',
  SYSTEM: 'the archive and population register integration',
};

const BASIS: Record<AccessBasis, string> = {
  ASSIGNED_TASK: 'has a task on the case',
  KE_MUNICIPALITY: 'works at the coordinating unit of the municipality',
  CASE_COORDINATOR: 'is the coordinator of the case',
  INTERNAL_CONTROL: "the municipality's internal control",
  SYSTEM_INTEGRATION: 'the archive and population register integration',
  ON_BEHALF_OF_PERSON: 'at the request of the person the case is about',
  EMERGENCY: 'emergency access',
};

const ACTION: Record<string, string> = {
  READ: 'read',
  LIST: 'saw in a list',
  CREATE: 'registered',
  COMMAND: 'recorded a change to',
  EXPORT: 'exported',
  PRINT: 'printed',
};

/** What a resource path is, in words. */
function what(resource: string): string {
  const [kind, , part, detail] = resource.split('?')[0].split('/');
  if (kind === 'cases' && !part) return resource === 'cases' ? 'the list of cases' : 'the case';
  if (kind === 'cases' && part === 'history') return 'the case history';
  if (kind === 'cases' && part === 'access-log') return 'the access log of the case';
  if (kind === 'cases' && part === 'events') return `the case (${detail})`;
  if (kind === 'cases') return `the case (${part})`;
  if (kind === 'tasks') return resource === 'tasks' ? 'the task inbox' : 'a task of the case';
  if (kind === 'deadlines') return 'the list of deadlines';
  if (kind === 'incidents') return 'the list of incidents';
  return resource;
}

const oslo = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', dateStyle: 'long', timeStyle: 'short' });

const roleInWords = (role: string) => ROLE[role] ?? role;

/** Why, in words: the purpose stated (if any) and the relationship that allowed it, or the emergency's reason. */
export function whyInWords(e: Pick<AccessLogRecord, 'basis' | 'purpose' | 'purposeSource' | 'emergencyReason'>): string {
  const basis = e.basis ? BASIS[e.basis as AccessBasis] ?? e.basis : 'no recorded basis';
  if (e.basis === 'EMERGENCY') return `emergency access: ${e.emergencyReason ?? 'no reason recorded'}`;
  const stated = e.purposeSource && e.purposeSource !== 'BASIS' ? e.purpose : null;
  return stated ? `${stated} (${basis})` : basis;
}

/** One entry, as the person reads it. */
export function inPlainTerms(e: AccessLogRecord) {
  const who = e.actor.name ?? e.actor.sub;
  const role = roleInWords(e.actor.role);
  const action = ACTION[e.action] ?? e.action.toLowerCase();
  const why = whyInWords(e);
  return {
    at: new Date(e.at).toISOString(),
    who: { name: who, role: e.actor.role, roleInWords: role },
    action,
    what: what(e.resource),
    why,
    basis: e.basis,
    emergency: e.basis === 'EMERGENCY' ? { reason: e.emergencyReason } : null,
    summary: `${who}, ${role}, ${action} ${what(e.resource)} on ${oslo.format(new Date(e.at))} (Oslo time), because: ${why}.`,
  };
}
