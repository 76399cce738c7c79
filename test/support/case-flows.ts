// Cases driven over HTTP through whole paths, for tests that look at what those paths leave behind (the archive).
import { randomUUID } from 'node:crypto';
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

export interface CaseStep {
  as: Principal;
  body: Record<string, unknown>;
}

export const decisionBody = (outcome: 'GRANTED' | 'REJECTED') => {
  const reasons = outcome === 'REJECTED' ? { reasons: 'Ikke behov for langvarige, koordinerte tjenester' } : {};
  return {
    type: 'RECORD_DECISION', sentAt: new Date().toISOString(), appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX',
    decisions: [
      { line: 'IP', outcome, legalBasis: 'pbrl § 2-5', ...reasons },
      { line: 'KOORDINATOR', outcome, legalBasis: 'pbrl § 2-5 b', ...reasons },
    ],
  };
};

/** The events of a granted case after its notification, each with who sends it, through to closure. */
export function wholeLifeSteps(): CaseStep[] {
  const grant = (scope: string, party?: string) => consentGrant(scope, party);
  return [
    { as: kari, body: { type: 'REGISTER' } },
    { as: kari, body: { type: 'START_ASSESSMENT' } },
    { as: kari, body: decisionBody('GRANTED') },
    { as: kari, body: { type: 'CONSENT_GIVEN', grants: [grant('ESTABLISH_IP'), grant('APPOINT_COORD'), grant('PARTICIPANT', 'Fysioterapitjenesten')] } },
    { as: kari, body: { type: 'PROPOSE_COORDINATOR', coordinator: { employeeId: 'emp-17', unit: 'Hjemmetjenesten', line: 'KOORDINATOR', userWishMet: true } } },
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

export interface DriverOptions {
  /**
   * Send every command with an Idempotency-Key and, while the engine is partly down (5xx, the first attempt still in
   * flight, no connection), send it again with the same key until this many ms have passed: what a client does.
   */
  retryForMs?: number;
}

/** Answers that say "not now": the command may or may not have applied, and the same key tells. */
export const transient = (status: number, body: { code?: string }) => status >= 500 || status === 429 || (status === 409 && body?.code === 'idempotency-key-in-flight');

export class CaseDriver {
  private readonly tokens = new Map<string, string>();
  /** Commands sent again after a transient answer, by status ('ECONNREFUSED' … for no answer). */
  readonly retried: Record<string, number> = {};
  constructor(private readonly api: Pick<Api, 'http' | 'token'>, private readonly o: DriverOptions = {}) {}

  async as(p: Principal) {
    if (!this.tokens.has(p.sub)) this.tokens.set(p.sub, await this.api.token(p));
    return { Authorization: `Bearer ${this.tokens.get(p.sub)}` };
  }

  private async post(what: string, path: string, p: Principal, body: Record<string, unknown>, expected: number) {
    const headers: Record<string, string> = await this.as(p);
    if (!this.o.retryForMs) {
      const res = await this.api.http.post(path).set(headers).send(body);
      if (res.status !== expected) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    }
    headers['Idempotency-Key'] = randomUUID();
    const until = Date.now() + this.o.retryForMs;
    for (;;) {
      const res = await this.api.http.post(path).set(headers).send(body).then(
        (r) => ({ status: r.status, body: r.body, failure: undefined as string | undefined }),
        (e: { code?: string; message: string }) => ({ status: 0, body: undefined, failure: e.code ?? e.message }),
      );
      if (res.status === expected) return res.body;
      if (!(res.failure || transient(res.status, res.body)) || Date.now() > until) throw new Error(`${what}: ${res.failure ?? res.status} ${JSON.stringify(res.body)}`);
      const why = res.failure ?? String(res.status);
      this.retried[why] = (this.retried[why] ?? 0) + 1;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  async register(over: Record<string, unknown> = {}): Promise<string> {
    const body = await this.post('register', '/cases', kari, intakeBody(over), 201);
    return body.caseId;
  }

  async event(p: Principal, caseId: string, body: Record<string, unknown>) {
    return this.post(String(body.type), `/cases/${caseId}/events`, p, body, 200);
  }

  async decide(caseId: string, outcome: 'GRANTED' | 'REJECTED') {
    await this.event(kari, caseId, { type: 'REGISTER' });
    await this.event(kari, caseId, { type: 'START_ASSESSMENT' });
    return this.recordDecision(caseId, outcome);
  }

  async recordDecision(caseId: string, outcome: 'GRANTED' | 'REJECTED') {
    return this.event(kari, caseId, decisionBody(outcome));
  }

  /** Notification to closure: decision, consent, appointment, mapping, plan, a coordinator change, evaluation, closure. */
  async wholeLife(caseId: string) {
    let last: any;
    for (const step of wholeLifeSteps()) last = await this.event(step.as, caseId, step.body);
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
