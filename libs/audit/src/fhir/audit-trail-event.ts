// The audit trail as FHIR R4 AuditEvent resources (IHE BALP's RESTful create/update shape), so a SIEM or the regional
// health-audit tooling can take it: who (agent, requestor), what (the case, the event, the payload's digest), why
// (purposeOfEvent), where (source: the municipality's case engine), and the entry's place in its hash chain.
import type { AuditEntry } from '../audit-chain';
import { SYSTEMS } from './audit-event';

export const FHIR_JSON = 'application/fhir+json';
/** Our own identifier systems: the token subject of a person, a case of the KE. */
export const SUBJECT_SYSTEM = 'urn:ke-ip:principal';
export const CASE_SYSTEM = 'urn:ke-ip:case';

export interface FhirAuditEvent {
  resourceType: 'AuditEvent';
  id: string;
  [field: string]: unknown;
}

/** The interaction an entry records: the notification creates the case, everything else updates it. */
const interactionOf = (e: AuditEntry) =>
  e.event === 'NOTIFICATION_RECEIVED' ? { code: 'create', action: 'C', profile: 'Create' } : { code: 'update', action: 'U', profile: 'Update' };
const BALP = 'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.';
/** BALP's user-agent type for create/update: the author (v3 ParticipationType AUT). */
const AUTHOR = { system: SYSTEMS.participation, code: 'AUT', display: 'author (originator)' };

export function auditEntryToFhir(e: AuditEntry): FhirAuditEvent {
  const { code, action, profile } = interactionOf(e);
  const detail = (type: string, value: string | number | null) => (value === null ? [] : [{ type, valueString: String(value) }]);
  return {
    resourceType: 'AuditEvent',
    id: `${e.municipality}-${e.position}`,
    meta: { profile: [`${BALP}${profile}`] },
    type: { system: SYSTEMS.eventType, code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: SYSTEMS.restful, code }],
    action,
    recorded: e.at,
    outcome: '0',
    ...(e.purpose ? { purposeOfEvent: [{ text: e.purpose }] } : {}),
    agent: [
      {
        type: { coding: [AUTHOR] },
        who: { identifier: { system: SUBJECT_SYSTEM, value: e.actor.sub }, display: e.actor.name },
        role: [{ text: e.actor.role }],
        requestor: true,
      },
    ],
    source: {
      site: e.municipality,
      observer: { display: 'KE IP case engine' },
      type: [{ system: SYSTEMS.sourceType, code: '4', display: 'Application Server' }],
    },
    entity: [
      {
        what: e.caseId ? { identifier: { system: CASE_SYSTEM, value: e.caseId } } : { display: e.event },
        type: { system: SYSTEMS.entityType, code: '2', display: 'System Object' },
        role: { system: SYSTEMS.objectRole, code: '4', display: 'Domain Resource' },
        detail: [
          ...detail('event', e.event),
          ...detail('seq', e.seq),
          ...detail('fromStatus', e.fromStatus),
          ...detail('toStatus', e.toStatus),
          ...detail('legalBasis', e.legalBasis),
          ...detail('payloadSha256', e.payloadDigest),
          ...detail('requestId', e.requestId),
          ...detail('chainPosition', e.position),
          ...detail('chainHash', e.hash),
          ...detail('chainPrevHash', e.prevHash),
        ],
      },
    ],
  };
}

/** A FHIR searchset Bundle of a page; `next` is the URL of the next page, if any. */
export function fhirBundle(resources: FhirAuditEvent[], next: string | null) {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(next ? { link: [{ relation: 'next', url: next }] } : {}),
    entry: resources.map((resource) => ({ fullUrl: `urn:ke-ip:audit-event:${resource.id}`, resource, search: { mode: 'match' } })),
  };
}
