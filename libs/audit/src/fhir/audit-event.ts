// The access log as FHIR R4 AuditEvents in the IHE Basic Audit Log Patterns (BALP) shape: a read of a case (or a part
// of it, a rendering of it) as IHE.BasicAudit.Read (type rest, subtype read, action R), a list that showed the case as
// IHE.BasicAudit.Query (subtype search, action E, the query base64 in entity[query]), creates and updates as plain
// rest events (subtype create/update, action C/U). The person is agent[user] (information recipient, requestor, their
// role and purposeOfUse), the client and this API are agent[client] and agent[server], the case is entity[data]
// (by its id: this API serves no FHIR resources to reference; in a query, beside entity[query]), the request id
// entity[transaction]. Pure.
import type { AuditEvent, AuditEventAgent, AuditEventEntity, Bundle, CodeableConcept, Coding } from '@medplum/fhirtypes';

/** One access-log entry, as the API reads it back. */
export interface AccessLogRecord {
  id: string;
  at: string;
  actor: { sub: string; name: string | null; role: string };
  action: string;
  resource: string;
  outcome: number;
  /** The case the entry is about: the one read, or (a list) the one asked about. */
  caseId: string;
  municipality: string | null;
  purpose: string | null;
  purposeSource: string | null;
  basis: string | null;
  emergencyReason: string | null;
  requestId: string | null;
  clientId: string | null;
  clientAddress: string | null;
  filters: Record<string, unknown> | null;
}

/** The API that recorded the entries, as the reader reached it. */
export interface AuditServer {
  name: string;
  url: string;
}

const BALP = 'https://profiles.ihe.net/ITI/BALP/StructureDefinition';
export const BALP_READ = `${BALP}/IHE.BasicAudit.Read`;
export const BALP_QUERY = `${BALP}/IHE.BasicAudit.Query`;

export const SYSTEMS = {
  eventType: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
  restful: 'http://hl7.org/fhir/restful-interaction',
  dcm: 'http://dicom.nema.org/resources/ontology/DCM',
  participation: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  actReason: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  entityType: 'http://terminology.hl7.org/CodeSystem/audit-entity-type',
  objectRole: 'http://terminology.hl7.org/CodeSystem/object-role',
  sourceType: 'http://terminology.hl7.org/CodeSystem/security-source-type',
  networkType: 'http://hl7.org/fhir/network-type',
  balpEntityType: 'https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType',
  /** This engine's own codes: the roles of a token, the bases of the access policy. */
  role: 'urn:ke-ip:role',
  basis: 'urn:ke-ip:access-basis',
  uri: 'urn:ietf:rfc:3986',
} as const;

const coding = (system: string, code: string, display?: string): Coding => ({ system, code, ...(display ? { display } : {}) });

/** The access policy's bases as purposes of use (HL7 v3 ActReason). */
const PURPOSE_OF_USE: Record<string, Coding> = {
  ASSIGNED_TASK: coding(SYSTEMS.actReason, 'COC', 'coordination of care'),
  KE_MUNICIPALITY: coding(SYSTEMS.actReason, 'COC', 'coordination of care'),
  CASE_COORDINATOR: coding(SYSTEMS.actReason, 'COC', 'coordination of care'),
  INTERNAL_CONTROL: coding(SYSTEMS.actReason, 'HCOMPL', 'health compliance'),
  SYSTEM_INTEGRATION: coding(SYSTEMS.actReason, 'RECORDMGT', 'records management'),
  ON_BEHALF_OF_PERSON: coding(SYSTEMS.actReason, 'PATRQT', 'patient requested'),
  EMERGENCY: coding(SYSTEMS.actReason, 'BTG', 'break the glass'),
};

/** The RESTful interaction an action is, and the BALP profile that fits it. */
function interaction(action: string): { subtype: string; code: AuditEvent['action']; profile?: string; read: boolean } {
  switch (action) {
    case 'LIST':
      return { subtype: 'search', code: 'E', profile: BALP_QUERY, read: false };
    case 'CREATE':
      return { subtype: 'create', code: 'C', read: false };
    case 'COMMAND':
      return { subtype: 'update', code: 'U', read: false };
    default: // READ, and EXPORT and PRINT of what was read
      return { subtype: 'read', code: 'R', profile: BALP_READ, read: true };
  }
}

/** 0 success, 4 minor failure (refused, 4xx), 8 serious failure (5xx). */
const outcomeOf = (status: number): AuditEvent['outcome'] => (status < 400 ? '0' : status < 500 ? '4' : '8');

/** A list's request as it was asked: the resource and its filters as a query string. */
function queryOf(e: AccessLogRecord): string {
  const params = new URLSearchParams(Object.entries(e.filters ?? {}).map(([k, v]): [string, string] => [k, String(v)]));
  const q = params.toString();
  return `${e.resource}${q ? `?${q}` : ''}`;
}

