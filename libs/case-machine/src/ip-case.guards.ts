// Questions about a case and an event (no I/O, no clock). The `…Problem` functions answer "what is wrong", in one
// sentence, or null when nothing is: the rules (ip-case.rules.ts) turn them into guards and refusals.
import { daysBetween, isCivilDate, osloDateOf } from '../../calendar/src/civil-date';
import { NorwegianCalendar } from '../../calendar/src/norwegian-calendar';
import type { IpCaseEvent } from './ip-case.events';
import {
  CHILD_HEARD_WAYS,
  ConsentGrantInput,
  ConsentRef,
  ConsentScope,
  CoordinatorRef,
  DISCLOSURE_SCOPES,
  INFORMATION_ITEMS,
  IpCaseContext,
  LetterMethod,
  LineDecision,
  MANUAL_CLOSURE_REASONS,
  PARTY_SCOPES,
  PlanDraft,
  ServiceLine,
} from './ip-case.types';

type Ev<T extends IpCaseEvent['type']> = Extract<IpCaseEvent, { type: T }>;

/** Cases started before rule versions run by the rules they started with (see CURRENT_RULES_VERSION). */
export const legacyRules = (ctx: IpCaseContext) => (ctx.rulesVersion ?? 1) < 2;

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
export const scopeLabel = (r: ConsentRef) => (r.party ? `${r.scope}:${r.party}` : r.scope);

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

function missingInformation(ctx: IpCaseContext, g: ConsentGrantInput): string[] {
  if (g.informationGiven === true && legacyRules(ctx)) return [];
  const list = g.informationGiven;
  if (typeof list !== 'object' || list === null) return [...INFORMATION_ITEMS];
  return INFORMATION_ITEMS.filter((item) => list[item] !== true);
}

export function grantsProblem(ctx: IpCaseContext, grants: ConsentGrantInput[] | undefined): string | null {
  if (!Array.isArray(grants) || grants.length === 0) return 'Name at least one consent scope.';
  for (const g of grants) {
    const label = scopeLabel(g);
    const missing = missingInformation(ctx, g);
    if (missing.length) return `${label}: the person was not told everything consent needs (${missing.join(', ')}).`;
    if (PARTY_SCOPES.includes(g.scope) && !g.party) return `${g.scope} names the party (a service or role) it covers.`;
    if (!PARTY_SCOPES.includes(g.scope) && g.party !== undefined) return `${g.scope} covers no party.`;
    if (!capacityFits(ctx, g)) {
      return ctx.consentAuthority === 'PARENTS' && g.scope !== 'APPOINT_CHILD_COORD'
        ? `${label}: below 16 the parents (or the child welfare service) consent, not ${g.capacity} (pbrl § 4-4).`
        : `${label}: ${g.capacity} cannot consent for this person (pbrl §§ 4-3, 4-4).`;
    }
    if (!legacyRules(ctx) && !g.givenBy?.name?.trim()) return `${label}: record who gave the consent (givenBy).`;
    if (!legacyRules(ctx) && g.form === 'ORAL_RECORDED' && !g.oral) return `${label}: an oral consent is recorded with who recorded it, the setting and the EPJ reference.`;
  }
  return null;
}

export function missingWithdrawalTargets(ctx: IpCaseContext, withdraw: ConsentRef[]): string[] {
  return withdraw.filter((w) => !ctx.consents.some((c) => c.status === 'ACTIVE' && sameRef(w, c))).map(scopeLabel);
}

export function withdrawalTargetsExist(ctx: IpCaseContext, withdraw: ConsentRef[]): boolean {
  return withdraw.length > 0 && missingWithdrawalTargets(ctx, withdraw).length === 0;
}

export function consentChangeProblem(ctx: IpCaseContext, e: Ev<'CONSENT_CHANGED'>): string | null {
  if (!Array.isArray(e.grants) || !Array.isArray(e.withdraw)) return 'A consent change lists grants and withdrawals.';
  if (e.grants.length + e.withdraw.length === 0) return 'A consent change grants or withdraws at least one scope.';
  // Withdrawing the plan itself is a CONSENT_WITHDRAWN, with its consequences explained.
  if (e.withdraw.some((w) => w.scope === 'ESTABLISH_IP')) return 'Withdrawing ESTABLISH_IP is a CONSENT_WITHDRAWN, with its consequences explained (pbrl § 4-1).';
  const missing = missingWithdrawalTargets(ctx, e.withdraw);
  if (missing.length) return `No active consent to withdraw: ${missing.join(', ')}.`;
  return e.grants.length ? grantsProblem(ctx, e.grants) : null;
}

