// The indicators of internal control (domain § 5.2), each defined exactly enough to recompute it by hand.
//
// Conventions every definition relies on:
// - The period `from..to` is inclusive civil dates in Europe/Oslo; an instant is "in the period" when its Oslo date is.
// - "At": the instant the report describes (its generatedAt). Events after it are ignored; snapshot indicators
//   (K3, K9, K10, K11, K13, K16) describe the open cases as the projection holds them, evaluated on at's Oslo date.
// - Deadlines are the engine's (libs/calendar NorwegianCalendar.deadline, as ip-case.deadlines.ts uses it): "1 month"
//   is the same date number a month later (the month's last day when it is shorter), "14 days", "3 weeks" and
//   "30 days" count calendar days without the start day; a deadline that falls on a Saturday, Sunday or public holiday
//   (Easter, 17 May, …) moves to the next working day. Done "in time" means done on or before that date.
// - A case still inside its deadline without having done the thing is pending: in neither numerator nor denominator.
import type { IndicatorId, IndicatorTarget, IndicatorUnit } from './report.types';

export interface IndicatorDefinition {
  id: IndicatorId;
  name: string;
  definition: string;
  duty: string;
  unit: IndicatorUnit;
  /** Domain § 5.2's target, the default until a municipality sets its own. */
  defaultTarget: IndicatorTarget;
}

const atLeast = (value: number): IndicatorTarget => ({ comparison: '>=', value });
const ALL = atLeast(1);
const NONE: IndicatorTarget = { comparison: '=', value: 0 };

const ANSWERED_IN_TIME = (whose: string) =>
  `${whose} received in the period (receipt date). A notification is answered by its first decision (RECORD_DECISION) or preliminary ` +
  `reply (SEND_PRELIMINARY_REPLY), whichever the case history has first; in time when that is on or before the receipt date + 1 month, ` +
  `moved to the next working day (the statutory month of fvl § 11 a (3), as the engine's PRELIMINARY_REPLY deadline counts it; a ` +
  `municipality's shorter setting does not change this indicator). Failing: answered later, or unanswered with the due date passed at at. ` +
  `Not counted: unanswered and not yet due; closed on or before the due date without an answer (nothing to answer).`;

