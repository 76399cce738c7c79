// The rule book of an IP case (../shared/domain/ip-case-process.md § 2): one pure XState v5 machine.
// No I/O and no clock: time arrives as `event.at`, deadlines are declared in state meta and armed by the workflow.
import { and, assign, setup } from 'xstate';
import { addDays, addMonths, daysBetween, osloDateOf } from '../../calendar/src/civil-date';
import type { IpCaseEvent } from './ip-case.events';
import * as g from './ip-case.guards';
import { lb } from './ip-case.legal-basis';
import { RuleDefinition, RULES } from './ip-case.rules';
import type { ClosureReason, ConsentRecord, ConsentRef, IpCaseContext, IpCaseInput, Plan, PlanVersionRecord, ServiceLine } from './ip-case.types';
import type { StateMeta } from './ip-case.meta';

type Ev<T extends IpCaseEvent['type']> = Extract<IpCaseEvent, { type: T }>;
const ev = <T extends IpCaseEvent['type']>(e: IpCaseEvent) => e as Ev<T>;

/** Every named rule is a guard of the machine (the rules carry their refusal sentence and legal basis). */
function guardsOf<T extends Record<string, RuleDefinition>>(rules: T) {
  return Object.fromEntries(
    Object.entries(rules).map(([name, r]) => [name, ({ context, event }: { context: IpCaseContext; event: IpCaseEvent }) => r.holds(context, event)]),
  ) as { [K in keyof T]: (args: { context: IpCaseContext; event: IpCaseEvent }) => boolean };
}

/** Plan work: the IP line granted, consent to establish it active, not frozen (domain S5 gate). */
const PLAN_WORK = ['ipLineGranted', 'planConsentActive', 'planNotFrozen'] as const;

function initialContext(input: IpCaseInput): IpCaseContext {
  return {
    caseId: input.caseId,
    municipality: input.municipality,
    ...(input.rulesVersion ? { rulesVersion: input.rulesVersion } : {}),
    receivedAt: null,
    birthDate: null,
    expectedChild: false,
    requestedLines: [],
    subjectAware: null,
    notifierType: null,
    registeredAt: null,
    preliminaryReplySentAt: null,
    decisions: [],
    decidedAt: null,
    consents: [],
    consentDeclinedAt: null,
    consentAuthority: 'SELF',
    reconsentRequired: false,
    proposedCoordinator: null,
    coordinator: null,
    coordinatorAppointedAt: null,
    coordinatorVacantSince: null,
    coordinatorChanges: 0,
    mappingRecordedAt: null,
    ansvarsgruppe: [],
    planDraft: null,
    plan: null,
    planFrozen: false,
    nextEvaluationDate: null,
    evaluations: 0,
    pause: null,
    appeal: null,
    turned16At: null,
    turned18At: null,
    childCoordinatorEnded: false,
    deadlineMarks: {},
    movedTo: null,
    closure: null,
    planVersions: [],
    disclosures: [],
    childHeard: [],
  };
}

/** An approved version as internal control reads it (K12): how the person took part, goals in their own words. */
const versionRecord = (plan: Plan): PlanVersionRecord => ({
  version: plan.version,
  approvedAt: plan.approvedAt,
  userParticipation: plan.userParticipation,
  goalsInOwnWords: plan.goals.length > 0 && plan.goals.every((goal) => !!goal.statementInUserWords?.trim()),
});
/** The plan as approved now, with its version kept (cases from before planVersions start the list here). */
const approved = (ctx: IpCaseContext, plan: Plan) => ({ plan, planVersions: [...(ctx.planVersions ?? []), versionRecord(plan)] });

function grantConsents(ctx: IpCaseContext, e: Ev<'CONSENT_GIVEN'> | Ev<'CONSENT_CHANGED'>): ConsentRecord[] {
  // A new grant for the same scope and party supersedes the old one, except that each parent consents separately.
  const supersedes = (n: ConsentRecord | Ev<'CONSENT_GIVEN'>['grants'][number], c: ConsentRecord) =>
    n.scope === c.scope &&
    (n.party ?? null) === (c.party ?? null) &&
    !(n.capacity === 'PARENT' && c.capacity === 'PARENT' && g.grantorKey(n) !== g.grantorKey(c));
  const kept = ctx.consents.filter((c) => c.status !== 'ACTIVE' || !e.grants.some((n) => supersedes(n, c)));
  return [...kept, ...e.grants.map((n) => ({ ...n, status: 'ACTIVE' as const, validFrom: e.at }))];
}

/**
 * Withdrawal takes effect from the recorded time (domain 3.6): the consents end, and a party that lost its
 * PARTICIPANT or SHARE_WITH consent leaves the ansvarsgruppe and the plan's sharing; the parties are to be told.
 */
