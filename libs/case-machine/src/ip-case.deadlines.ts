// Deadline rules of an IP case (domain § 4). States declare which deadlines run (state meta `deadlines`);
// these rules say from when, for how long, on what basis, and whom a breach escalates to.
import type { AnyMachineSnapshot } from 'xstate';
import { addDays, CivilDate, osloDateOf, osloStartOfDay } from '../../calendar/src/civil-date';
import { NorwegianCalendar, Period } from '../../calendar/src/norwegian-calendar';
import { isLineGranted, legacyRules, planWorkAllowed } from './ip-case.guards';
import type { DeadlineKind, Role, StateMeta } from './ip-case.meta';
import type { IpCaseContext } from './ip-case.types';

export interface DeadlineRule {
  kind: DeadlineKind;
  /** STATUTORY: the law sets it; LOCAL: a municipal or proposed default, configurable. */
  source: 'STATUTORY' | 'LOCAL';
  legalBasis: string;
  description: string;
  /** The clock's start (or, for fixed-date deadlines, the due date itself); null when it does not apply. */
  anchor: (ctx: IpCaseContext) => CivilDate | null;
  fixedDate?: boolean;
  /** Every breach escalates to the KE leader (domain 4.3: alert to the leader); kept per rule for local routines. */
  escalateTo: Role;
}

const day = (instant: string | null | undefined) => (instant ? osloDateOf(instant) : null);

export const DEADLINE_RULES: Record<DeadlineKind, DeadlineRule> = {
  ACKNOWLEDGE_RECEIPT: {
    kind: 'ACKNOWLEDGE_RECEIPT',
    source: 'LOCAL',
    legalBasis: 'fvl § 11 (veiledningsplikt); KE-rutine',
    description: 'Acknowledge receipt of the notification',
    anchor: (c) => day(c.receivedAt),
    escalateTo: 'KE_LEADER',
  },
  PRELIMINARY_REPLY: {
    kind: 'PRELIMINARY_REPLY',
    source: 'STATUTORY',
    legalBasis: 'fvl § 11 a tredje ledd',
    description: 'Preliminary reply (foreløpig svar) when no decision within one month of receipt',
    anchor: (c) => (c.preliminaryReplySentAt ? null : day(c.receivedAt)),
    escalateTo: 'KE_LEADER',
  },
  DECISION: {
    kind: 'DECISION',
    source: 'LOCAL',
    legalBasis: 'fvl § 11 a første ledd (uten ugrunnet opphold); kommunal saksbehandlingsfrist',
    description: 'Decision on the requested service lines',
    anchor: (c) => day(c.receivedAt),
    escalateTo: 'KE_LEADER',
  },
  APPEAL_WINDOW: {
    kind: 'APPEAL_WINDOW',
    source: 'STATUTORY',
    legalBasis: 'pbrl § 7-5',
    description: 'Appeal window after a rejection, from when the person received the letter; when it has passed without an appeal, close the case',
    // From receipt of the letter (pbrl § 7-5): its sent date and the postal rule (README); older cases ran from the decision.
    anchor: (c) => (legacyRules(c) ? day(c.decidedAt) : c.decisionLetter?.receivedOn ?? day(c.decidedAt)),
    escalateTo: 'KE_LEADER',
  },
  APPEAL_RECONSIDERATION: {
    kind: 'APPEAL_RECONSIDERATION',
    source: 'LOCAL',
    legalBasis: 'pbrl § 7-2; KE-rutine',
    description: 'Reconsider the appeal and, if upheld, forward it to Statsforvalteren',
    anchor: (c) => day(c.appeal?.receivedAt),
    escalateTo: 'KE_LEADER',
  },
  COORDINATOR_APPOINTMENT: {
    kind: 'COORDINATOR_APPOINTMENT',
    source: 'LOCAL',
    legalBasis: 'hol § 7-2; pbrl § 2-5 b; KE-rutine',
    description: 'Coordinator appointed after the decision',
    anchor: (c) => day(c.decidedAt),
    escalateTo: 'KE_LEADER',
  },
  FIRST_PLAN: {
    kind: 'FIRST_PLAN',
    source: 'LOCAL',
    legalBasis: 'pbrl § 2-5; KE-rutine',
    description: 'First plan version approved after the coordinator is appointed',
    anchor: (c) => ((legacyRules(c) ? isLineGranted(c, 'IP') && !c.planFrozen : planWorkAllowed(c)) ? day(c.coordinatorAppointedAt) : null),
    escalateTo: 'KE_LEADER',
  },
  EVALUATION: {
    kind: 'EVALUATION',
    source: 'STATUTORY',
    legalBasis: 'forskrift om individuell plan (planperiode og tidspunkt for revisjon)',
    description: 'Evaluate the plan by the revision date it states',
    // No plan, no plan evaluation: a coordinator-only case has none (older cases kept theirs).
    anchor: (c) => (legacyRules(c) || planWorkAllowed(c) ? c.nextEvaluationDate : null),
    fixedDate: true,
    escalateTo: 'KE_LEADER',
  },
  PLANNED_RESUME: {
    kind: 'PLANNED_RESUME',
    source: 'LOCAL',
    legalBasis: 'ingen lovstatus; planlagt gjenopptakelse er obligatorisk ved pause',
    description: 'Resume the paused plan by the planned date',
    anchor: (c) => c.pause?.plannedResumeDate ?? null,
    fixedDate: true,
    escalateTo: 'KE_LEADER',
  },
  COORDINATOR_VACANCY: {
    kind: 'COORDINATOR_VACANCY',
    source: 'LOCAL',
    legalBasis: 'hol §§ 7-2, 7-3; pbrl § 2-5 b (retten består)',
    description: 'Appoint a new coordinator after the previous one ended',
    anchor: (c) => (c.coordinator === null ? day(c.coordinatorVacantSince) : null),
    escalateTo: 'KE_LEADER',
  },
  RECONSENT_AT_16: {
    kind: 'RECONSENT_AT_16',
    source: 'LOCAL',
    legalBasis: 'pbrl § 4-3 første ledd bokstav b',
    description: 'The young person re-confirms the consents their parents gave',
    anchor: (c) => (c.reconsentRequired ? day(c.turned16At) : null),
    escalateTo: 'KE_LEADER',
  },
  AGE_18_TRANSITION: {
    kind: 'AGE_18_TRANSITION',
    source: 'LOCAL',
    legalBasis: 'pbrl § 2-5 c; pbrl § 2-5 b',
    description: 'Child coordinator ends at 18: convert to a coordinator or close',
    anchor: (c) => (c.childCoordinatorEnded ? day(c.turned18At) : null),
    escalateTo: 'KE_LEADER',
  },
};

