// The rule book of an IP case (../shared/domain/ip-case-process.md § 2): one pure XState v5 machine.
// No I/O and no clock: time arrives as `event.at`, deadlines are declared in state meta and armed by the workflow.
import { and, assign, not, setup } from 'xstate';
import { addDays, addMonths, daysBetween, osloDateOf } from '../../calendar/src/civil-date';
import type { IpCaseEvent } from './ip-case.events';
import * as g from './ip-case.guards';
import { lb } from './ip-case.legal-basis';
import type { ClosureReason, ConsentRecord, IpCaseContext, IpCaseInput, ServiceLine } from './ip-case.types';
import type { StateMeta } from './ip-case.meta';

type Ev<T extends IpCaseEvent['type']> = Extract<IpCaseEvent, { type: T }>;
const ev = <T extends IpCaseEvent['type']>(e: IpCaseEvent) => e as Ev<T>;

function initialContext(input: IpCaseInput): IpCaseContext {
  return {
    caseId: input.caseId,
    municipality: input.municipality,
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
  };
}

function grantConsents(ctx: IpCaseContext, e: Ev<'CONSENT_GIVEN'> | Ev<'CONSENT_CHANGED'>): ConsentRecord[] {
  // A new grant for the same scope and party supersedes the old one.
  const kept = ctx.consents.filter(
    (c) => c.status !== 'ACTIVE' || !e.grants.some((n) => n.scope === c.scope && (n.party ?? null) === (c.party ?? null)),
  );
  return [...kept, ...e.grants.map((n) => ({ ...n, status: 'ACTIVE' as const, validFrom: e.at }))];
}

function withdrawConsents(ctx: IpCaseContext, withdraw: { scope: string; party?: string }[], at: string): ConsentRecord[] {
  return ctx.consents.map((c) =>
    c.status === 'ACTIVE' && withdraw.some((w) => w.scope === c.scope && (w.party ?? null) === (c.party ?? null))
      ? { ...c, status: 'WITHDRAWN' as const, withdrawnAt: at }
      : c,
  );
}

const closeWith = (reason: ClosureReason) => ({ type: 'close' as const, params: { reason } });