export function coordinatorLineContinues(ctx: IpCaseContext, withdraw: ConsentRef[]): boolean {
  const left = activeConsentsAfterWithdrawal(ctx, withdraw);
  return (
    (isLineGranted(ctx, 'KOORDINATOR') && left.some((c) => c.scope === 'APPOINT_COORD')) ||
    (isLineGranted(ctx, 'BARNEKOORDINATOR') && left.some((c) => c.scope === 'APPOINT_CHILD_COORD'))
  );
}

/** Parties whose consent ended and who have not yet been told that sharing stopped. */
export const partiesToNotify = (ctx: IpCaseContext) => [...new Set((ctx.sharingEnded ?? []).filter((s) => !s.notifiedAt).map((s) => s.party))];
export const noticeCoversParties = (ctx: IpCaseContext, parties: string[] | undefined) =>
  Array.isArray(parties) && parties.length > 0 && parties.every((p) => partiesToNotify(ctx).includes(p));

/** Decisions cover the requested lines, give reasons where refused, and respect the age limit of barnekoordinator. */
export function decisionsProblem(ctx: IpCaseContext, decisions: LineDecision[] | undefined, at: string): string | null {
  if (!Array.isArray(decisions) || decisions.length === 0) return 'A decision decides each requested service line.';
  const lines = decisions.map((d) => d.line);
  if (new Set(lines).size !== lines.length) return 'Each service line is decided once.';
  const undecided = ctx.requestedLines.filter((l) => !lines.includes(l));
  if (undecided.length) return `Every requested line is decided: ${undecided.join(', ')} is not.`;
  for (const d of decisions) {
    if (!d.legalBasis) return `${d.line}: state the legal basis.`;
    if (d.outcome !== 'GRANTED' && d.outcome !== 'USER_DECLINED' && !d.reasons?.trim()) return `${d.line}: a ${d.outcome} decision gives its reasons (fvl §§ 24–25).`;
    if (d.line === 'BARNEKOORDINATOR' && grantedOutcome(d)) {
      const age = ageOn(ctx.birthDate, at);
      if (!ctx.expectedChild && (age === null || age >= 18)) return 'A child coordinator is for a child under 18 or an expected child (pbrl § 2-5 c).';
    }
  }
  // pbrl § 2-5 b: a coordinator must be offered even when the person declines an IP.
  const ip = decisions.find((d) => d.line === 'IP');
  if (ip?.outcome === 'USER_DECLINED' && !decisions.some((d) => d.line !== 'IP')) return 'When the person declines the plan, a coordinator is still decided on (pbrl § 2-5 b).';
  return null;
}

export function decisionProblem(ctx: IpCaseContext, e: Ev<'RECORD_DECISION'>): string | null {
  // A decision letter carries appeal information (pbrl §§ 7-2, 7-5). Absent only in histories from before the
  // field existed, which must replay as they ran; the API requires it.
  if (e.appealInformationIncluded === false) return 'The decision letter states how to appeal: to whom, the 4-week deadline, access to documents, help from the ombud.';
  if (!legacyRules(ctx) && !e.letterMethod) return 'Say how the decision letter is sent (letterMethod): the appeal window runs from when the person receives it.';
  return decisionsProblem(ctx, e.decisions, e.at);
}

export function decisionsAreValid(ctx: IpCaseContext, decisions: LineDecision[], at: string): boolean {
  return decisionsProblem(ctx, decisions, at) === null;
}

export const anyGranted = (decisions: LineDecision[]) => decisions.some(grantedOutcome);
export const allDeclinedByUser = (decisions: LineDecision[]) => decisions.every((d) => d.outcome === 'USER_DECLINED');
export const isAppealable = (d?: LineDecision) => d?.outcome === 'REJECTED' || d?.outcome === 'PARTLY' || d?.outcome === 'DISMISSED';

