// Builders for machine tests: valid commands, and a driver that stamps time and refuses an event the case cannot take.
import { AnyMachineSnapshot, AnyStateNode, initialTransition, transition } from 'xstate';
import { ipCaseMachine } from '../ip-case.machine';
import type { IpCaseCommand, IpCaseEvent } from '../ip-case.events';
import { ConsentGrantInput, CURRENT_RULES_VERSION, INFORMATION_ITEMS, PlanDraft } from '../ip-case.types';

export const T0 = '2027-03-01T09:00:00.000Z';
export const HOUR = 3_600_000;

/** Every item of the information checklist given (domain 3.2). */
export const informed = () => Object.fromEntries(INFORMATION_ITEMS.map((i) => [i, true])) as ConsentGrantInput['informationGiven'];

export const grant = (
  scope: ConsentGrantInput['scope'],
  party?: string,
  capacity: ConsentGrantInput['capacity'] = 'SELF',
  givenBy: ConsentGrantInput['givenBy'] = { name: capacity === 'PARENT' ? 'Anne Forelder' : 'Kari Nordmann', ...(capacity === 'PARENT' ? { relation: 'MOTHER' } : {}) },
): ConsentGrantInput => ({
  scope,
  ...(party ? { party } : {}),
  capacity,
  form: 'WRITTEN_DIGITAL',
  informationGiven: informed(),
  givenBy,
});

export const plan = (revisionDate = '2028-03-01'): PlanDraft => ({
  goals: [{ lifeArea: 'school/work', statementInUserWords: 'Jeg vil fullføre videregående' }],
  measures: [{ description: 'Tilrettelagt undervisning', responsibleParty: 'PPT', scope: '4 t/uke' }],
  revisionDate,
  userParticipation: 'FULL',
});

