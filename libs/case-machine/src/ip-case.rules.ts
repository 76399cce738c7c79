// The named rules the machine's transitions are guarded by: each a yes/no question with the code, the sentence and the
// legal basis a refusal gives. The machine uses them as its guards (one definition), and `ip-case.view.ts` uses the
// same definitions to say which commands a case takes now, which it refuses and why.
//
// `kind` says what a rule reads:
//  - CASE: only the case (context, and the moment asked about). Decides allowedEvents / blockedEvents.
//  - PAYLOAD: what the sender types (maybe compared with the case). Checked when the command is sent.
//  - CHOICE: which branch of a transition a payload takes (e.g. an appeal's outcome); never a reason by itself.
import type { IpCaseEvent } from './ip-case.events';
import * as g from './ip-case.guards';
import type { IpCaseContext } from './ip-case.types';

type Ev<T extends IpCaseEvent['type']> = Extract<IpCaseEvent, { type: T }>;
const ev = <T extends IpCaseEvent['type']>(e: IpCaseEvent) => e as Ev<T>;

export type RuleKind = 'CASE' | 'PAYLOAD' | 'CHOICE';

export interface RuleDefinition {
  kind: RuleKind;
  /** Stable, for clients: the `code` of a refusal and of a blocked event. */
  code: string;
  /** One sentence for the caseworker; may name what is missing. */
  refusal: string | ((ctx: IpCaseContext, event: IpCaseEvent) => string);
  legalBasis: string;
  holds: (ctx: IpCaseContext, event: IpCaseEvent) => boolean;
}

const CONSENT_BASIS = 'pbrl §§ 2-5, 4-1; hpl § 22; fvl § 13 a nr. 1';
const SHARING_BASIS = 'hpl § 22; fvl § 13 a nr. 1';
const APPEAL_BASIS = 'pbrl §§ 7-2, 7-5';
const PLAN_BASIS = 'pbrl § 2-5; forskrift om individuell plan';
const DISCLOSURE_BASIS = 'hpl § 22; pbrl § 2-5';
const CHILD_HEARD_BASIS = 'pbrl § 4-4; barnekonvensjonen art. 12';

const rule = (kind: RuleKind, code: string, legalBasis: string, refusal: RuleDefinition['refusal'], holds: RuleDefinition['holds']): RuleDefinition => ({
  kind,
  code,
  legalBasis,
  refusal,
  holds,
});
const choice = (code: string, holds: RuleDefinition['holds']) => rule('CHOICE', code, '', `the command does not take this branch (${code})`, holds);
const listed = (items: string[]) => items.join(', ');