export function appealProblem(ctx: IpCaseContext, e: Ev<'APPEAL_RECEIVED'>): string | null {
  if (!Array.isArray(e.contestedLines) || e.contestedLines.length === 0) return 'An appeal names the lines it contests.';
  const notAppealable = e.contestedLines.filter((l) => !isAppealable(lineDecision(ctx, l)));
  if (notAppealable.length) return `Only a rejected, partly granted or dismissed line can be appealed: ${notAppealable.join(', ')} is not.`;
  if (!e.grounds?.trim()) return 'An appeal states what the person disagrees with.';
  if (!legacyRules(ctx) && e.receivedAt > e.at) return 'An appeal cannot be received in the future.';
  return null;
}

/**
 * When the person is taken to have received a letter (stated in the README): the day it is handed over or put in the
 * digital mailbox; by post, the third working day after it is sent.
 */
export function letterReceivedOn(sentAt: string, method: LetterMethod): string {
  const sent = osloDateOf(sentAt);
  return method === 'POST' ? new NorwegianCalendar().deadline(sent, { unit: 'businessDays', amount: 3 }) : sent;
}

/** The appeal window's last day: four weeks from receipt of the letter, moved off days off (pbrl § 7-5, fvl § 30). */
export function appealWindowEnds(ctx: IpCaseContext): string | null {
  if (!ctx.decisionLetter) return null;
  return new NorwegianCalendar().deadline(ctx.decisionLetter.receivedOn, { unit: 'weeks', amount: 4 });
}

export function appealDaysLate(ctx: IpCaseContext, receivedAt: string): number {
  const ends = appealWindowEnds(ctx);
  return ends ? Math.max(0, daysBetween(ends, osloDateOf(receivedAt))) : 0;
}

export function reversalIsValid(ctx: IpCaseContext, decisions: LineDecision[] | undefined, at: string): boolean {
  if (!decisions) return true; // contested lines become GRANTED
  const merged = mergeDecisions(ctx.decisions, decisions);
  return decisionsAreValid(ctx, merged, at) && anyGranted(merged);
}

export function mergeDecisions(current: LineDecision[], changes: LineDecision[]): LineDecision[] {
  return [...current.filter((d) => !changes.some((c) => c.line === d.line)), ...changes];
}

/** Some line is granted with its appointment consent active: a coordinator can be appointed (domain S6, 7.5). */
export const hasAppointmentConsent = (c: IpCaseContext) =>
  (isLineGranted(c, 'BARNEKOORDINATOR') && hasActiveConsent(c, 'APPOINT_CHILD_COORD')) ||
  ((isLineGranted(c, 'KOORDINATOR') || isLineGranted(c, 'IP')) && hasActiveConsent(c, 'APPOINT_COORD'));

/** The coordinator's line is granted and the matching appointment consent is active (domain S6, 7.5). */
export function appointmentProblem(ctx: IpCaseContext, c: CoordinatorRef | undefined): string | null {
  if (!c?.employeeId || !c.unit) return 'Name the coordinator (employee id) and their unit.';
  if (c.line === 'BARNEKOORDINATOR') {
    if (!isLineGranted(ctx, 'BARNEKOORDINATOR') || ctx.childCoordinatorEnded) return 'A child coordinator is not granted on this case (pbrl § 2-5 c).';
    if (!hasActiveConsent(ctx, 'APPOINT_CHILD_COORD')) return 'No active consent to appoint a child coordinator (APPOINT_CHILD_COORD, hol § 7-2 a).';
    return null;
  }
  if (!isLineGranted(ctx, 'KOORDINATOR') && !isLineGranted(ctx, 'IP')) return 'A coordinator is not granted on this case (pbrl § 2-5 b).';
  if (!hasActiveConsent(ctx, 'APPOINT_COORD')) return 'No active consent to appoint a coordinator (APPOINT_COORD, hol § 7-2).';
  return null;
}

export const planWorkAllowed = (ctx: IpCaseContext) =>
  isLineGranted(ctx, 'IP') && !ctx.planFrozen && hasActiveConsent(ctx, 'ESTABLISH_IP');

