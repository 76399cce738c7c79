// Guards of the IP-case machine, each a yes/no question about the case and the event (no I/O, no clock).
import { isCivilDate, osloDateOf } from '../../calendar/src/civil-date';
import type { IpCaseEvent } from './ip-case.events';
import {
  ConsentGrantInput,
  ConsentRef,
  ConsentScope,
  CoordinatorRef,
  IpCaseContext,
  LineDecision,
  MANUAL_CLOSURE_REASONS,
  PARTY_SCOPES,
  PlanDraft,
  ServiceLine,
} from './ip-case.types';

type Ev<T extends IpCaseEvent['type']> = Extract<IpCaseEvent, { type: T }>;

export function ageOn(birthDate: string | null, instant: string): number | null {
  if (!birthDate) return null;
  const today = osloDateOf(instant);
  let age = +today.slice(0, 4) - +birthDate.slice(0, 4);
  if (today.slice(5) < birthDate.slice(5)) age--;
  return age;
}

export function hasActiveConsent(ctx: IpCaseContext, scope: ConsentScope, party?: string): boolean {
  return ctx.consents.some((c) => c.status === 'ACTIVE' && c.scope === scope && (party === undefined || c.party === party));
}

const sameRef = (a: ConsentRef, b: ConsentRef) => a.scope === b.scope && (a.party ?? null) === (b.party ?? null);

export function activeConsentsAfterWithdrawal(ctx: IpCaseContext, withdraw: ConsentRef[]) {
  return ctx.consents.filter((c) => c.status === 'ACTIVE' && !withdraw.some((w) => sameRef(w, c)));
}

export function lineDecision(ctx: IpCaseContext, line: ServiceLine): LineDecision | undefined {
  return ctx.decisions.find((d) => d.line === line);
}

const grantedOutcome = (d?: LineDecision) => d?.outcome === 'GRANTED' || d?.outcome === 'PARTLY';

export function isLineGranted(ctx: IpCaseContext, line: ServiceLine): boolean {
  return grantedOutcome(lineDecision(ctx, line));
}

/** Capacity must match who may consent for the subject (domain 3.4). */
function capacityFits(ctx: IpCaseContext, g: ConsentGrantInput): boolean {
  if (g.scope === 'APPOINT_CHILD_COORD') return ['PARENT', 'CHILD_WELFARE', 'GUARDIAN'].includes(g.capacity);
  if (ctx.consentAuthority === 'PARENTS') return g.capacity === 'PARENT' || g.capacity === 'CHILD_WELFARE';
  return g.capacity === 'SELF' || g.capacity === 'GUARDIAN' || g.capacity === 'REPRESENTATIVE';
}

export function grantsAreValid(ctx: IpCaseContext, grants: ConsentGrantInput[]): boolean {
  return (
    grants.length > 0 &&
    grants.every(
      (g) =>
        g.informationGiven === true &&
        (PARTY_SCOPES.includes(g.scope) ? !!g.party : g.party === undefined) &&
        capacityFits(ctx, g),
    )
  );
}

export function withdrawalTargetsExist(ctx: IpCaseContext, withdraw: ConsentRef[]): boolean {
  return withdraw.length > 0 && withdraw.every((w) => ctx.consents.some((c) => c.status === 'ACTIVE' && sameRef(w, c)));
}

/** Decisions cover the requested lines, give reasons where refused, and respect the age limit of barnekoordinator. */
export function decisionsAreValid(ctx: IpCaseContext, decisions: LineDecision[], at: string): boolean {
  const lines = decisions.map((d) => d.line);
  if (new Set(lines).size !== lines.length) return false;
  if (!ctx.requestedLines.every((l) => lines.includes(l))) return false;
  for (const d of decisions) {
    if (!d.legalBasis) return false;
    if (d.outcome !== 'GRANTED' && d.outcome !== 'USER_DECLINED' && !d.reasons?.trim()) return false;
    if (d.line === 'BARNEKOORDINATOR' && grantedOutcome(d)) {
      const age = ageOn(ctx.birthDate, at);
      if (!ctx.expectedChild && (age === null || age >= 18)) return false;
    }
  }
  // pbrl § 2-5 b: a coordinator must be offered even when the person declines an IP.
  const ip = decisions.find((d) => d.line === 'IP');
  if (ip?.outcome === 'USER_DECLINED' && !decisions.some((d) => d.line !== 'IP')) return false;
  return true;
}

