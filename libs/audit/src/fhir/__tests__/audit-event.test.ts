// The access log as FHIR: every AuditEvent is valid R4 (FHIR.js against the base structure definitions) and, for
// reads and lists, conforms to the BALP Read and Query profiles; the person, the role, the purpose and the case are
// where BALP puts them.
import { Fhir } from 'fhir';
import type { AuditEvent } from '@medplum/fhirtypes';
import { AccessLogRecord, auditEventBundle, BALP_QUERY, BALP_READ, toAuditEvent } from '../audit-event';
import { balpProblems } from '../balp-conformance';

const CASE = '6b1f0c8e-3d2a-4c5b-9e7f-1a2b3c4d5e6f';
const server = { name: 'ke-ip-api', url: 'https://ke-ip.example' };
const entry = (over: Partial<AccessLogRecord> = {}): AccessLogRecord => ({
  id: '41',
  at: '2026-05-04T08:15:00.000Z',
  actor: { sub: 'kari.4601', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER' },
  action: 'READ',
  resource: `cases/${CASE}/history`,
  outcome: 200,
  caseId: CASE,
  municipality: '4601',
  purpose: 'ASSIGNED_TASK',
  purposeSource: 'BASIS',
  basis: 'ASSIGNED_TASK',
  emergencyReason: null,
  requestId: 'req-0000-0001',
  clientId: 'ke-ip-web',
  clientAddress: '127.0.0.1',
  filters: null,
  ...over,
});

const fhir = new Fhir();
/**
 * FHIR.js against the R4 structure definitions: every error, and every warning but terminology's. AuditEvent's
 * bindings are extensible or example (BALP and this engine add their own codes), and FHIR.js carries no v3 value sets.
 */
const TERMINOLOGY = /not found in value set|Value set ".*" could not be found/;
const r4Messages = (resource: object) =>
  (fhir.validate(resource, { errorOnUnexpected: true }).messages ?? []).filter((m) => m.severity === 'error' || !TERMINOLOGY.test(m.message ?? ''));

const userOf = (e: AuditEvent) => e.agent.find((a) => a.requestor)!;

describe('an access-log entry as a FHIR AuditEvent', () => {
  it('is a BALP Read for a read: rest/read, action R, the person as the requesting agent with role and purpose, the case as data, the request id', () => {
    const e = toAuditEvent(entry(), server);
    expect(balpProblems(e)).toEqual([]);
    expect(r4Messages(e)).toEqual([]);
    expect(e).toMatchObject({
      resourceType: 'AuditEvent',
      meta: { profile: [BALP_READ] },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
      subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: 'read' }],
      action: 'R',
      recorded: '2026-05-04T08:15:00.000Z',
      outcome: '0',
      source: { site: '4601', observer: { display: 'ke-ip-api' } },
    });
    expect(userOf(e)).toMatchObject({
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] },
      who: { identifier: { value: 'kari.4601' }, display: 'Kari Saksbehandler' },
      name: 'Kari Saksbehandler',
      requestor: true,
      role: [{ coding: [{ system: 'urn:ke-ip:role', code: 'KE_CASEWORKER' }] }],
      purposeOfUse: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'COC' }, { system: 'urn:ke-ip:access-basis', code: 'ASSIGNED_TASK' }] }],
    });
    expect(e.entity).toEqual(expect.arrayContaining([
      expect.objectContaining({ what: { identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${CASE}` }, display: `cases/${CASE}/history` }, role: expect.objectContaining({ code: '4' }) }),
      expect.objectContaining({ type: { system: 'https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType', code: 'XrequestId' }, what: { identifier: { value: 'req-0000-0001' } } }),
    ]));
  });

  it('is a BALP Query for a list that showed the case: rest/search, action E, the request base64 in entity[query]', () => {
    const e = toAuditEvent(entry({ action: 'LIST', resource: 'tasks', filters: { caseId: CASE, limit: 5 }, basis: 'KE_MUNICIPALITY', purpose: 'Forberede ansvarsgruppemøte', purposeSource: 'HEADER' }), server);
    expect(balpProblems(e)).toEqual([]);
    expect(r4Messages(e)).toEqual([]);
    expect(e).toMatchObject({ meta: { profile: [BALP_QUERY] }, subtype: [{ code: 'search' }], action: 'E' });
    const query = e.entity!.find((x) => x.role?.code === '24')!;
    expect(Buffer.from(query.query!, 'base64').toString()).toBe(`tasks?caseId=${CASE}&limit=5`);
    expect(userOf(e).purposeOfUse).toEqual([{ coding: expect.any(Array), text: 'Forberede ansvarsgruppemøte' }]);
  });

  it('says an emergency access is one: purpose break the glass, with the reason in the person\'s words', () => {
    const e = toAuditEvent(entry({ actor: { sub: 'emp-99', name: 'Eva Koordinator', role: 'COORDINATOR' }, basis: 'EMERGENCY', purpose: 'EMERGENCY', emergencyReason: 'Akutt innleggelse, trenger planen' }), server);
    expect(balpProblems(e)).toEqual([]);
    expect(userOf(e).purposeOfUse).toEqual([{
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'BTG', display: 'break the glass' }, { system: 'urn:ke-ip:access-basis', code: 'EMERGENCY' }],
      text: 'Akutt innleggelse, trenger planen',
    }]);
  });

  it('gives creates and updates as rest events of their own (create/C, update/U) with the person as author, valid R4', () => {
    for (const [action, subtype, code] of [['CREATE', 'create', 'C'], ['COMMAND', 'update', 'U']] as const) {
      const e = toAuditEvent(entry({ action, resource: action === 'CREATE' ? 'cases' : `cases/${CASE}/events/REGISTER`, outcome: action === 'CREATE' ? 201 : 200 }), server);
      expect(r4Messages(e)).toEqual([]);
      expect(e).toMatchObject({ subtype: [{ code: subtype }], action: code, outcome: '0' });
      expect(e.meta).toBeUndefined();
      expect(userOf(e).type!.coding![0].code).toBe('AUT');
    }
  });

  it('pages as a searchset Bundle with self and next links, valid R4', () => {
    const bundle = auditEventBundle([entry(), entry({ id: '40', action: 'LIST', resource: 'cases', filters: {} })], { server, self: 'https://ke-ip.example/cases/x/access-log', next: 'https://ke-ip.example/cases/x/access-log?cursor=abc' });
    expect(r4Messages(bundle)).toEqual([]);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'self' }, { relation: 'next', url: expect.stringContaining('cursor=abc') }] });
    expect(bundle.entry!.map((x) => x.resource!.id)).toEqual(['41', '40']);
    expect(bundle.entry!.map((x) => x.search!.mode)).toEqual(['match', 'match']);
  });
});

describe('the checks themselves', () => {
  it('FHIR.js refuses an AuditEvent without agents and with a property R4 does not have', () => {
    const { agent: _agent, ...e } = toAuditEvent(entry(), server);
    expect(r4Messages({ ...e, purpose: 'x' }).map((m) => [m.location, m.message])).toEqual(
      expect.arrayContaining([['AuditEvent.agent', 'Missing property'], ['AuditEvent.purpose', 'Unexpected property']]),
    );
  });
});

describe('the BALP checker', () => {
  it('names what a Read lacks: a requestor that is not, a second data entity, the wrong action and outcome', () => {
    const e = toAuditEvent(entry(), server);
    userOf(e).requestor = false;
    const broken: AuditEvent = { ...e, action: 'E', outcome: '4', entity: [...e.entity!, e.entity![0]] };
    expect(balpProblems(broken)).toEqual(expect.arrayContaining([
      'action is R', 'outcome is 0 (success)', 'exactly one entity[data] (audit-entity-type#2)',
    ]));
    expect(balpProblems({ ...e, agent: e.agent.map((a) => ({ ...a, requestor: a.type?.coding?.[0].code === 'IRCP' ? false : a.requestor })) })).toContain('agent[user].requestor is true');
    expect(balpProblems({ ...e, agent: e.agent.filter((a) => a.type?.coding?.[0].code !== '110152') })).toContain('exactly one agent[client] (DCM#110152)');
  });

  it('names a Query without its query', () => {
    const e = toAuditEvent(entry({ action: 'LIST', resource: 'tasks', filters: {} }), server);
    expect(balpProblems({ ...e, entity: e.entity!.map((x) => (x.role?.code === '24' ? { ...x, query: undefined } : x)) })).toContain('entity[query].query (base64 of the request)');
  });
});
