// The rules that propose accesses for the monthly log review (K18), each a query over one municipality's month of
// the access log (successful accesses only; a list counts for the municipality it was asked for). Kept as data: the
// README names them, the review records how many each proposed.
import type { WorkingHours } from '../../../../libs/calendar/src';
import { clockTime } from '../../../../libs/calendar/src';

export const REVIEW_RULES = ['OUTSIDE_WORKING_HOURS', 'NO_TASK_RELATIONSHIP', 'EMERGENCY_ACCESS', 'MANY_CASES_IN_A_DAY'] as const;
export type ReviewRule = (typeof REVIEW_RULES)[number];

export interface RuleParams {
  municipality: string;
  from: Date;
  to: Date;
  /** The month's days that are not working days (weekends, public holidays). */
  daysOff: string[];
  hours: WorkingHours;
  /** MANY_CASES_IN_A_DAY: distinct cases read by one person on one day. */
  threshold: number;
  limit: number;
}

export interface RuleQuery {
  sql: string;
  params: unknown[];
}

const OSLO = `(at AT TIME ZONE 'Europe/Oslo')`;
const MONTH = `municipality = $1 AND at >= $2 AND at < $3 AND outcome BETWEEN 200 AND 299`;
const ENTRY = `id::text AS id, at, actor_sub AS "actorSub", actor_name AS "actorName", actor_role AS "actorRole", action, resource,
  CASE WHEN case_id IS NOT NULL THEN ARRAY[case_id] ELSE COALESCE(case_ids, '{}') END AS "caseIds", basis, purpose, emergency_reason AS "emergencyReason", count(*) OVER ()::int AS total`;

/** What each rule asks of the log, and how it says why an entry is proposed. */
export const RULES: Record<ReviewRule, { description: (p: RuleParams) => string; query: (p: RuleParams) => RuleQuery }> = {
  OUTSIDE_WORKING_HOURS: {
    description: (p) => `a read before ${clockTime(p.hours.from)} or from ${clockTime(p.hours.to)} (Europe/Oslo), or on a day that is not a working day (weekend, public holiday)`,
    query: (p) => ({
      sql: `SELECT ${ENTRY}, ${OSLO}::date::text AS day, to_char(${OSLO}, 'HH24:MI') AS "clock" FROM access_log
            WHERE ${MONTH} AND action IN ('READ', 'LIST', 'EXPORT', 'PRINT')
              AND (${OSLO}::time < make_time($4::int / 60, $4::int % 60, 0) OR ${OSLO}::time >= make_time($5::int / 60, $5::int % 60, 0) OR ${OSLO}::date = ANY($6::date[]))
            ORDER BY at, access_log.id LIMIT $7`,
      params: [p.municipality, p.from, p.to, p.hours.from, p.hours.to, p.daysOff, p.limit],
    }),
  },
  NO_TASK_RELATIONSHIP: {
    description: () => 'a KE person read a case on which they hold, held and are offered no task (allowed as a KE person of the municipality)',
    query: (p) => ({
      sql: `SELECT ${ENTRY} FROM access_log WHERE ${MONTH} AND action = 'READ' AND basis = 'KE_MUNICIPALITY' AND case_id IS NOT NULL ORDER BY at, access_log.id LIMIT $4`,
      params: [p.municipality, p.from, p.to, p.limit],
    }),
  },
  EMERGENCY_ACCESS: {
    description: () => 'an emergency access ("break the glass"), with the reason given',
    query: (p) => ({
      sql: `SELECT ${ENTRY} FROM access_log WHERE ${MONTH} AND basis = 'EMERGENCY' ORDER BY at, access_log.id LIMIT $4`,
      params: [p.municipality, p.from, p.to, p.limit],
    }),
  },
  MANY_CASES_IN_A_DAY: {
    description: (p) => `one person read ${p.threshold} or more different cases on one day (Europe/Oslo)`,
    query: (p) => ({
      sql: `SELECT actor_sub AS "actorSub", max(actor_name) AS "actorName", max(actor_role) AS "actorRole", ${OSLO}::date::text AS day, min(at) AS at,
                   count(DISTINCT case_id)::int AS cases, array_agg(DISTINCT case_id) AS "caseIds", count(*) OVER ()::int AS total
            FROM access_log WHERE ${MONTH} AND action = 'READ' AND case_id IS NOT NULL
            GROUP BY actor_sub, ${OSLO}::date HAVING count(DISTINCT case_id) >= $4 ORDER BY day, "actorSub" LIMIT $5`,
      params: [p.municipality, p.from, p.to, p.threshold, p.limit],
    }),
  },
};