export const INDICATORS: Record<IndicatorId, IndicatorDefinition> = {
  K1: {
    id: 'K1',
    name: 'Notifications answered in time',
    definition: ANSWERED_IN_TIME('Notifications (cases)'),
    duty: 'fvl § 11 a',
    unit: 'SHARE',
    defaultTarget: ALL,
  },
  K2: {
    id: 'K2',
    name: 'Days from receipt to decision (median)',
    definition:
      'Cases whose first decision (RECORD_DECISION) is in the period; days = decision date − receipt date in calendar days. Value: the ' +
      'median, details p90Days the 90th percentile (both interpolated between ranks, PostgreSQL percentile_cont), and per decided service ' +
      'line medianDays.<LINE> / p90Days.<LINE> (a case counts for each line its decision decides). Failing cases: more days than the target. ' +
      'The engine has one KE unit per municipality, so there is no split by unit.',
    duty: 'fvl § 11 a (1) (uten ugrunnet opphold)',
    unit: 'DAYS',
    defaultTarget: { comparison: '<=', value: 28 },
  },
  K3: {
    id: 'K3',
    name: 'Preliminary replies overdue',
    definition:
      'Snapshot at at: open cases without a decision and without a preliminary reply whose receipt date + 1 month (moved to the next ' +
      'working day, as K1) is before at\'s date. Value: their number.',
    duty: 'fvl § 11 a (3)',
    unit: 'COUNT',
    defaultTarget: NONE,
  },
  K4: {
    id: 'K4',
    name: 'Granted cases with coordinator in time',
    definition:
      'Cases first granted in the period: the first transition into CONSENT_PENDING (a decision granting or partly granting IP, KOORDINATOR ' +
      'or BARNEKOORDINATOR, or a reversal on appeal). In time: the first coordinator appointment (COORDINATOR_ACCEPTED) on or before the ' +
      'grant date + 14 days, moved to the next working day (the engine\'s COORDINATOR_APPOINTMENT default of 2 weeks is the same date). ' +
      'Failing: appointed later, or none with the date passed at at. Not counted: none yet and not yet due; closed on or before the date ' +
      'without a coordinator (consent declined, moved, died).',
    duty: 'hol § 7-2; pbrl § 2-5 b',
    unit: 'SHARE',
    defaultTarget: atLeast(0.95),
  },
  K5: {
    id: 'K5',
    name: 'Coordinator gaps',
    definition:
      'A gap opens when a coordinator ends (COORDINATOR_ENDED) and closes at the next appointment (COORDINATOR_CHANGED) or when the case ' +
      'closes; otherwise it is still open at at. Counted: gaps open on at least one day of the period. Value: their number; details ' +
      'totalGapDays: the sum of their lengths in calendar days (date closed − date opened, at\'s date for a gap still open).',
    duty: 'hol §§ 7-2, 7-3; pbrl § 2-5 b (continuity)',
    unit: 'COUNT',
    defaultTarget: NONE,
  },
  K6: {
    id: 'K6',
    name: 'Coordinator offered when IP declined',
    definition:
      'Decisions (RECORD_DECISION) in the period in which the person declines the plan (line IP, outcome USER_DECLINED). The offer is ' +
      'documented when the same decision grants, partly grants or records the person\'s refusal of KOORDINATOR or BARNEKOORDINATOR; a ' +
      'rejected or missing coordinator line fails.',
    duty: 'pbrl § 2-5 b',
    unit: 'SHARE',
    defaultTarget: ALL,
  },
  K7: {
    id: 'K7',
    name: 'Consent before sharing',
    definition:
      'Disclosures of confidential information recorded on the cases (INFORMATION_DISCLOSED) dated (disclosedOn) in the period; passing ' +
      'when the disclosure had an active matching consent at the time (consentActive as recorded). Participant accesses (ansvarsgruppe ' +
      'members, plan participants, sharing of the plan) are not counted: the engine refuses them without the matching consent ' +
      '(rules ansvarsgruppeWithinConsent, planDraftComplete).',
    duty: 'hpl § 22; pbrl § 2-5; fvl § 13 a nr. 1',
    unit: 'SHARE',
    defaultTarget: ALL,
  },
  K8: {
    id: 'K8',
    name: 'Consent documented before plan',
    definition:
      'First plan versions approved (the case\'s first PLAN_APPROVED) in the period; passing when the case history has an ESTABLISH_IP ' +
      'grant (CONSENT_GIVEN or CONSENT_CHANGED) before the approval.',
    duty: 'pbrl § 2-5',
    unit: 'SHARE',
    defaultTarget: ALL,
  },
  K9: {
    id: 'K9',
    name: 'Plans with revision date',
    definition:
      'Snapshot at at: active plans (open cases with an approved plan that is not frozen by a withdrawn ESTABLISH_IP). Passing when the ' +
      'plan\'s next revision date (nextEvaluationDate) is set and not before at\'s date.',
    duty: 'forskrift om individuell plan (planperiode og tidspunkt for revisjon)',
    unit: 'SHARE',
    defaultTarget: ALL,
  },
  K10: {
    id: 'K10',
    name: 'Plans evaluated in the last 12 months',
    definition:
      'Snapshot at at, the active plans of K9. Passing when an evaluation was completed (EVALUATION_COMPLETED) on or after at\'s date − 12 ' +
      'months, or when the plan is not due yet by its own date: first approved on or after at\'s date − 12 months with its revision date not ' +
      'before at\'s date.',
    duty: 'forskrift om individuell plan (revisjon); Rakkestad finding',
    unit: 'SHARE',
    defaultTarget: atLeast(0.9),
  },
  K11: {
    id: 'K11',
    name: 'Plans with complete minimum content',
    definition:
      'Snapshot at at, the active plans of K9, checked against the content list (domain 7.6) as far as the engine records it: (a) at least ' +
      'one goal, each with its life area and the statement in the person\'s own words; (b) at least one participant; (c) an active ' +
      'coordinator on the case; (e) at least one measure, each with description, scope and responsible party; (g) a revision date and the ' +
      'person\'s participation; (h) an active ESTABLISH_IP consent. (d), (f) and (i) are not recorded and not checked.',
    duty: 'forskrift om individuell plan (innhold)',
    unit: 'SHARE',
    defaultTarget: ALL,
  },
  K12: {
    id: 'K12',
    name: 'User participation documented',
    definition:
      'Plan versions approved in the period (context.planVersions, approvedAt); passing when the version records the goals in the person\'s ' +
      'own words (goalsInOwnWords) and how the person took part (userParticipation).',
    duty: 'pbrl § 3-1',
    unit: 'SHARE',
    defaultTarget: ALL,
  },
  K13: {
    id: 'K13',
    name: 'Child heard',
    definition:
      'Snapshot at at: open cases whose person is 7 to 17 years old on at\'s date (birth date recorded). Passing when the child was heard ' +
      '(CHILD_HEARD, heardOn) on or after at\'s date − 12 months.',
    duty: 'pbrl § 4-4',
    unit: 'SHARE',
    defaultTarget: ALL,
  },
  K14: {
    id: 'K14',
    name: 'Age transitions handled',
    definition:
      '16th and 18th birthdays in the period that left something to do: at 16 parental consents to re-confirm (the RECONSENT_AT_16 ' +
      'deadline opened), at 18 a child coordinator that ends (AGE_18_TRANSITION opened). Handled when that deadline was met or the case ' +
      'closed, on or before the birthday + 30 days moved to the next working day. Failing: handled later, or not handled with the date ' +
      'passed at at. Not counted: birthdays that needed nothing, and those not handled and not yet due.',
    duty: 'pbrl §§ 4-3, 2-5 c',
    unit: 'SHARE',
    defaultTarget: ALL,
  },
  K15: {
    id: 'K15',
    name: 'Appeals forwarded in time',
    definition:
      'Appeals received (APPEAL_RECEIVED, receivedAt) in the period that the KE upheld (APPEAL_RECONSIDERED UPHELD). In time: forwarded to ' +
      'Statsforvalteren (APPEAL_FORWARDED, forwardedAt) on or before the receipt date + 3 weeks, moved to the next working day (the ' +
      'engine\'s APPEAL_RECONSIDERATION default). Failing: forwarded later, or not forwarded with the date passed at at. Not counted: not ' +
      'forwarded and not yet due; closed on or before the date without forwarding.',
    duty: 'pbrl § 7-2',
    unit: 'SHARE',
    defaultTarget: ALL,
  },
  K16: {
    id: 'K16',
    name: 'Coordinators trained',
    definition:
      'Snapshot at at: the coordinators of the open cases (one each, however many cases they coordinate). Passing when the coordinator ' +
      'completed KE training (coordinator_training, completed_on) on or after at\'s date − 24 months. The cases are the open cases with a ' +
      'coordinator; the failing ones those whose coordinator is not trained.',
    duty: 'hol § 7-3',
    unit: 'SHARE',
    defaultTarget: atLeast(0.9),
  },
  K17: {
    id: 'K17',
    name: 'Records correctly screened',
    definition: 'Journal entries in KE cases with a screening code and its legal basis, out of all journal entries of the period.',
    duty: 'offentleglova § 13',
    unit: 'SHARE',
    defaultTarget: ALL,
  },
  K18: {
    id: 'K18',
    name: 'Access-log review done',
    definition:
      'The calendar months of the period that had ended by at (a month is reviewed after it ends). A month is done when access_log_review ' +
      'has its review (month YYYY-MM, reviewed_at by at). Value: the months without a documented review (0 = every month, 12/12 for a ' +
      'year); numerator the months reviewed, denominator the months due.',
    duty: 'pasientjournalloven § 22; Normen faktaark 15',
    unit: 'MONTHS',
    defaultTarget: NONE,
  },
  K19: {
    id: 'K19',
    name: 'Hospital notifications followed up',
    definition: `K1 for the notifications from hospitals (notifierType HOSPITAL): ${ANSWERED_IN_TIME('Hospital notifications')}`,
    duty: 'hpl § 38 a',
    unit: 'SHARE',
    defaultTarget: ALL,
  },
};

