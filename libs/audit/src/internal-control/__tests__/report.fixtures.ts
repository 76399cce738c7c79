// Internal-control reports built by hand (the shape of report.types.ts, the indicators' own names, definitions and
// default targets), for the renderers' tests, the browser test and the screenshot in docs/. Figures are made up; case
// ids are v4 UUIDs.
import { randomUUID } from 'node:crypto';
import { INDICATORS, meets } from '../indicators';
import type { IndicatorId, IndicatorResult, InternalControlReport } from '../report.types';
import { INDICATOR_IDS } from '../report.types';
import { monthPeriod, ReportTrend, trendMonths } from '../report-trend';

/** The engine cannot compute this one from what it records. */
const NOT_COMPUTABLE: Partial<Record<IndicatorId, string>> = {
  K17: 'Journal entries are kept in the archive (Noark 5), not in the engine.',
};

/** One indicator with `total` cases behind it, `failing` of which fail it. */
export function indicator(id: IndicatorId, total: number, failing: number): IndicatorResult {
  const { name, definition, duty, unit, defaultTarget: target } = INDICATORS[id];
  const base = { id, name, definition, duty, unit, target };
  const reason = NOT_COMPUTABLE[id];
  if (reason) return { ...base, computable: false, reason, value: null, met: null, cases: [], casesFailing: [] };
  const cases = Array.from({ length: total }, () => randomUUID());
  const casesFailing = cases.slice(0, failing);
  const value = unit === 'SHARE' ? (total ? (total - failing) / total : null) : unit === 'DAYS' ? 17 + failing * 6 : failing;
  const shareOf = unit === 'SHARE' ? { numerator: total - failing, denominator: total } : {};
  const details: Record<string, number> | undefined = id === 'K2' ? { p90Days: 41 } : id === 'K5' ? { totalGapDays: failing * 9 } : undefined;
  return {
    ...base,
    computable: true,
    ...(value === null ? { reason: 'No case fell under it in the period.' } : {}),
    value,
    ...shareOf,
    ...(details ? { details } : {}),
    met: meets(value, target),
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
        const value = i.unit === 'SHARE' ? Math.min(1, 0.8 + 0.2 * wobble) : i.unit === 'DAYS' ? Math.round(18 + 16 * wobble) : i.unit === 'MONTHS' ? (m % 5 === 3 ? 1 : 0) : Math.round(3 * wobble);
        return { month, value };
      }),
    ]),
  ) as ReportTrend;
}