export const anyGranted = (decisions: LineDecision[]) => decisions.some(grantedOutcome);
export const allDeclinedByUser = (decisions: LineDecision[]) => decisions.every((d) => d.outcome === 'USER_DECLINED');
const appealable = (d?: LineDecision) => d?.outcome === 'REJECTED' || d?.outcome === 'PARTLY' || d?.outcome === 'DISMISSED';

export function appealIsValid(ctx: IpCaseContext, e: Ev<'APPEAL_RECEIVED'>): boolean {
  return (
    e.contestedLines.length > 0 &&
    e.contestedLines.every((l) => appealable(lineDecision(ctx, l))) &&
    !!e.grounds?.trim()
  );
}

export function reversalIsValid(ctx: IpCaseContext, decisions: LineDecision[] | undefined, at: string): boolean {
  if (!decisions) return true; // contested lines become GRANTED
  const merged = mergeDecisions(ctx.decisions, decisions);
  return decisionsAreValid(ctx, merged, at) && anyGranted(merged);
}

export function mergeDecisions(current: LineDecision[], changes: LineDecision[]): LineDecision[] {
  return [...current.filter((d) => !changes.some((c) => c.line === d.line)), ...changes];
}

/** The coordinator's line is granted and the matching appointment consent is active (domain S6, 7.5). */
export function appointmentAllowed(ctx: IpCaseContext, c: CoordinatorRef): boolean {
  if (!c.employeeId || !c.unit) return false;
  if (c.line === 'BARNEKOORDINATOR') {
    return isLineGranted(ctx, 'BARNEKOORDINATOR') && !ctx.childCoordinatorEnded && hasActiveConsent(ctx, 'APPOINT_CHILD_COORD');
  }
  return (isLineGranted(ctx, 'KOORDINATOR') || isLineGranted(ctx, 'IP')) && hasActiveConsent(ctx, 'APPOINT_COORD');
}

export const planWorkAllowed = (ctx: IpCaseContext) =>
  isLineGranted(ctx, 'IP') && !ctx.planFrozen && hasActiveConsent(ctx, 'ESTABLISH_IP');

export function membersWithinConsent(ctx: IpCaseContext, parties: string[]): boolean {
  return parties.length > 0 && parties.every((p) => hasActiveConsent(ctx, 'PARTICIPANT', p));
}

const isFuture = (date: string | undefined, at: string) => !!date && isCivilDate(date) && date > osloDateOf(at);

/** Minimum content that the machine can check (domain 7.6): goals, measures with a participant responsible, revision date. */
export function planIsComplete(ctx: IpCaseContext, plan: PlanDraft | undefined, at: string): boolean {
  if (!plan || !Array.isArray(plan.goals) || !Array.isArray(plan.measures)) return false;
  return (
    plan.goals.length > 0 &&
    plan.goals.every((g) => !!g.statementInUserWords?.trim() && !!g.lifeArea) &&
    plan.measures.length > 0 &&
    plan.measures.every(
      (m) => !!m.description?.trim() && !!m.scope?.trim() && (m.responsibleParty === 'USER' || hasActiveConsent(ctx, 'PARTICIPANT', m.responsibleParty)),
    ) &&
    isFuture(plan.revisionDate, at) &&
    !!plan.userParticipation
  );
}

export function evaluationIsValid(ctx: IpCaseContext, e: Ev<'EVALUATION_COMPLETED'>): boolean {
  switch (e.outcome) {
    case 'CONTINUE':
      return isFuture(e.nextEvaluationDate, e.at);
    case 'REVISE':
      return planWorkAllowed(ctx) && planIsComplete(ctx, e.plan, e.at);
    case 'CLOSE':
      return !!e.closureReason && MANUAL_CLOSURE_REASONS.includes(e.closureReason);
  }
  return false;
}

export function pauseIsValid(e: Ev<'PAUSE'>): boolean {
  return !!e.reason?.trim() && isFuture(e.plannedResumeDate, e.at);
}

export function manualClosureAllowed(ctx: IpCaseContext, e: Ev<'CLOSE'>): boolean {
  if (!MANUAL_CLOSURE_REASONS.includes(e.reason)) return false;
  if (e.reason === 'CHILD_TURNED_18_CONVERTED') return ctx.turned18At !== null;
  if (e.reason === 'APPEAL_FINAL_REJECTION') return ctx.decisions.length > 0 && !anyGranted(ctx.decisions);
  return true;
}