/**
 * The consent scopes a set of parties lacks (domain 3.2): taking part in the group or the plan needs PARTICIPANT:<party>,
 * receiving the plan needs SHARE_WITH:<party>.
 */
export function missingPartyScopes(ctx: IpCaseContext, parties: { participants?: string[]; sharedWith?: string[] }): string[] {
  const missing = [
    ...(parties.participants ?? []).filter((p) => !hasActiveConsent(ctx, 'PARTICIPANT', p)).map((p) => `PARTICIPANT:${p}`),
    ...(parties.sharedWith ?? []).filter((p) => !hasActiveConsent(ctx, 'SHARE_WITH', p)).map((p) => `SHARE_WITH:${p}`),
  ];
  return [...new Set(missing)];
}

const isFuture = (date: string | undefined, at: string) => !!date && isCivilDate(date) && date > osloDateOf(at);
/** A civil date up to the day of `at` (Europe/Oslo): something that has happened. */
const isPastOrToday = (date: string | undefined, at: string) => !!date && isCivilDate(date) && date <= osloDateOf(at);

const isDisclosureScope = (scope: string) => (DISCLOSURE_SCOPES as readonly string[]).includes(scope);
/** Some consent of the case lets information go to a party (SHARE_WITH or PARTICIPANT), whatever the payload names. */
export const hasDisclosureConsent = (ctx: IpCaseContext) => ctx.consents.some((c) => c.status === 'ACTIVE' && isDisclosureScope(c.scope));

/** What a disclosure must say for itself (domain 7.10 no. 2): to whom, under which kind of scope, why, and when. */
export function disclosureProblem(e: Ev<'INFORMATION_DISCLOSED'>): string | null {
  if (!e.recipient?.trim()) return 'Name the service or party the information was disclosed to (recipient).';
  if (!isDisclosureScope(e.scope)) return `A disclosure rests on ${DISCLOSURE_SCOPES.join(' or ')} for its recipient, not ${e.scope}.`;
  if (!e.purpose?.trim()) return 'Say what the information was disclosed for (purpose).';
  if (!isPastOrToday(e.disclosedOn, e.at)) return 'A disclosure is recorded once it has happened: disclosedOn cannot be in the future.';
  return null;
}

/**
 * The consent a disclosure lacks (hpl § 22; K7): the scope for its recipient must be active now and already given on
 * the day of the disclosure. Null when it is covered.
 */
export function disclosureConsentProblem(ctx: IpCaseContext, e: Ev<'INFORMATION_DISCLOSED'>): string | null {
  const label = scopeLabel({ scope: e.scope, party: e.recipient });
  const active = ctx.consents.filter((c) => c.status === 'ACTIVE' && c.scope === e.scope && c.party === e.recipient);
  if (active.length === 0) return `No active consent covers ${label}: the information may not be disclosed to ${e.recipient}.`;
  if (!active.some((c) => osloDateOf(c.validFrom) <= e.disclosedOn)) {
    return `The consent ${label} was given on ${osloDateOf(active[0].validFrom)}, after the disclosure on ${e.disclosedOn}: it did not cover it.`;
  }
  return null;
}

/** The person is a child at `at` (born, under 18): the child's right to be heard applies (pbrl § 4-4). */
export function isChild(ctx: IpCaseContext, at: string): boolean {
  const age = ageOn(ctx.birthDate, at);
  return age !== null && ctx.birthDate! <= osloDateOf(at) && age < 18;
}

export function childHeardProblem(ctx: IpCaseContext, e: Ev<'CHILD_HEARD'>): string | null {
  if (!CHILD_HEARD_WAYS.includes(e.how)) return `Say how the child was heard: ${CHILD_HEARD_WAYS.join(', ')}.`;
  if (!isPastOrToday(e.heardOn, e.at)) return 'The child is recorded as heard once it has happened: heardOn cannot be in the future.';
  if (ctx.birthDate && e.heardOn < ctx.birthDate) return 'heardOn is before the child\'s birth date.';
  return null;
}

