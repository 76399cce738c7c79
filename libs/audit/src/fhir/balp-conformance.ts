// What IHE BALP (Basic Audit Log Patterns, 1.1.x) requires of an AuditEvent claiming its Read or Query profile, as
// its FSH states it (input/fsh/PatientRead.fsh, PatientQuery.fsh): the fixed codes, and the agent and entity slices
// (discriminated by type) with their cardinalities. A checker, not a validator: it lists what is missing or wrong.
import type { AuditEvent, AuditEventAgent, AuditEventEntity, Coding } from '@medplum/fhirtypes';
import { BALP_QUERY, BALP_READ, SYSTEMS } from './audit-event';

const is = (c: Coding | undefined, system: string, code: string) => c?.system === system && c?.code === code;
const agentIs = (a: AuditEventAgent, system: string, code: string) => (a.type?.coding ?? []).some((c) => is(c, system, code));

/** The profile's rules that differ between a read and a query. */
const PROFILES = {
  [BALP_READ]: { subtypes: ['read', 'vread'], action: 'R', client: '110152', server: '110153' },
  [BALP_QUERY]: { subtypes: ['search', 'search-type', 'search-system'], action: 'E', client: '110153', server: '110152' },
} as const;

/** Every way `e` falls short of the BALP profile it claims (empty: conformant). */
export function balpProblems(e: AuditEvent): string[] {
  const problems: string[] = [];
  const claimed = (e.meta?.profile ?? []).filter((p): p is keyof typeof PROFILES => p in PROFILES);
  if (claimed.length !== 1) return [`claims ${claimed.length} BALP profiles (Read or Query expected)`];
  const profile = claimed[0];
  const rules = PROFILES[profile];
  const check = (ok: unknown, what: string) => { if (!ok) problems.push(what); };

  check(is(e.type, SYSTEMS.eventType, 'rest'), 'type is audit-event-type#rest');
  check((e.subtype ?? []).some((c) => c.system === SYSTEMS.restful && (rules.subtypes as readonly string[]).includes(c.code ?? '')), `subtype has restful-interaction#${rules.subtypes[0]}`);
  check(e.action === rules.action, `action is ${rules.action}`);
  check(typeof e.recorded === 'string' && !Number.isNaN(Date.parse(e.recorded)), 'recorded is an instant');
  check(e.outcome === '0', 'outcome is 0 (success)');

  const agents = e.agent ?? [];
  check(agents.length >= 2, 'at least two agents');
  const slice = (code: string) => agents.filter((a) => agentIs(a, SYSTEMS.dcm, code));
  for (const [name, code] of [['client', rules.client], ['server', rules.server]] as const) {
    const found = slice(code);
    check(found.length === 1, `exactly one agent[${name}] (DCM#${code})`);
    for (const a of found) {
      check(a.who, `agent[${name}].who`);
      check(a.network?.address, `agent[${name}].network`);
      check(!a.media, `no agent[${name}].media`);
    }
  }
  const users = agents.filter((a) => agentIs(a, SYSTEMS.participation, 'IRCP'));
  check(users.length <= 1, 'at most one agent[user] (IRCP)');
  for (const u of users) {
    check(u.who, 'agent[user].who');
    check(u.requestor === true, 'agent[user].requestor is true');
    check(!u.network && !u.media, 'no agent[user].network or media');
  }

  const entities = e.entity ?? [];
  check(entities.length >= 1, 'at least one entity');
  const byType = (system: string, code: string) => entities.filter((x: AuditEventEntity) => is(x.type, system, code));
  const transactions = byType(SYSTEMS.balpEntityType, 'XrequestId');
  check(transactions.length <= 1, 'at most one entity[transaction]');
  for (const t of transactions) check(t.what?.identifier?.value, 'entity[transaction].what.identifier.value (the X-Request-Id)');
  const objects = byType(SYSTEMS.entityType, '2');
  if (profile === BALP_READ) {
    check(objects.length === 1, 'exactly one entity[data] (audit-entity-type#2)');
    for (const d of objects) {
      check(d.what, 'entity[data].what');
      check(d.role?.system === SYSTEMS.objectRole && ['4', '3', '20'].includes(d.role?.code ?? ''), 'entity[data].role from RestObjectRoles (object-role#4, #3, #20)');
    }
  } else {
    check(objects.length === 1, 'exactly one entity[query] (audit-entity-type#2)');
    for (const q of objects) {
      check(is(q.role, SYSTEMS.objectRole, '24'), 'entity[query].role is object-role#24');
      check(!q.what && !q.lifecycle && !q.detail, 'entity[query] has no what, lifecycle or detail');
      check(typeof q.query === 'string' && q.query.length > 0, 'entity[query].query (base64 of the request)');
    }
  }
  return problems;
}