/** Which comparisons a municipality may set: the default's direction (a count of zero may be relaxed to "at most"). */
export function allowedComparisons(id: IndicatorId): IndicatorTarget['comparison'][] {
  const d = INDICATORS[id].defaultTarget.comparison;
  return d === '=' ? ['=', '<='] : [d];
}

/** What is wrong with a target for an indicator, field by field; empty when acceptable. */
export function targetProblems(id: IndicatorId, t: IndicatorTarget): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = [];
  const allowed = allowedComparisons(id);
  if (!allowed.includes(t.comparison)) problems.push({ field: 'comparison', reason: `${id} is measured with ${allowed.join(' or ')}` });
  const unit = INDICATORS[id].unit;
  if (unit === 'SHARE' && (t.value < 0 || t.value > 1)) problems.push({ field: 'value', reason: `${id} is a share: the target is between 0 and 1` });
  if (unit !== 'SHARE' && (t.value < 0 || !Number.isInteger(t.value))) problems.push({ field: 'value', reason: `${id} counts ${unit.toLowerCase()}: the target is a whole number ≥ 0` });
  return problems;
}

export function meets(value: number | null, t: IndicatorTarget): boolean | null {
  if (value === null) return null;
  return t.comparison === '>=' ? value >= t.value : t.comparison === '<=' ? value <= t.value : value === t.value;
}