/** Minimum content that the machine can check (domain 7.6): goals, measures with a party responsible, revision date, consents. */
export function planProblem(ctx: IpCaseContext, plan: PlanDraft | undefined, at: string): string | null {
  if (!plan || !Array.isArray(plan.goals) || !Array.isArray(plan.measures)) return 'A plan has goals and measures.';
  if (plan.goals.length === 0 || !plan.goals.every((g) => !!g.statementInUserWords?.trim() && !!g.lifeArea)) return 'A plan states each goal in the person\'s own words, with its life area.';
  if (plan.measures.length === 0 || !plan.measures.every((m) => !!m.description?.trim() && !!m.scope?.trim() && !!m.responsibleParty?.trim())) {
    return 'A plan has measures, each with its scope and the party responsible.';
  }
  if (!isFuture(plan.revisionDate, at)) return 'A plan sets its revision date in the future.';
  if (!plan.userParticipation) return 'A plan says how the person took part.';
  const missing = missingPartyScopes(ctx, {
    participants: [...plan.measures.map((m) => m.responsibleParty).filter((p) => p !== 'USER'), ...(plan.participants ?? []).map((p) => p.party)],
    sharedWith: plan.sharedWith,
  });
  if (missing.length) return `No active consent for ${missing.join(', ')}.`;
  return null;
}

export function planIsComplete(ctx: IpCaseContext, plan: PlanDraft | undefined, at: string): boolean {
  return planProblem(ctx, plan, at) === null;
}

export function evaluationProblem(ctx: IpCaseContext, e: Ev<'EVALUATION_COMPLETED'>): string | null {
  switch (e.outcome) {
    case 'CONTINUE':
      return isFuture(e.nextEvaluationDate, e.at) ? null : 'Continuing sets the next evaluation date in the future.';
    case 'REVISE':
      if (!planWorkAllowed(ctx)) return 'The plan cannot be revised: plan work is not allowed on this case.';
      return planProblem(ctx, e.plan, e.at);
    case 'CLOSE':
      return !!e.closureReason && MANUAL_CLOSURE_REASONS.includes(e.closureReason) ? null : `Closing names a reason: ${MANUAL_CLOSURE_REASONS.join(', ')}.`;
  }
  return 'The evaluation outcome is CONTINUE, REVISE or CLOSE.';
}

export function evaluationIsValid(ctx: IpCaseContext, e: Ev<'EVALUATION_COMPLETED'>): boolean {
  return evaluationProblem(ctx, e) === null;
}

export function pauseIsValid(e: Ev<'PAUSE'>): boolean {
  return !!e.reason?.trim() && isFuture(e.plannedResumeDate, e.at);
}

export function closureProblem(ctx: IpCaseContext, e: Ev<'CLOSE'>): string | null {
  if (!MANUAL_CLOSURE_REASONS.includes(e.reason)) return `${e.reason} follows from its own event; close with one of ${MANUAL_CLOSURE_REASONS.join(', ')}.`;
  if (e.reason === 'CHILD_TURNED_18_CONVERTED' && ctx.turned18At === null) return 'The person has not turned 18 during the case.';
  if (e.reason === 'APPEAL_FINAL_REJECTION' && !(ctx.decisions.length > 0 && !anyGranted(ctx.decisions))) return 'Only a case with every line rejected closes as APPEAL_FINAL_REJECTION.';
  return null;
}

/** Under joint parental responsibility both parents consent (pbrl § 4-4): scopes with only one parent's consent so far. */
export function scopesAwaitingSecondParent(ctx: IpCaseContext): string[] {
  if (ctx.consentAuthority !== 'PARENTS' || ctx.parentalResponsibility !== 'JOINT') return [];
  const byScope = new Map<string, Set<string>>();
  for (const c of ctx.consents) {
    if (c.status !== 'ACTIVE') continue;
    const label = scopeLabel(c);
    if (c.capacity === 'CHILD_WELFARE') byScope.set(label, new Set(['child welfare', 'service']));
    else if (c.capacity === 'PARENT') byScope.set(label, (byScope.get(label) ?? new Set()).add(grantorKey(c)));
  }
  return [...byScope].filter(([, who]) => who.size < 2).map(([label]) => label);
}

/** Two grants of one scope supersede each other only when the same person gave them (each parent separately). */
export const grantorKey = (g: ConsentGrantInput) => `${g.capacity}:${g.givenBy?.relation ?? ''}:${g.givenBy?.name?.trim().toLowerCase() ?? ''}`;