function withdraw(ctx: IpCaseContext, refs: ConsentRef[], at: string): Partial<IpCaseContext> {
  const ended = ctx.consents.filter((c) => c.status === 'ACTIVE' && refs.some((w) => w.scope === c.scope && (w.party ?? null) === (c.party ?? null)));
  const consents = ctx.consents.map((c) => (ended.includes(c) ? { ...c, status: 'WITHDRAWN' as const, withdrawnAt: at } : c));
  const lostParties = ended.filter((c) => (c.scope === 'PARTICIPANT' || c.scope === 'SHARE_WITH') && c.party).map((c) => ({ party: c.party!, scope: c.scope }));
  const lost = (party: string) => lostParties.some((l) => l.party === party);
  return {
    consents,
    ansvarsgruppe: ctx.ansvarsgruppe.map((m) => (m.active && lost(m.party) ? { ...m, active: false, leftAt: at } : m)),
    plan: ctx.plan && ctx.plan.sharedWith ? { ...ctx.plan, sharedWith: ctx.plan.sharedWith.filter((p) => !lost(p)) } : ctx.plan,
    sharingEnded: [...(ctx.sharingEnded ?? []), ...lostParties.map((l) => ({ ...l, at }))],
  };
}

const closeWith = (reason: ClosureReason) => ({ type: 'close' as const, params: { reason } });