export const ipCaseMachine = setup({
  types: {
    context: {} as IpCaseContext,
    events: {} as IpCaseEvent,
    input: {} as IpCaseInput,
    meta: {} as StateMeta,
  },
  guards: {
    decisionValid: ({ context, event }) => {
      const e = ev<'RECORD_DECISION'>(event);
      // A decision letter carries appeal information (pbrl §§ 7-2, 7-5). Absent only in histories from before the
      // field existed, which must replay as they ran; the API requires it.
      return Array.isArray(e.decisions) && e.appealInformationIncluded !== false && g.decisionsAreValid(context, e.decisions, e.at);
    },
    decisionGrantsALine: ({ event }) => g.anyGranted(ev<'RECORD_DECISION'>(event).decisions),
    decisionAllDeclinedByUser: ({ event }) => g.allDeclinedByUser(ev<'RECORD_DECISION'>(event).decisions),
    appealValid: ({ context, event }) => g.appealIsValid(context, ev<'APPEAL_RECEIVED'>(event)),
    hasGrantedLine: ({ context }) => g.anyGranted(context.decisions),
    awaitsFirstDecision: ({ context, event }) =>
      context.preliminaryReplySentAt === null && context.decidedAt === null && !!ev<'SEND_PRELIMINARY_REPLY'>(event).reason?.trim(),
    reversalValid: ({ context, event }) => {
      const e = event as Ev<'APPEAL_RECONSIDERED'> | Ev<'STATSFORVALTER_DECIDED'>;
      return g.reversalIsValid(context, e.decisions, e.at);
    },
    isReversed: ({ event }) => (event as Ev<'APPEAL_RECONSIDERED'>).outcome === 'REVERSED',
    isUpheld: ({ event }) => (event as Ev<'APPEAL_RECONSIDERED'>).outcome === 'UPHELD',
    isReturned: ({ event }) => ev<'STATSFORVALTER_DECIDED'>(event).outcome === 'RETURNED',
    grantsValid: ({ context, event }) => {
      const e = event as Ev<'CONSENT_GIVEN'>;
      return Array.isArray(e.grants) && g.grantsAreValid(context, e.grants);
    },
    consentChangeValid: ({ context, event }) => {
      const e = ev<'CONSENT_CHANGED'>(event);
      return (
        Array.isArray(e.grants) &&
        Array.isArray(e.withdraw) &&
        (e.grants.length === 0 || g.grantsAreValid(context, e.grants)) &&
        (e.withdraw.length === 0 || g.withdrawalTargetsExist(context, e.withdraw)) &&
        e.grants.length + e.withdraw.length > 0 &&
        // Withdrawing the plan itself is a CONSENT_WITHDRAWN, with its consequences explained.
        !e.withdraw.some((w) => w.scope === 'ESTABLISH_IP')
      );
    },
    withdrawalValid: ({ context, event }) => {
      const e = ev<'CONSENT_WITHDRAWN'>(event);
      return Array.isArray(e.withdraw) && g.withdrawalTargetsExist(context, e.withdraw) && e.consequencesExplained === true;
    },
    withdrawsAllConsent: ({ context, event }) =>
      g.activeConsentsAfterWithdrawal(context, ev<'CONSENT_WITHDRAWN'>(event).withdraw).length === 0,
    withdrawsEstablishIp: ({ event }) => ev<'CONSENT_WITHDRAWN'>(event).withdraw.some((w) => w.scope === 'ESTABLISH_IP'),
    coordinatorLineContinues: ({ context, event }) => {
      const left = g.activeConsentsAfterWithdrawal(context, ev<'CONSENT_WITHDRAWN'>(event).withdraw);
      return (
        (g.isLineGranted(context, 'KOORDINATOR') && left.some((c) => c.scope === 'APPOINT_COORD')) ||
        (g.isLineGranted(context, 'BARNEKOORDINATOR') && left.some((c) => c.scope === 'APPOINT_CHILD_COORD'))
      );
    },
    proposalAllowed: ({ context, event }) => g.appointmentAllowed(context, ev<'PROPOSE_COORDINATOR'>(event).coordinator),
    changeAllowed: ({ context, event }) => g.appointmentAllowed(context, ev<'COORDINATOR_CHANGED'>(event).coordinator),
    hasCoordinator: ({ context }) => context.coordinator !== null,
    planWorkAllowed: ({ context }) => g.planWorkAllowed(context),
    mappingRecordedOrGiven: ({ context, event }) =>
      context.mappingRecordedAt !== null || !!(event as Ev<'MAPPING_COMPLETED'>).summary?.trim(),
    ansvarsgruppeWithinConsent: ({ context, event }) => {
      const members = ev<'FORM_ANSVARSGRUPPE'>(event).members;
      return Array.isArray(members) && g.membersWithinConsent(context, members.map((m) => m.party));
    },
    mappingSummaryGiven: ({ event }) => !!ev<'RECORD_MAPPING'>(event).summary?.trim(),
    planDraftComplete: ({ context, event }) => g.planIsComplete(context, ev<'SUBMIT_PLAN_DRAFT'>(event).plan, event.at),
    draftReadyForApproval: ({ context, event }) => g.planIsComplete(context, context.planDraft ?? undefined, event.at),
    evaluationValid: ({ context, event }) => g.evaluationIsValid(context, ev<'EVALUATION_COMPLETED'>(event)),
    evaluationCloses: ({ event }) => ev<'EVALUATION_COMPLETED'>(event).outcome === 'CLOSE',
    pauseValid: ({ event }) => g.pauseIsValid(ev<'PAUSE'>(event)),
    closureAllowed: ({ context, event }) => g.manualClosureAllowed(context, ev<'CLOSE'>(event)),
    // Timer events are checked against the birth date too, so a late or stray timer cannot change consent authority.
    turnedSixteen: ({ context, event }) =>
      context.consentAuthority === 'PARENTS' && context.turned16At === null && (g.ageOn(context.birthDate, event.at) ?? 0) >= 16,
    turnedEighteen: ({ context, event }) =>
      context.turned18At === null &&
      (g.ageOn(context.birthDate, context.receivedAt ?? event.at) ?? 99) < 18 &&
      (g.ageOn(context.birthDate, event.at) ?? 0) >= 18,
    childCoordinatorEnded: ({ context }) => context.childCoordinatorEnded,
    coordinatorConsentActive: ({ context }) => g.hasActiveConsent(context, 'APPOINT_COORD'),
    reminderNotSent: ({ context, event }) => !context.deadlineMarks[ev<'DEADLINE_REMINDER'>(event).deadlineKey]?.remindedAt,
    breachNotRecorded: ({ context, event }) => !context.deadlineMarks[ev<'DEADLINE_BREACHED'>(event).deadlineKey]?.breachedAt,
    escalationOpen: ({ context, event }) => {
      const mark = context.deadlineMarks[ev<'ACKNOWLEDGE_ESCALATION'>(event).deadlineKey];
      return !!mark?.breachedAt && !mark.escalationAcknowledgedAt && !!ev<'ACKNOWLEDGE_ESCALATION'>(event).action?.trim();
    },
    notificationValid: ({ event }) => {
      const e = ev<'NOTIFICATION_RECEIVED'>(event);
      return Array.isArray(e.requestedLines) && e.requestedLines.length > 0 && e.receivedAt <= e.at;
    },
    moveValid: ({ context, event }) => /^\d{4}$/.test(ev<'USER_MOVED'>(event).newMunicipality) && ev<'USER_MOVED'>(event).newMunicipality !== context.municipality,
  },
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
    recordDecision: assign(({ event }) => ({ decisions: ev<'RECORD_DECISION'>(event).decisions, decidedAt: event.at })),
    recordAppeal: assign(({ event }) => {
      const e = ev<'APPEAL_RECEIVED'>(event);
      return { appeal: { receivedAt: e.receivedAt, timely: e.timely, contestedLines: e.contestedLines } };
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
      // After 16 the young person re-confirms what the parents consented to (domain S17).
      const reconsentRequired =
        context.reconsentRequired && consents.some((c) => c.status === 'ACTIVE' && c.capacity === 'PARENT' && c.scope !== 'APPOINT_CHILD_COORD');
      return { consents, reconsentRequired };
    }),
    changeConsents: assign(({ context, event }) => {
      const e = ev<'CONSENT_CHANGED'>(event);
      const afterWithdraw = { ...context, consents: withdrawConsents(context, e.withdraw, e.at) };
      return { consents: e.grants.length ? grantConsents(afterWithdraw, e) : afterWithdraw.consents };
    }),
    withdrawConsents: assign(({ context, event }) => {
      const e = ev<'CONSENT_WITHDRAWN'>(event);
      const consents = withdrawConsents(context, e.withdraw, e.at);
      // Sharing stops at once: members whose PARTICIPANT consent is gone leave the ansvarsgruppe.
      const ansvarsgruppe = context.ansvarsgruppe.map((m) => ({
        ...m,
        active: m.active && consents.some((c) => c.status === 'ACTIVE' && c.scope === 'PARTICIPANT' && c.party === m.party),
      }));
      return { consents, ansvarsgruppe };
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
    formAnsvarsgruppe: assign({
      ansvarsgruppe: ({ event }) => ev<'FORM_ANSVARSGRUPPE'>(event).members.map((m) => ({ ...m, active: true })),
    }),
    storePlanDraft: assign({ planDraft: ({ event }) => ev<'SUBMIT_PLAN_DRAFT'>(event).plan }),
    approvePlan: assign(({ context, event }) => ({
      plan: { ...context.planDraft!, version: (context.plan?.version ?? 0) + 1, approvedAt: event.at },
      planDraft: null,
      nextEvaluationDate: context.planDraft!.revisionDate,
    })),
    completeEvaluation: assign(({ context, event }) => {
      const e = ev<'EVALUATION_COMPLETED'>(event);
      if (e.outcome === 'REVISE' && e.plan) {
        return {
          evaluations: context.evaluations + 1,
          plan: { ...e.plan, version: (context.plan?.version ?? 0) + 1, approvedAt: e.at },
          nextEvaluationDate: e.nextEvaluationDate ?? e.plan.revisionDate,
        };
      }
      return { evaluations: context.evaluations + 1, nextEvaluationDate: e.nextEvaluationDate ?? context.nextEvaluationDate };
    }),
    defaultEvaluationDateIfNone: assign(({ context, event }) => ({
      // Coordinator-only follow-up has no plan; the proposed default is an evaluation within 12 months (domain 4.3).
      nextEvaluationDate: context.nextEvaluationDate ?? addMonths(osloDateOf(event.at), 12),
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
        SEND_PRELIMINARY_REPLY: { guard: 'awaitsFirstDecision', actions: 'recordPreliminaryReply', meta: lb('SEND_PRELIMINARY_REPLY') },
        CONSENT_GIVEN: { guard: 'grantsValid', actions: 'grantConsents', meta: lb('CONSENT_GIVEN') },
        CONSENT_CHANGED: { guard: 'consentChangeValid', actions: 'changeConsents', meta: lb('CONSENT_CHANGED') },
        CONSENT_WITHDRAWN: [
          {
            guard: and(['withdrawalValid', 'withdrawsAllConsent']),
            target: 'closed',
            actions: ['withdrawConsents', closeWith('CONSENT_WITHDRAWN')],
            meta: lb('CONSENT_WITHDRAWN'),
          },
          { guard: 'withdrawalValid', actions: 'withdrawConsents', meta: lb('CONSENT_WITHDRAWN') },
        ],
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
        ACKNOWLEDGE_ESCALATION: { guard: 'escalationOpen', actions: 'acknowledgeEscalation', meta: lb('ACKNOWLEDGE_ESCALATION') },
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
            APPEAL_RECEIVED: { guard: 'appealValid', target: 'appeal', actions: 'recordAppeal', meta: lb('APPEAL_RECEIVED') },
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
                tasks: [{ kind: 'HANDLE_APPEAL', role: 'KE_LEADER', completes: 'APPEAL_RECONSIDERED' }],
                deadlines: ['APPEAL_RECONSIDERATION'],
              },
              on: {
                APPEAL_RECONSIDERED: [
                  {
                    guard: and(['isReversed', 'reversalValid']),
                    target: '#ipCase.open.consentPending',
                    actions: ['recordReconsideration', 'applyReversal'],
                    meta: lb('APPEAL_RECONSIDERED'),
                  },
                  { guard: 'isUpheld', target: 'forwarding', actions: 'recordReconsideration', meta: lb('APPEAL_RECONSIDERED') },
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
                    guard: and(['isUpheld', not('hasGrantedLine')]),
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
            APPEAL_RECEIVED: { guard: 'appealValid', target: 'appeal', actions: 'recordAppeal', meta: lb('APPEAL_RECEIVED') },
            PROPOSE_COORDINATOR: {
              guard: 'proposalAllowed',
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
            tasks: [{ kind: 'ACCEPT_APPOINTMENT', role: 'COORDINATOR', completes: 'COORDINATOR_ACCEPTED', assignTo: 'proposedCoordinator' }],
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
            COORDINATOR_CHANGED: { guard: 'changeAllowed', actions: 'changeCoordinator', meta: lb('COORDINATOR_CHANGED') },
            COORDINATOR_ENDED: { guard: 'hasCoordinator', actions: 'endCoordinator', meta: lb('COORDINATOR_ENDED') },
            // Only the consequences for plan work live here; every other withdrawal falls through to `open`.
            CONSENT_WITHDRAWN: [
              {
                // Plan work stops; the coordinator (a separate right, pbrl § 2-5 b) continues.
                guard: and(['withdrawalValid', 'withdrawsEstablishIp', 'coordinatorLineContinues']),
                target: '.active',
                actions: ['withdrawConsents', 'freezePlan', 'defaultEvaluationDateIfNone'],
                meta: lb('CONSENT_WITHDRAWN'),
              },
              {
                guard: and(['withdrawalValid', 'withdrawsEstablishIp']),
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
                START_MAPPING: { guard: 'planWorkAllowed', target: 'mapping', meta: lb('START_MAPPING') },
                START_FOLLOW_UP: {
                  guard: not('planWorkAllowed'),
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
                FORM_ANSVARSGRUPPE: {
                  guard: 'ansvarsgruppeWithinConsent',
                  actions: 'formAnsvarsgruppe',
                  meta: lb('FORM_ANSVARSGRUPPE'),
                },
                // The mapping may be recorded on the way (RECORD_MAPPING) or with the completion itself.
                MAPPING_COMPLETED: {
                  guard: and(['mappingRecordedOrGiven', 'planWorkAllowed']),
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
                  guard: and(['planWorkAllowed', 'planDraftComplete']),
                  actions: 'storePlanDraft',
                  meta: lb('SUBMIT_PLAN_DRAFT'),
                },
                PLAN_APPROVED: {
                  guard: and(['planWorkAllowed', 'draftReadyForApproval']),
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
                START_EVALUATION: { target: 'evaluation', meta: lb('START_EVALUATION') },
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