export interface MunicipalitySettings {
  periods: Record<DeadlineKind, Period>;
  reminders: Record<DeadlineKind, Period>;
  christmasEveAndNewYearsEveOff: boolean;
}

const bd = (amount: number): Period => ({ unit: 'businessDays', amount });

/** Defaults from domain § 4.3 ([PROPOSED] values, configurable per municipality). */
export const DEFAULT_MUNICIPALITY_SETTINGS: MunicipalitySettings = {
  periods: {
    ACKNOWLEDGE_RECEIPT: bd(5),
    PRELIMINARY_REPLY: { unit: 'months', amount: 1 },
    DECISION: { unit: 'weeks', amount: 4 },
    APPEAL_WINDOW: { unit: 'weeks', amount: 4 },
    APPEAL_RECONSIDERATION: { unit: 'weeks', amount: 3 },
    COORDINATOR_APPOINTMENT: { unit: 'weeks', amount: 2 },
    FIRST_PLAN: { unit: 'weeks', amount: 8 },
    EVALUATION: { unit: 'months', amount: 12 },
    PLANNED_RESUME: { unit: 'days', amount: 0 },
    COORDINATOR_VACANCY: bd(10),
    RECONSENT_AT_16: { unit: 'days', amount: 30 },
    AGE_18_TRANSITION: { unit: 'days', amount: 30 },
  },
  reminders: {
    ACKNOWLEDGE_RECEIPT: bd(1),
    PRELIMINARY_REPLY: bd(5),
    DECISION: bd(5),
    APPEAL_WINDOW: bd(2),
    APPEAL_RECONSIDERATION: bd(3),
    COORDINATOR_APPOINTMENT: bd(3),
    FIRST_PLAN: bd(5),
    EVALUATION: { unit: 'days', amount: 30 },
    PLANNED_RESUME: bd(3),
    COORDINATOR_VACANCY: bd(3),
    RECONSENT_AT_16: bd(5),
    AGE_18_TRANSITION: bd(5),
  },
  christmasEveAndNewYearsEveOff: false,
};

export interface OpenDeadline {
  key: string;
  kind: DeadlineKind;
  source: DeadlineRule['source'];
  legalBasis: string;
  rule: string;
  startedOn: CivilDate;
  due: CivilDate;
  remindOn: CivilDate;
  /** Instants the workflow's timers fire at: start of the reminder day, and start of the day after the due date. */
  remindAt: string;
  breachAt: string;
  escalateTo: Role;
  remindedAt: string | null;
  breachedAt: string | null;
  escalationAcknowledgedAt: string | null;
}

function describePeriod(p: Period): string {
  const unit = { businessDays: 'working days', days: 'days', weeks: 'weeks', months: 'months' }[p.unit];
  return `${p.amount} ${unit}`;
}

