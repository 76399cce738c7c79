import type {
  CivilDate,
  ClosureReason,
  ConsentGrantInput,
  ConsentRef,
  CoordinatorEndReason,
  CoordinatorRef,
  EvaluationOutcome,
  Instant,
  LineDecision,
  NotifierType,
  PlanDraft,
  ServiceLine,
  SubjectAwareness,
  Channel,
  AnsvarsgruppeMember,
  LetterMethod,
  ParentalResponsibility,
  ConsentScope,
  ChildHeardWay,
} from './ip-case.types';

// Every event carries `at`: the workflow stamps it with workflow time, so the machine never reads a clock.
interface Stamped {
  at: Instant;
}

export type IpCaseEvent = Stamped &
  (
    | {
        type: 'NOTIFICATION_RECEIVED';
        receivedAt: Instant;
        channel: Channel;
        notifierType: NotifierType;
        requestedLines: ServiceLine[];
        subjectAware: SubjectAwareness;
        birthDate: CivilDate | null;
        expectedChild?: boolean;
        /** The notification's record (domain 7.2); the rules do not read it, the case history keeps it. */
        notifier?: { type: NotifierType; name: string; relation: string; organisationNumber?: string };
        needsDescription?: string;
        recordedBy?: string;
      }
    | { type: 'REGISTER' }
    | { type: 'START_ASSESSMENT' }
    | { type: 'SEND_PRELIMINARY_REPLY'; expectedAnswerBy: CivilDate; reason: string }
    | {
        type: 'RECORD_DECISION';
        decisions: LineDecision[];
        sentAt: Instant;
        /** The letter tells who to appeal to, the 4-week deadline, the right to see documents, help from the ombud. */
        appealInformationIncluded?: boolean;
        /** How the letter was sent (current rules): with `sentAt` it sets when the appeal window starts. */
        letterMethod?: LetterMethod;
      }
    | {
        type: 'APPEAL_RECEIVED';
        receivedAt: Instant;
        contestedLines: ServiceLine[];
        /** Stated by the sender in histories from before the machine computed it from the letter. */
        timely?: boolean;
        grounds: string;
      }
    | { type: 'LATE_APPEAL_ASSESSED'; excusable: boolean; reasons: string }
    | { type: 'APPEAL_RECONSIDERED'; outcome: 'REVERSED' | 'UPHELD'; decisions?: LineDecision[] }
    | { type: 'APPEAL_FORWARDED'; forwardedAt: Instant }
    | { type: 'STATSFORVALTER_DECIDED'; outcome: 'UPHELD' | 'REVERSED' | 'RETURNED'; decisions?: LineDecision[] }
    | { type: 'CONSENT_GIVEN'; grants: ConsentGrantInput[]; parentalResponsibility?: ParentalResponsibility }
    | { type: 'CONSENT_DECLINED'; note?: string }
    | { type: 'CONSENT_CHANGED'; grants: ConsentGrantInput[]; withdraw: ConsentRef[] }
    | { type: 'CONSENT_WITHDRAWN'; withdraw: ConsentRef[]; consequencesExplained: boolean }
    | { type: 'SHARING_END_NOTIFIED'; parties: string[]; note?: string }
    /** Information was given to a named service or party, under the consent scope it rests on (hpl § 22). */
    | { type: 'INFORMATION_DISCLOSED'; recipient: string; scope: ConsentScope; purpose: string; disclosedOn: CivilDate }
    /** The child was heard (pbrl § 4-4); the summary stays in the case history only. */
    | { type: 'CHILD_HEARD'; heardOn: CivilDate; how: ChildHeardWay; summary?: string }
    | { type: 'PROPOSE_COORDINATOR'; coordinator: CoordinatorRef }
    | { type: 'COORDINATOR_ACCEPTED' }
    | { type: 'COORDINATOR_DECLINED'; reason: string }
    | { type: 'COORDINATOR_CHANGED'; coordinator: CoordinatorRef; reason: CoordinatorEndReason }
    | { type: 'COORDINATOR_ENDED'; reason: CoordinatorEndReason }
    | { type: 'START_MAPPING' }
    | { type: 'START_FOLLOW_UP' }
    | { type: 'RECORD_MAPPING'; summary: string }
    | { type: 'FORM_ANSVARSGRUPPE'; members: Omit<AnsvarsgruppeMember, 'active'>[] }
    | { type: 'MAPPING_COMPLETED'; summary?: string }
    | { type: 'SUBMIT_PLAN_DRAFT'; plan: PlanDraft }
    | { type: 'PLAN_APPROVED' }
    | { type: 'START_EVALUATION'; trigger: 'SCHEDULED' | 'CHANGE_IN_SITUATION' | 'USER_REQUEST' | 'MEASURE_DONE' | 'COORDINATOR_CHANGE' }
    | {
        type: 'EVALUATION_COMPLETED';
        outcome: EvaluationOutcome;
        nextEvaluationDate?: CivilDate;
        plan?: PlanDraft;
        closureReason?: ClosureReason;
      }
    | { type: 'PAUSE'; reason: string; plannedResumeDate: CivilDate }
    | { type: 'RESUME' }
    | { type: 'USER_MOVED'; newMunicipality: string; moveDate: CivilDate; transferConsent: boolean }
    | { type: 'USER_DIED'; dateOfDeath: CivilDate }
    | { type: 'CONVERT_TO_COORDINATOR' }
    | { type: 'CLOSE'; reason: ClosureReason; note?: string }
    | { type: 'ACKNOWLEDGE_ESCALATION'; deadlineKey: string; action: string }
    // Raised by the workflow's durable timers only, never accepted from the API:
    | { type: 'TURNS_16' }
    | { type: 'TURNS_18' }
    | { type: 'DEADLINE_REMINDER'; deadlineKey: string }
    | { type: 'DEADLINE_BREACHED'; deadlineKey: string }
  );