export const cmd = {
  notification: (over: Partial<Extract<IpCaseCommand, { type: 'NOTIFICATION_RECEIVED' }>> = {}): IpCaseCommand => ({
    type: 'NOTIFICATION_RECEIVED',
    receivedAt: '2027-03-01T08:00:00.000Z',
    channel: 'LETTER',
    notifierType: 'HEALTH_PERSONNEL',
    requestedLines: ['IP', 'KOORDINATOR'],
    subjectAware: 'YES_CONSENTED',
    birthDate: '1990-06-15',
    ...over,
  }),
  grantAll: (): IpCaseCommand => ({
    type: 'CONSENT_GIVEN',
    grants: [grant('ESTABLISH_IP'), grant('APPOINT_COORD'), grant('PARTICIPANT', 'PPT'), grant('SHARE_WITH', 'PPT')],
  }),
  granted: (): IpCaseCommand => ({
    type: 'RECORD_DECISION',
    sentAt: '2027-03-05T10:00:00.000Z', appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX',
    decisions: [
      { line: 'IP', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5' },
      { line: 'KOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 b' },
    ],
  }),
  rejected: (): IpCaseCommand => ({
    type: 'RECORD_DECISION',
    sentAt: '2027-03-05T10:00:00.000Z', appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX',
    decisions: [
      { line: 'IP', outcome: 'REJECTED', reasons: 'Behovet er ikke langvarig', legalBasis: 'pbrl § 2-5' },
      { line: 'KOORDINATOR', outcome: 'REJECTED', reasons: 'Behovet er ikke langvarig', legalBasis: 'pbrl § 2-5 b' },
    ],
  }),
  propose: (line: 'KOORDINATOR' | 'BARNEKOORDINATOR' = 'KOORDINATOR', employeeId = 'emp-17'): IpCaseCommand => ({
    type: 'PROPOSE_COORDINATOR',
    coordinator: { employeeId, unit: 'Hjemmetjenesten', line, userWishMet: true },
  }),
};

export interface Driven {
  snapshot: AnyMachineSnapshot;
  now: number;
}

/** A case under the current rules; `rulesVersion: null` gives a case started before rule versions existed. */
export function start(caseId = 'case-1', municipality = '4601', at = T0, rulesVersion: number | null = CURRENT_RULES_VERSION): Driven {
  const [snapshot] = initialTransition(ipCaseMachine, { caseId, municipality, rulesVersion: rulesVersion ?? undefined });
  return { snapshot, now: Date.parse(at) };
}

/** Applies commands one hour apart; throws when the case cannot take one. */
export function drive(d: Driven, ...commands: IpCaseCommand[]): Driven {
  let { snapshot, now } = d;
  for (const c of commands) {
    now += HOUR;
    const event = { ...c, at: new Date(now).toISOString() } as IpCaseEvent;
    if (!snapshot.can(event)) throw new Error(`refused ${c.type} in ${JSON.stringify(snapshot.value)}`);
    [snapshot] = transition(ipCaseMachine, snapshot, event);
  }
  return { snapshot, now };
}

export function stamp(d: Driven, c: IpCaseCommand, at?: string): IpCaseEvent {
  return { ...c, at: at ?? new Date(d.now + HOUR).toISOString() } as IpCaseEvent;
}

export function apply(d: Driven, event: IpCaseEvent): Driven {
  const [snapshot] = transition(ipCaseMachine, d.snapshot, event);
  return { snapshot, now: Date.parse(event.at) };
}

/** The main path to each state, at a point where everything that state can do is possible. */
export const PATHS: Record<string, IpCaseCommand[]> = {
  intake: [],
  received: [cmd.notification()],
  registered: [cmd.notification(), { type: 'REGISTER' }],
  assessment: [cmd.notification(), { type: 'REGISTER' }, { type: 'START_ASSESSMENT' }],
};
PATHS.rejected = [...PATHS.assessment, cmd.rejected()];
PATHS.keReconsideration = [
  ...PATHS.rejected,
  { type: 'APPEAL_RECEIVED', receivedAt: '2027-03-01T13:30:00.000Z', contestedLines: ['IP'], grounds: 'Trenger flere tjenester' },
];
PATHS.forwarding = [...PATHS.keReconsideration, { type: 'APPEAL_RECONSIDERED', outcome: 'UPHELD' }];
PATHS.atStatsforvalter = [...PATHS.forwarding, { type: 'APPEAL_FORWARDED', forwardedAt: '2027-03-20T10:00:00.000Z' }];
PATHS.consentPending = [...PATHS.assessment, cmd.granted(), cmd.grantAll()];
PATHS.coordinatorProposed = [...PATHS.consentPending, cmd.propose()];
PATHS.coordinatorAppointed = [...PATHS.coordinatorProposed, { type: 'COORDINATOR_ACCEPTED' }];
PATHS.mapping = [...PATHS.coordinatorAppointed, { type: 'START_MAPPING' }, { type: 'RECORD_MAPPING', summary: 'Mål og behov kartlagt' }];
PATHS.planDraft = [...PATHS.mapping, { type: 'MAPPING_COMPLETED' }, { type: 'SUBMIT_PLAN_DRAFT', plan: plan() }];
PATHS.active = [...PATHS.planDraft, { type: 'PLAN_APPROVED' }];
PATHS.evaluation = [...PATHS.active, { type: 'START_EVALUATION', trigger: 'SCHEDULED' }];
PATHS.paused = [...PATHS.active, { type: 'PAUSE', reason: 'Lengre sykehusopphold', plannedResumeDate: '2027-09-01' }];
PATHS.closed = [...PATHS.active, { type: 'CLOSE', reason: 'NEED_ENDED' }];

/** A valid example of every event, for the main-path context. */
export const SAMPLE_EVENTS: IpCaseCommand[] = [
  cmd.notification(),
  { type: 'REGISTER' },
  { type: 'START_ASSESSMENT' },
  { type: 'SEND_PRELIMINARY_REPLY', expectedAnswerBy: '2027-04-15', reason: 'Venter på opplysninger' },
  cmd.granted(),
  { type: 'APPEAL_RECEIVED', receivedAt: '2027-03-01T13:30:00.000Z', contestedLines: ['IP'], grounds: 'Uenig' },
  { type: 'APPEAL_RECONSIDERED', outcome: 'UPHELD' },
  { type: 'APPEAL_FORWARDED', forwardedAt: '2027-03-20T10:00:00.000Z' },
  { type: 'STATSFORVALTER_DECIDED', outcome: 'UPHELD' },
  { type: 'CONSENT_GIVEN', grants: [grant('DIGITAL_TOOL')] },
  { type: 'CONSENT_DECLINED' },
  { type: 'CONSENT_CHANGED', grants: [grant('DIGITAL_TOOL')], withdraw: [] },
  { type: 'CONSENT_WITHDRAWN', withdraw: [{ scope: 'SHARE_WITH', party: 'PPT' }], consequencesExplained: true },
  { type: 'INFORMATION_DISCLOSED', recipient: 'PPT', scope: 'SHARE_WITH', purpose: 'Tilrettelegging i skolen', disclosedOn: '2027-03-01' },
  { type: 'CHILD_HEARD', heardOn: '2027-03-01', how: 'CONVERSATION' },
  cmd.propose(),
  { type: 'COORDINATOR_ACCEPTED' },
  { type: 'COORDINATOR_DECLINED', reason: 'Kapasitet' },
  { type: 'COORDINATOR_CHANGED', coordinator: { employeeId: 'emp-99', unit: 'Psykisk helse', line: 'KOORDINATOR', userWishMet: true }, reason: 'LEFT_JOB' },
  { type: 'COORDINATOR_ENDED', reason: 'LEAVE' },
  { type: 'START_MAPPING' },
  { type: 'START_FOLLOW_UP' },
  { type: 'RECORD_MAPPING', summary: 'Kartlagt' },
  { type: 'FORM_ANSVARSGRUPPE', members: [{ party: 'PPT', role: 'Rådgiver' }] },
  { type: 'MAPPING_COMPLETED' },
  { type: 'SUBMIT_PLAN_DRAFT', plan: plan() },
  { type: 'PLAN_APPROVED' },
  { type: 'START_EVALUATION', trigger: 'SCHEDULED' },
  { type: 'EVALUATION_COMPLETED', outcome: 'CONTINUE', nextEvaluationDate: '2028-06-01' },
  { type: 'PAUSE', reason: 'Utenlandsopphold', plannedResumeDate: '2027-12-01' },
  { type: 'RESUME' },
  { type: 'USER_MOVED', newMunicipality: '0301', moveDate: '2027-06-01', transferConsent: true },
  { type: 'USER_DIED', dateOfDeath: '2027-06-01' },
  { type: 'CONVERT_TO_COORDINATOR' },
  { type: 'CLOSE', reason: 'NEED_ENDED' },
  { type: 'ACKNOWLEDGE_ESCALATION', deadlineKey: 'DECISION@2027-03-01', action: 'Saken er prioritert' },
  { type: 'TURNS_16' },
  { type: 'TURNS_18' },
  { type: 'DEADLINE_REMINDER', deadlineKey: 'DECISION@2027-03-01' },
  { type: 'DEADLINE_BREACHED', deadlineKey: 'DECISION@2027-03-01' },
];

export function allStateNodes(node: AnyStateNode = ipCaseMachine.root): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => allStateNodes(child))];
}
