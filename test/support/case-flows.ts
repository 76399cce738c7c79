// Cases driven over HTTP through whole paths, for tests that look at what those paths leave behind (the archive).
import type { Principal } from '../../libs/auth/src';
import type { Api } from './api';
import { consentGrant, notificationBody } from './notification';

export const kari: Principal = { sub: 'kari.saksbehandler', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: ['4601'] };
export const lars: Principal = { sub: 'lars.leder', name: 'Lars Leder', role: 'KE_LEADER', municipalities: ['4601'] };
export const ola: Principal = { sub: 'emp-17', name: 'Ola Koordinator', role: 'COORDINATOR', municipalities: ['4601'] };

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
export const planDraft = () => ({
  goals: [{ lifeArea: 'health', statementInUserWords: 'Jeg vil gå til butikken selv' }],
  measures: [{ description: 'Fysioterapi', responsibleParty: 'Fysioterapitjenesten', scope: '2 t/uke' }],
  revisionDate: inDays(200),
  userParticipation: 'FULL',
});

/** The body of POST /cases: a notification received yesterday. */
export const intakeBody = (over: Record<string, unknown> = {}) => notificationBody({ receivedAt: new Date(Date.now() - 86_400_000).toISOString(), ...over });

export function decisionBody(outcome: 'GRANTED' | 'REJECTED') {
  const reasons = outcome === 'REJECTED' ? { reasons: 'Ikke behov for langvarige, koordinerte tjenester' } : {};
  return {
    type: 'RECORD_DECISION', sentAt: new Date().toISOString(), appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX',
    decisions: [
      { line: 'IP', outcome, legalBasis: 'pbrl § 2-5', ...reasons },
      { line: 'KOORDINATOR', outcome, legalBasis: 'pbrl § 2-5 b', ...reasons },
    ],
  };
}

/**
 * A case's whole life after the intake, each command with who sends it: decision, consent, appointment, mapping, plan,
 * evaluation, closure (the throughput bench drives the same path). Made when called: the dates are of that moment.
 */
export function wholeLifeCommands(): { as: Principal; body: Record<string, unknown> }[] {
  const grant = (scope: string, party?: string) => consentGrant(scope, party);
  return [
    { as: kari, body: { type: 'REGISTER' } },
    { as: kari, body: { type: 'START_ASSESSMENT' } },
    { as: kari, body: decisionBody('GRANTED') },
    { as: kari, body: { type: 'CONSENT_GIVEN', grants: [grant('ESTABLISH_IP'), grant('APPOINT_COORD'), grant('PARTICIPANT', 'Fysioterapitjenesten')] } },
    { as: kari, body: { type: 'PROPOSE_COORDINATOR', coordinator: { employeeId: ola.sub, unit: 'Hjemmetjenesten', line: 'KOORDINATOR', userWishMet: true } } },
    { as: ola, body: { type: 'COORDINATOR_ACCEPTED' } },
    { as: ola, body: { type: 'START_MAPPING' } },
    { as: ola, body: { type: 'RECORD_MAPPING', summary: 'Mål, ressurser og behov kartlagt' } },
    { as: ola, body: { type: 'FORM_ANSVARSGRUPPE', members: [{ party: 'Fysioterapitjenesten', role: 'Fysioterapeut' }] } },
    { as: ola, body: { type: 'MAPPING_COMPLETED' } },
    { as: ola, body: { type: 'SUBMIT_PLAN_DRAFT', plan: planDraft() } },
    { as: ola, body: { type: 'PLAN_APPROVED' } },
    { as: lars, body: { type: 'START_EVALUATION', trigger: 'SCHEDULED' } },
    { as: lars, body: { type: 'EVALUATION_COMPLETED', outcome: 'REVISE', plan: planDraft() } },
    { as: lars, body: { type: 'CLOSE', reason: 'NEED_ENDED', note: 'Behovet er dekket' } },
  ];
}

export class CaseDriver {
  private readonly tokens = new Map<string, string>();
  constructor(private readonly api: Api) {}

  async as(p: Principal) {
    if (!this.tokens.has(p.sub)) this.tokens.set(p.sub, await this.api.token(p));
    return { Authorization: `Bearer ${this.tokens.get(p.sub)}` };
  }

  async register(over: Record<string, unknown> = {}): Promise<string> {
    const res = await this.api.http.post('/cases').set(await this.as(kari)).send(intakeBody(over));
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.caseId;
  }

  async event(p: Principal, caseId: string, body: Record<string, unknown>) {
    const res = await this.api.http.post(`/cases/${caseId}/events`).set(await this.as(p)).send(body);
    if (res.status !== 200) throw new Error(`${body.type}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async decide(caseId: string, outcome: 'GRANTED' | 'REJECTED') {
    await this.event(kari, caseId, { type: 'REGISTER' });
    await this.event(kari, caseId, { type: 'START_ASSESSMENT' });
    return this.recordDecision(caseId, outcome);
  }

  async recordDecision(caseId: string, outcome: 'GRANTED' | 'REJECTED') {
    return this.event(kari, caseId, decisionBody(outcome));
  }

  /** Notification to closure: decision, consent, appointment, mapping, plan, evaluation, closure. */
  async wholeLife(caseId: string) {
    let last: unknown;
    for (const c of wholeLifeCommands()) last = await this.event(c.as, caseId, c.body);
    return last;
  }

  /** Rejected, appealed, upheld by the KE, forwarded, upheld by Statsforvalteren: the case closes. */
  async appealedToStatsforvalteren(caseId: string) {
    await this.decide(caseId, 'REJECTED');
    await this.event(kari, caseId, { type: 'APPEAL_RECEIVED', receivedAt: new Date().toISOString(), contestedLines: ['IP', 'KOORDINATOR'], grounds: 'Uenig i vurderingen' });
    await this.event(lars, caseId, { type: 'APPEAL_RECONSIDERED', outcome: 'UPHELD' });
    await this.event(lars, caseId, { type: 'APPEAL_FORWARDED', forwardedAt: new Date().toISOString() });
    return this.event(kari, caseId, { type: 'STATSFORVALTER_DECIDED', outcome: 'UPHELD' });
  }
}