/** The deadlines running in a snapshot, computed on the Norwegian working-day calendar with the municipality's settings. */
export function openDeadlines(snapshot: AnyMachineSnapshot, settings: MunicipalitySettings): OpenDeadline[] {
  if (snapshot.status !== 'active') return [];
  const ctx = snapshot.context as IpCaseContext;
  const calendar = new NorwegianCalendar({ christmasEveAndNewYearsEveOff: settings.christmasEveAndNewYearsEveOff });
  const kinds = new Set<DeadlineKind>();
  for (const meta of Object.values(snapshot.getMeta() as Record<string, StateMeta | undefined>)) {
    for (const k of meta?.deadlines ?? []) kinds.add(k);
  }
  const result: OpenDeadline[] = [];
  for (const kind of kinds) {
    const rule = DEADLINE_RULES[kind];
    const anchor = rule.anchor(ctx);
    if (!anchor) continue;
    const period = settings.periods[kind];
    const due = rule.fixedDate ? anchor : calendar.deadline(anchor, period);
    const remindOn = calendar.before(due, settings.reminders[kind]);
    const key = `${kind}@${anchor}`;
    const mark = ctx.deadlineMarks[key] ?? {};
    result.push({
      key,
      kind,
      source: rule.source,
      legalBasis: rule.legalBasis,
      rule: rule.fixedDate ? `${rule.description}: on the date set (${anchor})` : `${rule.description}: ${describePeriod(period)} from ${anchor}`,
      startedOn: anchor,
      due,
      remindOn,
      remindAt: osloStartOfDay(remindOn).toISOString(),
      breachAt: osloStartOfDay(addDays(due, 1)).toISOString(),
      escalateTo: rule.escalateTo,
      remindedAt: mark.remindedAt ?? null,
      breachedAt: mark.breachedAt ?? null,
      escalationAcknowledgedAt: mark.escalationAcknowledgedAt ?? null,
    });
  }
  return result;
}

/** Upper bounds the law sets on a municipality's own settings (domain § 4.1): it may be stricter, never slower. */
const STATUTORY_MAXIMUM: Partial<Record<DeadlineKind, Period>> = {
  PRELIMINARY_REPLY: { unit: 'months', amount: 1 }, // fvl § 11 a (3)
};
/** Deadlines that belong to the person, not to the municipality: not configurable. */
const FIXED_KINDS: DeadlineKind[] = ['APPEAL_WINDOW']; // pbrl § 7-5: four weeks

const approxDays = (p: Period) => p.amount * { businessDays: 7 / 5, days: 1, weeks: 7, months: 30.4 }[p.unit];

export interface SettingsProblem {
  field: string;
  reason: string;
}

/** Checks a municipality's overrides against the law and against themselves; empty when acceptable. */
export function settingsProblems(overrides: Partial<MunicipalitySettings>): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const merged = mergeSettings(overrides);
  for (const kind of Object.keys(overrides.periods ?? {}) as DeadlineKind[]) {
    const p = merged.periods[kind];
    if (FIXED_KINDS.includes(kind)) problems.push({ field: `periods.${kind}`, reason: `${kind} is set by law (${DEADLINE_RULES[kind].legalBasis}) and cannot be changed` });
    const max = STATUTORY_MAXIMUM[kind];
    if (max && approxDays(p) > approxDays(max)) {
      problems.push({ field: `periods.${kind}`, reason: `${kind} may not be longer than ${max.amount} ${max.unit} (${DEADLINE_RULES[kind].legalBasis})` });
    }
    if (!DEADLINE_RULES[kind].fixedDate && p.amount < 1) problems.push({ field: `periods.${kind}`, reason: 'must be at least 1' });
  }
  for (const kind of Object.keys({ ...overrides.periods, ...overrides.reminders }) as DeadlineKind[]) {
    if (DEADLINE_RULES[kind].fixedDate) continue;
    if (approxDays(merged.reminders[kind]) >= approxDays(merged.periods[kind])) {
      problems.push({ field: `reminders.${kind}`, reason: `the reminder must come before the deadline itself (${kind})` });
    }
  }
  return problems;
}

export function mergeSettings(overrides: Partial<MunicipalitySettings>): MunicipalitySettings {
  return {
    periods: { ...DEFAULT_MUNICIPALITY_SETTINGS.periods, ...overrides.periods },
    reminders: { ...DEFAULT_MUNICIPALITY_SETTINGS.reminders, ...overrides.reminders },
    christmasEveAndNewYearsEveOff: overrides.christmasEveAndNewYearsEveOff ?? DEFAULT_MUNICIPALITY_SETTINGS.christmasEveAndNewYearsEveOff,
  };
}