export type IpCaseEventType = IpCaseEvent['type'];

/** Events only the case workflow's timers may send. */
export const TIMER_EVENTS = ['TURNS_16', 'TURNS_18', 'DEADLINE_REMINDER', 'DEADLINE_BREACHED'] as const;
export type TimerEventType = (typeof TIMER_EVENTS)[number];
export type CommandEventType = Exclude<IpCaseEventType, TimerEventType>;
/** An event as a person sends it: the workflow adds `at`. */
export type IpCaseCommand = IpCaseEvent extends infer E ? (E extends IpCaseEvent ? Omit<E, 'at'> : never) : never;

/** Every command a person (or the archive) can send, in the order the events are declared. */
export const COMMAND_EVENT_TYPES = [
  'NOTIFICATION_RECEIVED', 'REGISTER', 'START_ASSESSMENT', 'SEND_PRELIMINARY_REPLY', 'RECORD_DECISION', 'APPEAL_RECEIVED', 'LATE_APPEAL_ASSESSED',
  'APPEAL_RECONSIDERED', 'APPEAL_FORWARDED', 'STATSFORVALTER_DECIDED', 'CONSENT_GIVEN', 'CONSENT_DECLINED', 'CONSENT_CHANGED', 'CONSENT_WITHDRAWN',
  'SHARING_END_NOTIFIED', 'INFORMATION_DISCLOSED', 'CHILD_HEARD', 'PROPOSE_COORDINATOR', 'COORDINATOR_ACCEPTED', 'COORDINATOR_DECLINED',
  'COORDINATOR_CHANGED', 'COORDINATOR_ENDED', 'START_MAPPING', 'START_FOLLOW_UP', 'RECORD_MAPPING', 'FORM_ANSVARSGRUPPE', 'MAPPING_COMPLETED',
  'SUBMIT_PLAN_DRAFT', 'PLAN_APPROVED', 'START_EVALUATION', 'EVALUATION_COMPLETED', 'PAUSE', 'RESUME', 'USER_MOVED', 'USER_DIED',
  'CONVERT_TO_COORDINATOR', 'CLOSE', 'ACKNOWLEDGE_ESCALATION',
] as const satisfies readonly CommandEventType[];
// Every command type is listed (a compile error otherwise).
type Unlisted = Exclude<CommandEventType, (typeof COMMAND_EVENT_TYPES)[number]>;
const everyCommandListed: Unlisted extends never ? true : Unlisted = true;
void everyCommandListed;

export function isTimerEvent(type: string): type is TimerEventType {
  return (TIMER_EVENTS as readonly string[]).includes(type);
}