export const ipCaseMachine = setup({
  types: {
    context: {} as IpCaseContext,
    events: {} as IpCaseEvent,
    input: {} as IpCaseInput,
    meta: {} as StateMeta,
  },
  guards: guardsOf(RULES),
  actions: {
    recordNotification: assign(({ event }) => {
      const e = ev<'NOTIFICATION_RECEIVED'>(event);
      const age = g.ageOn(e.birthDate, e.at);
      return {
        receivedAt: e.receivedAt,
        birthDate: e.birthDate,
        expectedChild: !!e.expectedChild,
        requestedLines: [...new Set(e.requestedLines)] as ServiceLine[],
        subjectAware: e.subjectAware,
        notifierType: e.notifierType,
        // pbrl § 4-3 (1) b and § 4-4: parents consent below 16.
        consentAuthority: e.expectedChild || (age !== null && age < 16) ? ('PARENTS' as const) : ('SELF' as const),
      };
    }),
    markRegistered: assign({ registeredAt: ({ event }) => event.at }),
    recordPreliminaryReply: assign({ preliminaryReplySentAt: ({ event }) => event.at }),
    recordDecision: assign(({ event }) => {
      const e = ev<'RECORD_DECISION'>(event);
      const decisionLetter = e.letterMethod ? { sentAt: e.sentAt, method: e.letterMethod, receivedOn: g.letterReceivedOn(e.sentAt, e.letterMethod) } : null;
      return { decisions: e.decisions, decidedAt: event.at, decisionLetter };
    }),
    recordAppeal: assign(({ context, event }) => {
      const e = ev<'APPEAL_RECEIVED'>(event);
      if (g.legacyRules(context)) return { appeal: { receivedAt: e.receivedAt, timely: !!e.timely, contestedLines: e.contestedLines } };
      // The machine, not the sender, says whether the appeal is in time: from the letter's receipt (pbrl § 7-5).
      const daysLate = g.appealDaysLate(context, e.receivedAt);
      return {
        appeal: { receivedAt: e.receivedAt, timely: daysLate === 0, daysLate, contestedLines: e.contestedLines, ...(daysLate > 0 ? { lateness: 'PENDING' as const } : {}) },
      };
    }),
    recordLatenessAssessment: assign(({ context, event }) => {
      const e = ev<'LATE_APPEAL_ASSESSED'>(event);
      return { appeal: context.appeal && { ...context.appeal, lateness: e.excusable ? ('EXCUSED' as const) : ('NOT_EXCUSED' as const), latenessReasons: e.reasons } };
    }),
    recordReconsideration: assign(({ context, event }) => ({
      appeal: context.appeal && { ...context.appeal, reconsideration: ev<'APPEAL_RECONSIDERED'>(event).outcome },
    })),
    recordForwarding: assign(({ context, event }) => ({
      appeal: context.appeal && { ...context.appeal, forwardedAt: ev<'APPEAL_FORWARDED'>(event).forwardedAt },
    })),
    recordStatsforvalterOutcome: assign(({ context, event }) => ({
      appeal: context.appeal && { ...context.appeal, statsforvalterOutcome: ev<'STATSFORVALTER_DECIDED'>(event).outcome },
    })),
    applyReversal: assign(({ context, event }) => {
      const e = event as Ev<'APPEAL_RECONSIDERED'> | Ev<'STATSFORVALTER_DECIDED'>;
      const contested = context.appeal?.contestedLines ?? [];
      const changes =
        e.decisions ??
        contested.map((line) => ({ line, outcome: 'GRANTED' as const, legalBasis: lineLegalBasis(line) }));
      return { decisions: g.mergeDecisions(context.decisions, changes), decidedAt: e.at };
    }),
    grantConsents: assign(({ context, event }) => {
      const e = event as Ev<'CONSENT_GIVEN'>;
      const consents = grantConsents(context, e);
      const parentalResponsibility = e.parentalResponsibility ?? context.parentalResponsibility ?? null;
      // After 16 the young person re-confirms what the parents consented to (domain S17).
      const reconsentRequired =
        context.reconsentRequired && consents.some((c) => c.status === 'ACTIVE' && c.capacity === 'PARENT' && c.scope !== 'APPOINT_CHILD_COORD');
      return { consents, reconsentRequired, parentalResponsibility };
    }),
    changeConsents: assign(({ context, event }) => {
      const e = ev<'CONSENT_CHANGED'>(event);
      const afterWithdraw = { ...context, ...withdraw(context, e.withdraw, e.at) };
      return { ...afterWithdraw, consents: e.grants.length ? grantConsents(afterWithdraw, e) : afterWithdraw.consents };
    }),
    withdrawConsents: assign(({ context, event }) => withdraw(context, ev<'CONSENT_WITHDRAWN'>(event).withdraw, event.at)),
    markSharingNotified: assign(({ context, event }) => {
      const parties = ev<'SHARING_END_NOTIFIED'>(event).parties;
      return { sharingEnded: (context.sharingEnded ?? []).map((s) => (!s.notifiedAt && parties.includes(s.party) ? { ...s, notifiedAt: event.at } : s)) };
    }),
    recordDisclosure: assign(({ context, event }) => {
      const { recipient, scope, purpose, disclosedOn, at } = ev<'INFORMATION_DISCLOSED'>(event);
      return { disclosures: [...(context.disclosures ?? []), { recipient, scope, purpose, disclosedOn, at, consentActive: true as const }] };
    }),
    recordChildHeard: assign(({ context, event }) => {
      const { heardOn, how, at } = ev<'CHILD_HEARD'>(event);
      return { childHeard: [...(context.childHeard ?? []), { heardOn, how, at }] };
    }),
    recordConsentDeclined: assign({ consentDeclinedAt: ({ event }) => event.at }),
    freezePlan: assign({ planFrozen: true, planDraft: null }),
    proposeCoordinator: assign({ proposedCoordinator: ({ event }) => ev<'PROPOSE_COORDINATOR'>(event).coordinator }),
    clearProposal: assign({ proposedCoordinator: null }),
    appointProposedCoordinator: assign(({ context, event }) => ({
      coordinator: context.proposedCoordinator,
      proposedCoordinator: null,
      coordinatorAppointedAt: event.at,
      coordinatorVacantSince: null,
    })),
    changeCoordinator: assign(({ context, event }) => ({
      coordinator: ev<'COORDINATOR_CHANGED'>(event).coordinator,
      coordinatorVacantSince: null,
      coordinatorChanges: context.coordinatorChanges + 1,
    })),
    endCoordinator: assign({ coordinator: null, coordinatorVacantSince: ({ event }) => event.at }),
    recordMapping: assign({ mappingRecordedAt: ({ context, event }) => context.mappingRecordedAt ?? event.at }),
    formAnsvarsgruppe: assign(({ context, event }) => {
      // The group as formed now; members who are not in it any more are kept as having left.
      const members = ev<'FORM_ANSVARSGRUPPE'>(event).members;
      const left = context.ansvarsgruppe
        .filter((m) => m.active && !members.some((n) => n.party === m.party))
        .map((m) => ({ ...m, active: false, leftAt: event.at }));
      const before = context.ansvarsgruppe.filter((m) => !m.active && !members.some((n) => n.party === m.party));
      return { ansvarsgruppe: [...before, ...left, ...members.map((m) => ({ ...m, active: true }))] };
    }),
    storePlanDraft: assign({ planDraft: ({ event }) => ev<'SUBMIT_PLAN_DRAFT'>(event).plan }),
    approvePlan: assign(({ context, event }) => ({
      ...approved(context, { ...context.planDraft!, version: (context.plan?.version ?? 0) + 1, approvedAt: event.at }),
      planDraft: null,
      nextEvaluationDate: context.planDraft!.revisionDate,
    })),
    completeEvaluation: assign(({ context, event }) => {
      const e = ev<'EVALUATION_COMPLETED'>(event);
      if (e.outcome === 'REVISE' && e.plan) {
        return {
          evaluations: context.evaluations + 1,
          ...approved(context, { ...e.plan, version: (context.plan?.version ?? 0) + 1, approvedAt: e.at }),
          nextEvaluationDate: e.nextEvaluationDate ?? e.plan.revisionDate,
        };
      }
      return { evaluations: context.evaluations + 1, nextEvaluationDate: e.nextEvaluationDate ?? context.nextEvaluationDate };
    }),
    defaultEvaluationDateIfNone: assign(({ context, event }) => ({
      // Older cases only: coordinator-only follow-up got a plan evaluation date. Now a case without plan work has
      // no plan to evaluate, so no evaluation deadline (pbrl § 2-5 b: the coordinator is a right of its own).
      nextEvaluationDate: g.legacyRules(context) ? context.nextEvaluationDate ?? addMonths(osloDateOf(event.at), 12) : context.nextEvaluationDate,
    })),
    pause: assign({
      pause: ({ event }) => ({ since: event.at, plannedResumeDate: ev<'PAUSE'>(event).plannedResumeDate, reason: ev<'PAUSE'>(event).reason }),
    }),
    resume: assign(({ context, event }) => {
      // The evaluation clock stops during a pause (domain S12): move the date by the days paused.
      const pausedDays = context.pause ? daysBetween(osloDateOf(context.pause.since), osloDateOf(event.at)) : 0;
      return {
        pause: null,
        nextEvaluationDate: context.nextEvaluationDate ? addDays(context.nextEvaluationDate, pausedDays) : null,
      };
    }),
    turns16: assign(({ context, event }) => ({
      turned16At: event.at,
      consentAuthority: 'SELF' as const,
      reconsentRequired: context.consents.some((c) => c.status === 'ACTIVE' && c.capacity === 'PARENT' && c.scope !== 'APPOINT_CHILD_COORD'),
    })),
    turns18: assign(({ context, event }) => ({
      turned18At: event.at,
      childCoordinatorEnded: g.isLineGranted(context, 'BARNEKOORDINATOR') || context.coordinator?.line === 'BARNEKOORDINATOR',
    })),
    convertToCoordinator: assign(({ context, event }) => ({
      decisions: g.mergeDecisions(context.decisions, [{ line: 'KOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 b' }]),
      coordinator: context.coordinator && { ...context.coordinator, line: 'KOORDINATOR' as const },
      childCoordinatorEnded: false,
      decidedAt: event.at,
    })),
    markReminder: assign(({ context, event }) => {
      const key = ev<'DEADLINE_REMINDER'>(event).deadlineKey;
      return { deadlineMarks: { ...context.deadlineMarks, [key]: { ...context.deadlineMarks[key], remindedAt: event.at } } };
    }),
    markBreach: assign(({ context, event }) => {
      const key = ev<'DEADLINE_BREACHED'>(event).deadlineKey;
      return { deadlineMarks: { ...context.deadlineMarks, [key]: { ...context.deadlineMarks[key], breachedAt: event.at } } };
    }),
    acknowledgeEscalation: assign(({ context, event }) => {
      const key = ev<'ACKNOWLEDGE_ESCALATION'>(event).deadlineKey;
      return { deadlineMarks: { ...context.deadlineMarks, [key]: { ...context.deadlineMarks[key], escalationAcknowledgedAt: event.at } } };
    }),
    recordMove: assign({ movedTo: ({ event }) => ev<'USER_MOVED'>(event).newMunicipality }),
    close: assign((args, params: { reason: ClosureReason }) => ({
      closure: { reason: params.reason, at: args.event.at },
      proposedCoordinator: null,
    })),
    closeWithEventReason: assign(({ event }) => {
      const e = event as Ev<'CLOSE'> | Ev<'EVALUATION_COMPLETED'>;
      const reason = e.type === 'CLOSE' ? e.reason : e.closureReason!;
      return { closure: { reason, at: e.at } };
    }),
  },
}).createMachine({
  id: 'ipCase',
  context: ({ input }) => initialContext(input),
  initial: 'intake',
  states: {
    intake: {
      meta: { status: 'NEW', legalBasis: 'hpl § 38 a' },
      on: {
        NOTIFICATION_RECEIVED: {
          guard: 'notificationValid',
          target: 'open.received',
          actions: 'recordNotification',
          meta: lb('NOTIFICATION_RECEIVED'),
        },
      },
    },
    open: {
      meta: { status: 'OPEN', deadlines: ['COORDINATOR_VACANCY', 'RECONSENT_AT_16', 'AGE_18_TRANSITION'] },
      on: {
        // Any time before the decision, from receipt on (fvl § 11 a): its deadline runs from the receipt date.
        SEND_PRELIMINARY_REPLY: {
          guard: and(['noDecisionYet', 'noPreliminaryReplyYet', 'preliminaryReplyReasoned']),
          actions: 'recordPreliminaryReply',
          meta: lb('SEND_PRELIMINARY_REPLY'),
        },
        CONSENT_GIVEN: { guard: 'grantsValid', actions: 'grantConsents', meta: lb('CONSENT_GIVEN') },
        CONSENT_CHANGED: { guard: 'consentChangeValid', actions: 'changeConsents', meta: lb('CONSENT_CHANGED') },
        CONSENT_WITHDRAWN: [
          {
            guard: and(['hasActiveConsent', 'withdrawalValid', 'withdrawsAllConsent']),
            target: 'closed',
            actions: ['withdrawConsents', closeWith('CONSENT_WITHDRAWN')],
            meta: lb('CONSENT_WITHDRAWN'),
          },
          { guard: and(['hasActiveConsent', 'withdrawalValid']), actions: 'withdrawConsents', meta: lb('CONSENT_WITHDRAWN') },
        ],
        SHARING_END_NOTIFIED: {
          guard: and(['sharingNoticePending', 'sharingNoticeNamesParties']),
          actions: 'markSharingNotified',
          meta: lb('SHARING_END_NOTIFIED'),
        },
        // Wherever the case can hold consent (it is given in any open state): recorded, never a change of state.
        INFORMATION_DISCLOSED: {
          guard: and(['hasDisclosureConsent', 'disclosureValid', 'disclosureWithinConsent']),
          actions: 'recordDisclosure',
          meta: lb('INFORMATION_DISCLOSED'),
        },
        CHILD_HEARD: { guard: and(['isChild', 'childHeardValid']), actions: 'recordChildHeard', meta: lb('CHILD_HEARD') },
        USER_MOVED: {
          guard: 'moveValid',
          target: 'closed',
          actions: ['recordMove', closeWith('MOVED_OUT')],
          meta: lb('USER_MOVED'),
        },
        USER_DIED: { target: 'closed', actions: closeWith('DIED'), meta: lb('USER_DIED') },
        TURNS_16: { guard: 'turnedSixteen', actions: 'turns16', meta: lb('TURNS_16') },
        TURNS_18: { guard: 'turnedEighteen', actions: 'turns18', meta: lb('TURNS_18') },
        CONVERT_TO_COORDINATOR: {
          guard: and(['childCoordinatorEnded', 'coordinatorConsentActive']),
          actions: 'convertToCoordinator',
          meta: lb('CONVERT_TO_COORDINATOR'),
        },
        DEADLINE_REMINDER: { guard: 'reminderNotSent', actions: 'markReminder', meta: lb('DEADLINE_REMINDER') },
        DEADLINE_BREACHED: { guard: 'breachNotRecorded', actions: 'markBreach', meta: lb('DEADLINE_BREACHED') },
        ACKNOWLEDGE_ESCALATION: {
          guard: and(['anEscalationIsOpen', 'escalationOpen']),
          actions: 'acknowledgeEscalation',
          meta: lb('ACKNOWLEDGE_ESCALATION'),
        },
        CLOSE: { guard: 'closureAllowed', target: 'closed', actions: 'closeWithEventReason', meta: lb('CLOSE') },
      },
      initial: 'received',
      states: {
        received: {
          meta: {
            status: 'RECEIVED',
            legalBasis: 'forskrift hab/rehab § 6 (a)',
            tasks: [{ kind: 'REGISTER_NOTIFICATION', role: 'KE_CASEWORKER', completes: 'REGISTER' }],
            deadlines: ['ACKNOWLEDGE_RECEIPT', 'PRELIMINARY_REPLY', 'DECISION'],
          },
          on: { REGISTER: { target: 'registered', actions: 'markRegistered', meta: lb('REGISTER') } },
        },
        registered: {
          meta: {
            status: 'REGISTERED',
            legalBasis: 'arkivforskrifta § 9',
            tasks: [{ kind: 'START_ASSESSMENT', role: 'KE_CASEWORKER', completes: 'START_ASSESSMENT' }],
            deadlines: ['ACKNOWLEDGE_RECEIPT', 'PRELIMINARY_REPLY', 'DECISION'],
          },
          on: { START_ASSESSMENT: { target: 'assessment', meta: lb('START_ASSESSMENT') } },
        },
        assessment: {
          meta: {
            status: 'ASSESSMENT',
            legalBasis: 'hol §§ 7-1, 7-2, 7-2 a; pbrl §§ 2-5, 2-5 b, 2-5 c',
            tasks: [{ kind: 'DECIDE', role: 'KE_CASEWORKER', completes: 'RECORD_DECISION' }],
            deadlines: ['PRELIMINARY_REPLY', 'DECISION'],
          },
          on: {
            RECORD_DECISION: [
              {
                guard: and(['decisionValid', 'decisionAllDeclinedByUser']),
                target: '#ipCase.closed',
                actions: ['recordDecision', closeWith('USER_DECLINED')],
                meta: lb('RECORD_DECISION'),
              },
              {
                guard: and(['decisionValid', 'decisionGrantsALine']),
                target: 'consentPending',
                actions: 'recordDecision',
                meta: lb('RECORD_DECISION'),
              },
              { guard: 'decisionValid', target: 'rejected', actions: 'recordDecision', meta: lb('RECORD_DECISION') },
            ],
          },
        },
        rejected: {
          meta: {
            status: 'DECIDED_REJECTED',
            legalBasis: 'pbrl §§ 7-2, 7-5',
            tasks: [{ kind: 'REGISTER_APPEAL_OR_CLOSE', role: 'KE_CASEWORKER', completes: 'APPEAL_RECEIVED' }],
            deadlines: ['APPEAL_WINDOW'],
          },
          on: {
            APPEAL_RECEIVED: {
              guard: and(['hasAppealableDecision', 'appealValid']),
              target: 'appeal',
              actions: 'recordAppeal',
              meta: lb('APPEAL_RECEIVED'),
            },
          },
        },
        appeal: {
          meta: { status: 'APPEAL', legalBasis: 'pbrl §§ 7-2, 7-5, 7-6' },
          initial: 'keReconsideration',
          states: {
            keReconsideration: {
              meta: {
                status: 'KE_RECONSIDERATION',
                legalBasis: 'pbrl § 7-2',
                tasks: [
                    { kind: 'ASSESS_LATE_APPEAL', role: 'KE_CASEWORKER', completes: 'LATE_APPEAL_ASSESSED', when: 'appealLatenessPending' },
                    { kind: 'HANDLE_APPEAL', role: 'KE_LEADER', completes: 'APPEAL_RECONSIDERED', when: 'appealReadyForReconsideration' },
                ],
                deadlines: ['APPEAL_RECONSIDERATION'],
              },
              on: {
                // A late appeal is registered, then assessed: excusable lateness lets it go on (pbrl § 7-7, fvl § 31).
                LATE_APPEAL_ASSESSED: [
                  {
                    guard: and(['lateAppealPending', 'lateAssessmentReasoned', 'lateExcused']),
                    actions: 'recordLatenessAssessment',
                    meta: lb('LATE_APPEAL_ASSESSED'),
                  },
                  {
                    guard: and(['lateAppealPending', 'lateAssessmentReasoned']),
                    target: '#ipCase.open.rejected',
                    actions: 'recordLatenessAssessment',
                    meta: lb('LATE_APPEAL_ASSESSED'),
                  },
                ],
                APPEAL_RECONSIDERED: [
                  {
                    guard: and(['lateAppealAssessed', 'isReversed', 'reversalValid']),
                    target: '#ipCase.open.consentPending',
                    actions: ['recordReconsideration', 'applyReversal'],
                    meta: lb('APPEAL_RECONSIDERED'),
                  },
                  {
                    guard: and(['lateAppealAssessed', 'isUpheld']),
                    target: 'forwarding',
                    actions: 'recordReconsideration',
                    meta: lb('APPEAL_RECONSIDERED'),
                  },
                ],
              },
            },
            forwarding: {
              meta: {
                status: 'APPEAL_UPHELD',
                legalBasis: 'pbrl §§ 7-2, 7-6',
                tasks: [{ kind: 'FORWARD_APPEAL', role: 'KE_LEADER', completes: 'APPEAL_FORWARDED' }],
                deadlines: ['APPEAL_RECONSIDERATION'],
              },
              on: {
                APPEAL_FORWARDED: { target: 'atStatsforvalter', actions: 'recordForwarding', meta: lb('APPEAL_FORWARDED') },
              },
            },
            atStatsforvalter: {
              meta: {
                status: 'AT_STATSFORVALTER',
                legalBasis: 'pbrl kap. 7',
                tasks: [{ kind: 'RECORD_STATSFORVALTER_DECISION', role: 'KE_CASEWORKER', completes: 'STATSFORVALTER_DECIDED' }],
              },
              on: {
                STATSFORVALTER_DECIDED: [
                  {
                    guard: and(['isReversed', 'reversalValid']),
                    target: '#ipCase.open.consentPending',
                    actions: ['recordStatsforvalterOutcome', 'applyReversal'],
                    meta: lb('STATSFORVALTER_DECIDED'),
                  },
                  {
                    guard: 'isReturned',
                    target: '#ipCase.open.assessment',
                    actions: 'recordStatsforvalterOutcome',
                    meta: lb('STATSFORVALTER_DECIDED'),
                  },
                  {
                    guard: and(['isUpheld', 'hasGrantedLine']),
                    target: '#ipCase.open.consentPending',
                    actions: 'recordStatsforvalterOutcome',
                    meta: lb('STATSFORVALTER_DECIDED'),
                  },
                  {
                    guard: and(['isUpheld', 'hasNoGrantedLine']),
                    target: '#ipCase.closed',
                    actions: ['recordStatsforvalterOutcome', closeWith('APPEAL_FINAL_REJECTION')],
                    meta: lb('STATSFORVALTER_DECIDED'),
                  },
                ],
              },
            },
          },
        },
        consentPending: {
          meta: {
            status: 'CONSENT_PENDING',
            legalBasis: 'pbrl §§ 2-5, 4-1–4-4',
            tasks: [
              { kind: 'OBTAIN_CONSENT', role: 'KE_CASEWORKER', completes: 'CONSENT_GIVEN', when: 'awaitsAppointmentConsent' },
              { kind: 'PROPOSE_COORDINATOR', role: 'KE_CASEWORKER', completes: 'PROPOSE_COORDINATOR', when: 'hasAppointmentConsent' },
            ],
            deadlines: ['COORDINATOR_APPOINTMENT'],
          },
          on: {
            CONSENT_DECLINED: {
              target: '#ipCase.closed',
              actions: ['recordConsentDeclined', closeWith('USER_DECLINED')],
              meta: lb('CONSENT_DECLINED'),
            },
            // A partly granted decision can be appealed while the granted lines go on (domain 2.3).
            APPEAL_RECEIVED: {
              guard: and(['hasAppealableDecision', 'appealValid']),
              target: 'appeal',
              actions: 'recordAppeal',
              meta: lb('APPEAL_RECEIVED'),
            },
            PROPOSE_COORDINATOR: {
              guard: and(['appointmentConsentActive', 'proposalAllowed']),
              target: 'coordinatorProposed',
              actions: 'proposeCoordinator',
              meta: lb('PROPOSE_COORDINATOR'),
            },
          },
        },
        coordinatorProposed: {
          meta: {
            status: 'COORDINATOR_PROPOSED',
            legalBasis: 'hol §§ 7-2, 7-3',
            tasks: [
              {
                kind: 'ACCEPT_APPOINTMENT',
                role: 'COORDINATOR',
                completes: 'COORDINATOR_ACCEPTED',
                alsoCompletedBy: ['COORDINATOR_DECLINED'],
                assignTo: 'proposedCoordinator',
              },
            ],
            deadlines: ['COORDINATOR_APPOINTMENT'],
          },
          on: {
            COORDINATOR_ACCEPTED: {
              target: 'coordinated',
              actions: 'appointProposedCoordinator',
              meta: lb('COORDINATOR_ACCEPTED'),
            },
            COORDINATOR_DECLINED: { target: 'consentPending', actions: 'clearProposal', meta: lb('COORDINATOR_DECLINED') },
          },
        },
        coordinated: {
          meta: { status: 'COORDINATED', legalBasis: 'hol § 7-2; pbrl § 2-5 b' },
          on: {
            COORDINATOR_CHANGED: {
              guard: and(['appointmentConsentActive', 'changeAllowed']),
              actions: 'changeCoordinator',
              meta: lb('COORDINATOR_CHANGED'),
            },
            // The group can be formed or changed while the case is coordinated; each member needs the person's consent.
            FORM_ANSVARSGRUPPE: {
              guard: and(['hasParticipantConsent', 'ansvarsgruppeWithinConsent']),
              actions: 'formAnsvarsgruppe',
              meta: lb('FORM_ANSVARSGRUPPE'),
            },
            COORDINATOR_ENDED: { guard: 'hasCoordinator', actions: 'endCoordinator', meta: lb('COORDINATOR_ENDED') },
            // Only the consequences for plan work live here; every other withdrawal falls through to `open`.
            CONSENT_WITHDRAWN: [
              {
                // Plan work stops; the coordinator (a separate right, pbrl § 2-5 b) continues.
                guard: and(['hasActiveConsent', 'withdrawalValid', 'withdrawsEstablishIp', 'coordinatorLineContinues']),
                target: '.active',
                actions: ['withdrawConsents', 'freezePlan', 'defaultEvaluationDateIfNone'],
                meta: lb('CONSENT_WITHDRAWN'),
              },
              {
                guard: and(['hasActiveConsent', 'withdrawalValid', 'withdrawsEstablishIp']),
                target: '#ipCase.closed',
                actions: ['withdrawConsents', closeWith('CONSENT_WITHDRAWN')],
                meta: lb('CONSENT_WITHDRAWN'),
              },
            ],
          },
          initial: 'coordinatorAppointed',
          states: {
            coordinatorAppointed: {
              meta: {
                status: 'COORDINATOR_APPOINTED',
                legalBasis: 'hol §§ 7-2, 7-2 a; pbrl §§ 2-5 b, 2-5 c',
                tasks: [
                  { kind: 'START_MAPPING', role: 'COORDINATOR', completes: 'START_MAPPING', when: 'planWorkAllowed', assignTo: 'coordinator' },
                  { kind: 'START_FOLLOW_UP', role: 'COORDINATOR', completes: 'START_FOLLOW_UP', when: 'coordinatorOnly', assignTo: 'coordinator' },
                ],
                deadlines: ['FIRST_PLAN'],
              },
              on: {
                START_MAPPING: { guard: and([...PLAN_WORK]), target: 'mapping', meta: lb('START_MAPPING') },
                START_FOLLOW_UP: {
                  guard: 'coordinatorOnly',
                  target: 'active',
                  actions: 'defaultEvaluationDateIfNone',
                  meta: lb('START_FOLLOW_UP'),
                },
              },
            },
            mapping: {
              meta: {
                status: 'MAPPING',
                legalBasis: 'forskrift om individuell plan; veileder 13.1',
                tasks: [{ kind: 'MAP_NEEDS', role: 'COORDINATOR', completes: 'MAPPING_COMPLETED', assignTo: 'coordinator' }],
                deadlines: ['FIRST_PLAN'],
              },
              on: {
                RECORD_MAPPING: { guard: 'mappingSummaryGiven', actions: 'recordMapping', meta: lb('RECORD_MAPPING') },
                // The mapping may be recorded on the way (RECORD_MAPPING) or with the completion itself.
                MAPPING_COMPLETED: {
                  guard: and([...PLAN_WORK, 'mappingRecordedOrGiven']),
                  target: 'planDraft',
                  actions: 'recordMapping',
                  meta: lb('MAPPING_COMPLETED'),
                },
              },
            },
            planDraft: {
              meta: {
                status: 'PLAN_DRAFT',
                legalBasis: 'pbrl § 2-5; forskrift om individuell plan (innhold)',
                tasks: [
                  { kind: 'DRAFT_PLAN', role: 'COORDINATOR', completes: 'SUBMIT_PLAN_DRAFT', when: 'awaitsPlanDraft', assignTo: 'coordinator' },
                  { kind: 'APPROVE_PLAN', role: 'COORDINATOR', completes: 'PLAN_APPROVED', when: 'hasPlanDraft', assignTo: 'coordinator' },
                ],
                deadlines: ['FIRST_PLAN'],
              },
              on: {
                SUBMIT_PLAN_DRAFT: {
                  guard: and([...PLAN_WORK, 'planDraftComplete']),
                  actions: 'storePlanDraft',
                  meta: lb('SUBMIT_PLAN_DRAFT'),
                },
                PLAN_APPROVED: {
                  guard: and([...PLAN_WORK, 'draftReadyForApproval']),
                  target: 'active',
                  actions: 'approvePlan',
                  meta: lb('PLAN_APPROVED'),
                },
              },
            },
            active: {
              meta: {
                status: 'ACTIVE',
                legalBasis: 'hol § 7-2; hpl §§ 39–40',
                deadlines: ['EVALUATION'],
              },
              on: {
                START_EVALUATION: { guard: 'evaluationHasPlan', target: 'evaluation', meta: lb('START_EVALUATION') },
                PAUSE: { guard: 'pauseValid', target: 'paused', actions: 'pause', meta: lb('PAUSE') },
              },
            },
            evaluation: {
              meta: {
                status: 'EVALUATION',
                legalBasis: 'forskrift om individuell plan (revisjon)',
                tasks: [{ kind: 'EVALUATE_PLAN', role: 'COORDINATOR', completes: 'EVALUATION_COMPLETED', assignTo: 'coordinator' }],
                deadlines: ['EVALUATION'],
              },
              on: {
                EVALUATION_COMPLETED: [
                  {
                    guard: and(['evaluationValid', 'evaluationCloses']),
                    target: '#ipCase.closed',
                    actions: ['completeEvaluation', 'closeWithEventReason'],
                    meta: lb('EVALUATION_COMPLETED'),
                  },
                  { guard: 'evaluationValid', target: 'active', actions: 'completeEvaluation', meta: lb('EVALUATION_COMPLETED') },
                ],
              },
            },
            paused: {
              meta: {
                status: 'PAUSED',
                legalBasis: 'ingen lovstatus (lokal praksis)',
                deadlines: ['PLANNED_RESUME'],
              },
              on: { RESUME: { target: 'active', actions: 'resume', meta: lb('RESUME') } },
            },
          },
        },
      },
    },
    closed: {
      type: 'final',
      meta: { status: 'CLOSED', legalBasis: 'saksstatus A (Noark 5)' },
    },
  },
});

export type IpCaseMachine = typeof ipCaseMachine;

function lineLegalBasis(line: ServiceLine): string {
  return line === 'IP' ? 'pbrl § 2-5' : line === 'KOORDINATOR' ? 'pbrl § 2-5 b' : 'pbrl § 2-5 c';
}