export const RULES = {
  // Intake and registration
  notificationValid: rule('PAYLOAD', 'NOTIFICATION_INCOMPLETE', 'hpl § 38 a; forskrift hab/rehab § 6 (a)',
    'A notification names at least one service line and cannot be received in the future.',
    (_c, event) => {
      const e = ev<'NOTIFICATION_RECEIVED'>(event);
      return Array.isArray(e.requestedLines) && e.requestedLines.length > 0 && e.receivedAt <= e.at;
    }),
  noDecisionYet: rule('CASE', 'ALREADY_DECIDED', 'fvl § 11 a (3)', 'A preliminary reply is sent before the decision; this case is decided.',
    (c) => c.decidedAt === null),
  noPreliminaryReplyYet: rule('CASE', 'PRELIMINARY_REPLY_SENT', 'fvl § 11 a (3)', 'The preliminary reply has already been sent.',
    (c) => c.preliminaryReplySentAt === null),
  preliminaryReplyReasoned: rule('PAYLOAD', 'PRELIMINARY_REPLY_WITHOUT_REASON', 'fvl § 11 a (3)',
    'A preliminary reply says why the case takes time and when an answer can be expected.',
    (_c, e) => !!ev<'SEND_PRELIMINARY_REPLY'>(e).reason?.trim()),

  // Decision (S4)
  decisionValid: rule('PAYLOAD', 'DECISION_INCOMPLETE', 'pbrl §§ 2-5, 2-5 b, 2-5 c, 2-7, 7-2, 7-5',
    (c, event) => g.decisionProblem(c, ev<'RECORD_DECISION'>(event)) ?? 'The decision is not complete.',
    (c, event) => g.decisionProblem(c, ev<'RECORD_DECISION'>(event)) === null),
  decisionGrantsALine: choice('DECISION_GRANTS_A_LINE', (_c, e) => g.anyGranted(ev<'RECORD_DECISION'>(e).decisions)),
  decisionAllDeclinedByUser: choice('DECISION_ALL_DECLINED', (_c, e) => g.allDeclinedByUser(ev<'RECORD_DECISION'>(e).decisions)),

  // Appeal (2.3)
  hasAppealableDecision: rule('CASE', 'NOTHING_TO_APPEAL', APPEAL_BASIS,
    'No service line of this case is rejected, partly granted or dismissed: there is nothing to appeal.',
    (c) => c.decisions.some(g.isAppealable)),
  appealValid: rule('PAYLOAD', 'APPEAL_INVALID', APPEAL_BASIS,
    (c, e) => g.appealProblem(c, ev<'APPEAL_RECEIVED'>(e)) ?? 'The appeal is not valid.',
    (c, e) => g.appealProblem(c, ev<'APPEAL_RECEIVED'>(e)) === null),
  lateAppealAssessed: rule('CASE', 'LATE_APPEAL_NOT_ASSESSED', 'pbrl § 7-7; fvl § 31',
    (c) => `The appeal came ${c.appeal?.daysLate ?? 0} day(s) after the appeal window: assess whether the lateness is excusable first.`,
    (c) => !c.appeal || !c.appeal.daysLate || c.appeal.lateness !== 'PENDING'),
  lateAppealPending: rule('CASE', 'APPEAL_NOT_LATE', 'pbrl § 7-7; fvl § 31', 'The appeal is not late, or its lateness is already assessed.',
    (c) => !!c.appeal?.daysLate && c.appeal.lateness === 'PENDING'),
  lateAssessmentReasoned: rule('PAYLOAD', 'LATE_APPEAL_ASSESSMENT_WITHOUT_REASON', 'fvl §§ 31, 33',
    'The assessment of a late appeal gives its reasons.', (_c, e) => !!ev<'LATE_APPEAL_ASSESSED'>(e).reasons?.trim()),
  lateExcused: choice('LATE_EXCUSED', (_c, e) => ev<'LATE_APPEAL_ASSESSED'>(e).excusable === true),
  reversalValid: rule('PAYLOAD', 'REVERSAL_INVALID', 'pbrl §§ 2-5, 7-2',
    'A reversed decision must still cover every requested line, with reasons for any refusal, and grant at least one.',
    (c, event) => {
      const e = event as Ev<'APPEAL_RECONSIDERED'> | Ev<'STATSFORVALTER_DECIDED'>;
      return g.reversalIsValid(c, e.decisions, e.at);
    }),
  isReversed: choice('REVERSED', (_c, e) => (e as Ev<'APPEAL_RECONSIDERED'>).outcome === 'REVERSED'),
  isUpheld: choice('UPHELD', (_c, e) => (e as Ev<'APPEAL_RECONSIDERED'>).outcome === 'UPHELD'),
  isReturned: choice('RETURNED', (_c, e) => ev<'STATSFORVALTER_DECIDED'>(e).outcome === 'RETURNED'),
  hasGrantedLine: choice('HAS_GRANTED_LINE', (c) => g.anyGranted(c.decisions)),
  hasNoGrantedLine: choice('HAS_NO_GRANTED_LINE', (c) => !g.anyGranted(c.decisions)),

  // Consent (S5, 3)
  grantsValid: rule('PAYLOAD', 'CONSENT_INVALID', CONSENT_BASIS,
    (c, e) => g.grantsProblem(c, (e as Ev<'CONSENT_GIVEN'>).grants) ?? 'The consent is not valid.',
    (c, e) => g.grantsProblem(c, (e as Ev<'CONSENT_GIVEN'>).grants) === null),
  consentChangeValid: rule('PAYLOAD', 'CONSENT_CHANGE_INVALID', CONSENT_BASIS,
    (c, event) => g.consentChangeProblem(c, ev<'CONSENT_CHANGED'>(event)) ?? 'The consent change is not valid.',
    (c, event) => g.consentChangeProblem(c, ev<'CONSENT_CHANGED'>(event)) === null),
  hasActiveConsent: rule('CASE', 'NO_ACTIVE_CONSENT', CONSENT_BASIS, 'No consent of this case is active: there is nothing to withdraw.',
    (c) => c.consents.some((x) => x.status === 'ACTIVE')),
  withdrawalValid: rule('PAYLOAD', 'WITHDRAWAL_INVALID', 'pbrl § 4-1',
    (c, event) => {
      const e = ev<'CONSENT_WITHDRAWN'>(event);
      if (e.consequencesExplained !== true) return 'The person must be told what withdrawing consent means (consequencesExplained).';
      const missing = g.missingWithdrawalTargets(c, e.withdraw ?? []);
      return missing.length ? `No active consent to withdraw: ${listed(missing)}.` : 'Name at least one active consent to withdraw.';
    },
    (c, event) => {
      const e = ev<'CONSENT_WITHDRAWN'>(event);
      return Array.isArray(e.withdraw) && g.withdrawalTargetsExist(c, e.withdraw) && e.consequencesExplained === true;
    }),
  withdrawsAllConsent: choice('WITHDRAWS_ALL', (c, e) => g.activeConsentsAfterWithdrawal(c, ev<'CONSENT_WITHDRAWN'>(e).withdraw).length === 0),
  withdrawsEstablishIp: choice('WITHDRAWS_ESTABLISH_IP', (_c, e) => ev<'CONSENT_WITHDRAWN'>(e).withdraw.some((w) => w.scope === 'ESTABLISH_IP')),
  coordinatorLineContinues: choice('COORDINATOR_LINE_CONTINUES', (c, e) => g.coordinatorLineContinues(c, ev<'CONSENT_WITHDRAWN'>(e).withdraw)),
  sharingNoticePending: rule('CASE', 'NO_SHARING_TO_END', SHARING_BASIS, 'No party has lost its consent since the parties were last told.',
    (c) => (c.sharingEnded ?? []).some((s) => !s.notifiedAt)),
  sharingNoticeNamesParties: rule('PAYLOAD', 'SHARING_NOTICE_PARTIES', SHARING_BASIS,
    (c) => `Name the parties told that sharing has ended: ${listed(g.partiesToNotify(c))}.`,
    (c, e) => g.noticeCoversParties(c, ev<'SHARING_END_NOTIFIED'>(e).parties)),

  // Disclosures to named parties (K7): refused outside the consent's scope, so every recorded one had its consent.
  hasDisclosureConsent: rule('CASE', 'CONSENT_SCOPE_MISSING', DISCLOSURE_BASIS,
    'No consent of this case lets information go to anyone: a disclosure needs SHARE_WITH:<party> (or PARTICIPANT:<party>) for its recipient.',
    (c) => g.hasDisclosureConsent(c)),
  disclosureValid: rule('PAYLOAD', 'DISCLOSURE_INVALID', DISCLOSURE_BASIS,
    (_c, e) => g.disclosureProblem(ev<'INFORMATION_DISCLOSED'>(e)) ?? 'The disclosure is not valid.',
    (_c, e) => g.disclosureProblem(ev<'INFORMATION_DISCLOSED'>(e)) === null),
  disclosureWithinConsent: rule('PAYLOAD', 'CONSENT_SCOPE_MISSING', DISCLOSURE_BASIS,
    (c, e) => g.disclosureConsentProblem(c, ev<'INFORMATION_DISCLOSED'>(e)) ?? 'The disclosure is outside the consent.',
    (c, e) => g.disclosureConsentProblem(c, ev<'INFORMATION_DISCLOSED'>(e)) === null),

  // The child's voice (domain 3.4): from the age the child can form views, at the latest 7
  isChild: rule('CASE', 'NOT_A_CHILD', CHILD_HEARD_BASIS,
    'The child\'s right to be heard is recorded for a person under 18 with a known birth date: this person is 18 or older, or not yet born.',
    (c, e) => g.isChild(c, e.at)),
  childHeardValid: rule('PAYLOAD', 'CHILD_HEARD_INVALID', CHILD_HEARD_BASIS,
    (c, e) => g.childHeardProblem(c, ev<'CHILD_HEARD'>(e)) ?? 'The record of the child being heard is not valid.',
    (c, e) => g.childHeardProblem(c, ev<'CHILD_HEARD'>(e)) === null),

  // Coordinator (S6, S13)
  appointmentConsentActive: rule('CASE', 'APPOINTMENT_CONSENT_MISSING', 'hol §§ 7-2, 7-2 a; pbrl §§ 2-5 b, 2-5 c',
    'A coordinator is appointed only for a granted line with an active consent to the appointment (APPOINT_COORD or APPOINT_CHILD_COORD).',
    (c) => g.hasAppointmentConsent(c)),
  proposalAllowed: rule('PAYLOAD', 'APPOINTMENT_NOT_ALLOWED', 'hol §§ 7-2, 7-2 a; pbrl §§ 2-5 b, 2-5 c',
    (c, e) => g.appointmentProblem(c, ev<'PROPOSE_COORDINATOR'>(e).coordinator) ?? 'The appointment is not allowed.',
    (c, e) => g.appointmentProblem(c, ev<'PROPOSE_COORDINATOR'>(e).coordinator) === null),
  changeAllowed: rule('PAYLOAD', 'APPOINTMENT_NOT_ALLOWED', 'hol §§ 7-2, 7-3; pbrl § 2-5 b',
    (c, e) => g.appointmentProblem(c, ev<'COORDINATOR_CHANGED'>(e).coordinator) ?? 'The appointment is not allowed.',
    (c, e) => g.appointmentProblem(c, ev<'COORDINATOR_CHANGED'>(e).coordinator) === null),
  hasCoordinator: rule('CASE', 'NO_COORDINATOR', 'hol § 7-2', 'The case has no coordinator to end.', (c) => c.coordinator !== null),

  // Plan work (S7–S11): the IP line granted, consent to establish it active, and not frozen by a withdrawal
  ipLineGranted: rule('CASE', 'IP_NOT_GRANTED', 'pbrl § 2-5',
    'The individual plan is not granted on this case (coordinator only): there is no plan work.',
    (c) => g.isLineGranted(c, 'IP')),
  planConsentActive: rule('CASE', 'PLAN_CONSENT_MISSING', 'pbrl § 2-5 (ingen plan uten samtykke)',
    'No active consent to establish the individual plan (ESTABLISH_IP): no plan work without it.',
    (c) => g.hasActiveConsent(c, 'ESTABLISH_IP')),
  planNotFrozen: rule('CASE', 'PLAN_FROZEN', 'pbrl §§ 2-5, 4-1',
    'The plan is frozen since the consent to it (ESTABLISH_IP) was withdrawn.', (c) => !c.planFrozen),
  coordinatorOnly: rule('CASE', 'PLAN_WORK_POSSIBLE', 'pbrl § 2-5 b',
    'This case has plan work: start the mapping instead of coordinator-only follow-up.', (c) => !g.planWorkAllowed(c)),
  evaluationHasPlan: rule('CASE', 'NO_PLAN_TO_EVALUATE', PLAN_BASIS,
    'There is no individual plan to evaluate on this case (coordinator only, or the plan consent is withdrawn).',
    (c) => g.legacyRules(c) || g.planWorkAllowed(c)),
  mappingRecordedOrGiven: rule('PAYLOAD', 'MAPPING_MISSING', `${PLAN_BASIS}; veileder 13.1`,
    'Record the mapping (RECORD_MAPPING) or give its summary with the completion.',
    (c, e) => c.mappingRecordedAt !== null || !!(e as Ev<'MAPPING_COMPLETED'>).summary?.trim()),
  mappingSummaryGiven: rule('PAYLOAD', 'MAPPING_SUMMARY_MISSING', `${PLAN_BASIS}; veileder 13.1`, 'The mapping needs a summary.',
    (_c, e) => !!ev<'RECORD_MAPPING'>(e).summary?.trim()),
  hasParticipantConsent: rule('CASE', 'NO_PARTICIPANT_CONSENT', SHARING_BASIS,
    'No party has consent to take part (PARTICIPANT:<party>): an ansvarsgruppe needs the person\'s consent for each member.',
    (c) => c.consents.some((x) => x.status === 'ACTIVE' && x.scope === 'PARTICIPANT')),
  ansvarsgruppeWithinConsent: rule('PAYLOAD', 'PARTY_NOT_COVERED_BY_CONSENT', SHARING_BASIS,
    (c, e) => `No active consent for ${listed(g.missingPartyScopes(c, { participants: (ev<'FORM_ANSVARSGRUPPE'>(e).members ?? []).map((m) => m.party) }))}.`,
    (c, e) => {
      const members = ev<'FORM_ANSVARSGRUPPE'>(e).members;
      return Array.isArray(members) && members.length > 0 && g.missingPartyScopes(c, { participants: members.map((m) => m.party) }).length === 0;
    }),
  planDraftComplete: rule('PAYLOAD', 'PLAN_INCOMPLETE', `${PLAN_BASIS} (innhold); ${SHARING_BASIS}`,
    (c, e) => g.planProblem(c, ev<'SUBMIT_PLAN_DRAFT'>(e).plan, e.at) ?? 'The plan is not complete.',
    (c, e) => g.planProblem(c, ev<'SUBMIT_PLAN_DRAFT'>(e).plan, e.at) === null),
  draftReadyForApproval: rule('CASE', 'NO_COMPLETE_DRAFT', `${PLAN_BASIS} (innhold)`,
    (c, e) => (c.planDraft ? g.planProblem(c, c.planDraft, e.at) ?? 'The draft is not complete.' : 'There is no plan draft to approve: submit one first.'),
    (c, e) => g.planProblem(c, c.planDraft ?? undefined, e.at) === null),
  evaluationValid: rule('PAYLOAD', 'EVALUATION_INVALID', `${PLAN_BASIS} (revisjon)`,
    (c, e) => g.evaluationProblem(c, ev<'EVALUATION_COMPLETED'>(e)) ?? 'The evaluation is not valid.',
    (c, e) => g.evaluationProblem(c, ev<'EVALUATION_COMPLETED'>(e)) === null),
  evaluationCloses: choice('EVALUATION_CLOSES', (_c, e) => ev<'EVALUATION_COMPLETED'>(e).outcome === 'CLOSE'),
  pauseValid: rule('PAYLOAD', 'PAUSE_INVALID', 'ingen lovstatus (lokal praksis)', 'A pause gives its reason and a planned resume date in the future.',
    (_c, e) => g.pauseIsValid(ev<'PAUSE'>(e))),

  // Closure, moves, age, deadlines
  closureAllowed: rule('PAYLOAD', 'CLOSURE_NOT_ALLOWED', 'forskrift hab/rehab § 6 b; saksstatus A',
    (c, e) => g.closureProblem(c, ev<'CLOSE'>(e)) ?? 'The case cannot be closed with that reason.',
    (c, e) => g.closureProblem(c, ev<'CLOSE'>(e)) === null),
  moveValid: rule('PAYLOAD', 'MOVE_INVALID', 'hol § 3-1', 'A move names another municipality (four digits) than this one.',
    (c, e) => /^\d{4}$/.test(ev<'USER_MOVED'>(e).newMunicipality) && ev<'USER_MOVED'>(e).newMunicipality !== c.municipality),
  turnedSixteen: rule('CASE', 'NOT_SIXTEEN', 'pbrl § 4-3 (1) b', 'The young person has not turned 16, or parents did not consent.',
    (c, e) => c.consentAuthority === 'PARENTS' && c.turned16At === null && (g.ageOn(c.birthDate, e.at) ?? 0) >= 16),
  turnedEighteen: rule('CASE', 'NOT_EIGHTEEN', 'pbrl § 2-5 c', 'The person has not turned 18 during the case.',
    (c, e) => c.turned18At === null && (g.ageOn(c.birthDate, c.receivedAt ?? e.at) ?? 99) < 18 && (g.ageOn(c.birthDate, e.at) ?? 0) >= 18),
  childCoordinatorEnded: rule('CASE', 'CHILD_COORDINATOR_NOT_ENDED', 'pbrl §§ 2-5 b, 2-5 c',
    'Only a child coordinator case whose person has turned 18 converts to an ordinary coordinator.', (c) => c.childCoordinatorEnded),
  coordinatorConsentActive: rule('CASE', 'APPOINTMENT_CONSENT_MISSING', 'pbrl § 2-5 b; hol § 7-2',
    'Converting to an ordinary coordinator needs the young adult\'s consent to the appointment (APPOINT_COORD).',
    (c) => g.hasActiveConsent(c, 'APPOINT_COORD')),
  reminderNotSent: rule('CASE', 'REMINDER_SENT', '', 'The reminder was sent.', (c, e) => !c.deadlineMarks[ev<'DEADLINE_REMINDER'>(e).deadlineKey]?.remindedAt),
  breachNotRecorded: rule('CASE', 'BREACH_RECORDED', '', 'The breach is recorded.', (c, e) => !c.deadlineMarks[ev<'DEADLINE_BREACHED'>(e).deadlineKey]?.breachedAt),
  anEscalationIsOpen: rule('CASE', 'NO_OPEN_ESCALATION', 'forskrift om ledelse og kvalitetsforbedring §§ 6–9',
    'No breached deadline of this case waits for the leader\'s follow-up.',
    (c) => Object.values(c.deadlineMarks).some((m) => !!m.breachedAt && !m.escalationAcknowledgedAt)),
  escalationOpen: rule('PAYLOAD', 'ESCALATION_NOT_OPEN', 'forskrift om ledelse og kvalitetsforbedring §§ 6–9',
    (c) => `Name an open escalation (${listed(Object.keys(c.deadlineMarks).filter((k) => c.deadlineMarks[k].breachedAt && !c.deadlineMarks[k].escalationAcknowledgedAt))}) and the action taken.`,
    (c, event) => {
      const e = ev<'ACKNOWLEDGE_ESCALATION'>(event);
      const mark = c.deadlineMarks[e.deadlineKey];
      return !!mark?.breachedAt && !mark.escalationAcknowledgedAt && !!e.action?.trim();
    }),
} satisfies Record<string, RuleDefinition>;

export type RuleName = keyof typeof RULES;

export function refusalOf(name: RuleName, ctx: IpCaseContext, event: IpCaseEvent): { code: string; reason: string; legalBasis: string } {
  const r: RuleDefinition = RULES[name];
  return { code: r.code, reason: typeof r.refusal === 'function' ? r.refusal(ctx, event) : r.refusal, legalBasis: r.legalBasis };
}