function purposeOfUse(e: AccessLogRecord): CodeableConcept[] {
  const basis = e.basis ? PURPOSE_OF_USE[e.basis] : undefined;
  if (!basis && !e.purpose) return [];
  const codings = basis && e.basis ? [basis, coding(SYSTEMS.basis, e.basis)] : [];
  // The stated purpose, or (emergency) the reason given, in the person's words.
  const stated = e.basis === 'EMERGENCY' && e.emergencyReason ? e.emergencyReason : e.purposeSource === 'BASIS' ? undefined : e.purpose ?? undefined;
  return [{ ...(codings.length ? { coding: codings } : {}), ...(stated ? { text: stated } : {}) }];
}

/** One access-log entry as a BALP AuditEvent. */
export function toAuditEvent(e: AccessLogRecord, server: AuditServer): AuditEvent {
  const i = interaction(e.action);
  // DICOM's roles follow the flow of the request: for a read the client is the destination, otherwise the source.
  const clientRole = i.read ? coding(SYSTEMS.dcm, '110152', 'Destination Role ID') : coding(SYSTEMS.dcm, '110153', 'Source Role ID');
  const serverRole = i.read ? coding(SYSTEMS.dcm, '110153', 'Source Role ID') : coding(SYSTEMS.dcm, '110152', 'Destination Role ID');
  const user: AuditEventAgent = {
    type: { coding: [i.code === 'C' || i.code === 'U' ? coding(SYSTEMS.participation, 'AUT', 'author (originator)') : coding(SYSTEMS.participation, 'IRCP', 'information recipient')] },
    role: [{ coding: [coding(SYSTEMS.role, e.actor.role)] }],
    who: { identifier: { value: e.actor.sub }, ...(e.actor.name ? { display: e.actor.name } : {}) },
    ...(e.actor.name ? { name: e.actor.name } : {}),
    requestor: true,
    ...(purposeOfUse(e).length ? { purposeOfUse: purposeOfUse(e) } : {}),
  };
  const client: AuditEventAgent = {
    type: { coding: [clientRole] },
    who: e.clientId ? { identifier: { value: e.clientId }, display: e.clientId } : { display: e.clientAddress ? `client at ${e.clientAddress}` : 'client' },
    requestor: false,
    network: { address: e.clientAddress ?? 'unknown', type: '2' },
  };
  const api: AuditEventAgent = {
    type: { coding: [serverRole] },
    who: { display: server.name },
    requestor: false,
    network: { address: server.url, type: '5' },
  };
  const data: AuditEventEntity = {
    what: { identifier: { system: SYSTEMS.uri, value: `urn:uuid:${e.caseId}` }, display: e.resource },
    type: coding(SYSTEMS.entityType, '2', 'System Object'),
    role: coding(SYSTEMS.objectRole, '4', 'Domain Resource'),
  };
  const entity: AuditEventEntity[] = [];
  if (i.code === 'E') {
    // BALP slices entities by type: the one System Object of a query is the query itself, so the case the list showed
    // is named as another kind of entity.
    const query = queryOf(e);
    entity.push({ type: coding(SYSTEMS.entityType, '2', 'System Object'), role: coding(SYSTEMS.objectRole, '24', 'Query'), description: query, query: Buffer.from(query).toString('base64') });
    entity.push({ ...data, type: coding(SYSTEMS.entityType, '4', 'Other') });
  } else entity.push(data);
  if (e.requestId) entity.push({ type: coding(SYSTEMS.balpEntityType, 'XrequestId'), what: { identifier: { value: e.requestId } } });
  return {
    resourceType: 'AuditEvent',
    id: e.id,
    ...(i.profile ? { meta: { profile: [i.profile] } } : {}),
    type: coding(SYSTEMS.eventType, 'rest', 'Restful Operation'),
    subtype: [coding(SYSTEMS.restful, i.subtype, i.subtype)],
    action: i.code,
    recorded: new Date(e.at).toISOString(),
    outcome: outcomeOf(e.outcome),
    agent: [user, client, api],
    source: {
      ...(e.municipality ? { site: e.municipality } : {}),
      observer: { display: server.name },
      type: [coding(SYSTEMS.sourceType, '4', 'Application Server')],
    },
    entity,
  };
}

/** A page of a case's access log as a searchset Bundle, with the link to the next page when there is one. */
export function auditEventBundle(entries: AccessLogRecord[], o: { server: AuditServer; self: string; next?: string | null }): Bundle<AuditEvent> {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    timestamp: new Date().toISOString(),
    link: [{ relation: 'self', url: o.self }, ...(o.next ? [{ relation: 'next', url: o.next }] : [])],
    entry: entries.map((e) => ({ resource: toAuditEvent(e, o.server), search: { mode: 'match' as const } })),
  };
}
