// Internal-control reports built by hand (the shape of report.types.ts, K1–K19 of domain § 5.2), for the renderers'
// tests, the browser test and the screenshot in docs/. Figures are made up; case ids are v4 UUIDs.
import { randomUUID } from 'node:crypto';
import type { IndicatorId, IndicatorResult, IndicatorTarget, IndicatorUnit, InternalControlReport } from '../report.types';
import { INDICATOR_IDS } from '../report.types';
import { monthPeriod, ReportTrend, trendMonths } from '../report-trend';

type Spec = [name: string, unit: IndicatorUnit, target: IndicatorTarget, duty: string, definition: string];

const share = (value: number): IndicatorTarget => ({ comparison: '>=', value });
const none: IndicatorTarget = { comparison: '=', value: 0 };

export const INDICATOR_SPECS: Record<IndicatorId, Spec> = {
  K1: ['Notifications answered in time', 'SHARE', share(1), 'fvl § 11 a', 'Notifications received in the period with a decision or a preliminary reply within 1 month of receipt.'],
  K2: ['Median days from receipt to decision', 'DAYS', { comparison: '<=', value: 28 }, 'no undue delay', 'Median of days from receipt to decision, decisions in the period.'],
  K3: ['Preliminary replies overdue', 'COUNT', none, 'fvl § 11 a (3)', 'Open cases older than 1 month without a preliminary reply at the end of the period.'],
  K4: ['Granted cases with coordinator', 'SHARE', share(0.95), 'hol § 7-2; pbrl § 2-5 b', 'Granted IP/coordinator cases with an active coordinator within 14 days of the decision.'],
  K5: ['Coordinator gaps', 'COUNT', none, 'continuity', 'Open cases with a period without an active coordinator.'],
  K6: ['Coordinator offered when IP declined', 'SHARE', share(1), 'pbrl § 2-5 b', 'IP refusals where a coordinator offer is documented.'],
  K7: ['Consent before sharing', 'SHARE', share(1), 'hpl § 22; pbrl § 2-5', 'Disclosures with an active matching consent at the time.'],
  K8: ['Consent documented before plan', 'SHARE', share(1), 'pbrl § 2-5', 'Plans whose first version post-dates an ESTABLISH_IP consent.'],
  K9: ['Plans with revision date', 'SHARE', share(1), 'IP content rule', 'Active plans with a future revision date set.'],
  K10: ['Plans evaluated in last 12 months', 'SHARE', share(0.9), 'evaluation', 'Active plans with an evaluation in the last 12 months (or by their own date).'],
  K11: ['Plans with complete minimum content', 'SHARE', share(1), 'IP content rule', 'Plans passing the content checklist (domain 7.6).'],
  K12: ['User participation documented', 'SHARE', share(1), 'pbrl § 3-1', "Plan versions with the user's goals in own words and the participation flag."],
  K13: ['Child heard', 'SHARE', share(1), 'pbrl § 4-4', 'Children aged 7 or more with childHeardDate in the last 12 months.'],
  K14: ['Age transitions handled', 'SHARE', share(1), 'pbrl §§ 4-3, 2-5 c', '16th and 18th birthdays handled within 30 days.'],
  K15: ['Appeals forwarded in time', 'SHARE', share(1), 'pbrl § 7-2', 'Upheld appeals forwarded to Statsforvalteren within 3 weeks.'],
  K16: ['Coordinators trained', 'SHARE', share(0.9), 'hol § 7-3', 'Active coordinators with KE training in the last 24 months.'],
  K17: ['Records correctly screened', 'SHARE', share(1), 'offentleglova § 13', 'Journal entries in KE cases with a screening code and legal basis.'],
  K18: ['Access-log review done', 'MONTHS', { comparison: '>=', value: 1 }, 'pasientjournalloven § 22; Normen', 'Months of the period with a documented access-log review.'],
  K19: ['Hospital notifications followed up', 'SHARE', share(1), 'hpl § 38 a', 'Notifications from hospitals handled within K1.'],
};

/** The engine cannot compute these from what it records (no training register, no journal screening, no log review). */
const NOT_COMPUTABLE: Partial<Record<IndicatorId, string>> = {
  K16: 'The engine keeps no training register for coordinators.',
  K17: 'Journal entries are kept in the archive (Noark 5), not in the engine.',
};

const meets = (t: IndicatorTarget, v: number) => (t.comparison === '>=' ? v >= t.value : t.comparison === '<=' ? v <= t.value : v === t.value);

/** One indicator with `total` cases behind it, `failing` of which fail it. */
export function indicator(id: IndicatorId, total: number, failing: number): IndicatorResult {
  const [name, unit, target, duty, definition] = INDICATOR_SPECS[id];
  const base = { id, name, definition, duty, unit, target };
  const reason = NOT_COMPUTABLE[id];
  if (reason) return { ...base, computable: false, reason, value: null, met: null, cases: [], casesFailing: [] };
  const cases = Array.from({ length: total }, () => randomUUID());
  const casesFailing = cases.slice(0, failing);
  const value = unit === 'SHARE' ? (total ? (total - failing) / total : null) : unit === 'DAYS' ? 17 + failing * 6 : unit === 'MONTHS' ? 1 : failing;
  const shareOf = unit === 'SHARE' ? { numerator: total - failing, denominator: total } : {};
  const details: Record<string, number> | undefined = id === 'K2' ? { p90Days: 41 } : id === 'K5' ? { totalGapDays: failing * 9 } : undefined;
  return {
    ...base,
    computable: true,
    ...(value === null ? { reason: 'No case fell under it in the period.' } : {}),
    value,
    ...shareOf,
    ...(details ? { details } : {}),
    met: value === null ? null : meets(target, value),
    cases,
    casesFailing,
  };
}

/** A month's report for a municipality: every indicator, a few cases failing some of them. */
export function sampleReport(month = '2027-01', municipality = '4601', seed = 0): InternalControlReport {
  const { from, to } = monthPeriod(month);
  const failing = (id: IndicatorId) => (Number(id.slice(1)) * 7 + seed) % 4 === 0 ? 1 + (seed % 2) : 0;
  return {
    municipality,
    from,
    to,
    generatedAt: new Date(`${to}T23:00:00.000Z`).toISOString(),
    indicators: INDICATOR_IDS.map((id) => indicator(id, 6 + (Number(id.slice(1)) % 5), failing(id))),
  };
}

/** A trend of 12 months for `report` with values that wander around the targets (gaps where an indicator has none). */
export function sampleTrend(report: InternalControlReport): ReportTrend {
  const months = trendMonths(report);
  return Object.fromEntries(
    report.indicators.map((i, k) => [
      i.id,
      months.map((month, m) => {
        if (m === months.length - 1) return { month, value: i.value };
        if (i.value === null) return { month, value: null };
        const wobble = Math.sin((m + k) * 1.3) * 0.5 + 0.5;
        const value = i.unit === 'SHARE' ? Math.min(1, 0.8 + 0.2 * wobble) : i.unit === 'DAYS' ? Math.round(18 + 16 * wobble) : i.unit === 'MONTHS' ? (m % 5 === 3 ? 0 : 1) : Math.round(3 * wobble);
        return { month, value };
      }),
    ]),
  ) as ReportTrend;
}
