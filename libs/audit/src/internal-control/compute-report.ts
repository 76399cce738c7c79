// Computes the internal-control report (domain § 5.2) from the PostgreSQL projections: ip_case (with its context),
// case_history, case_deadline, and the registers kept beside the cases (coordinator_training, access_log_review).
// Each indicator is one aggregating query that answers its counts and the ids of its cases; no case is loaded.
// Deadlines come from the engine's calendar (indicators.ts says how they are counted), passed in as a table of
// start date → due date, so SQL never re-implements the holiday rules.
import { initialTransition } from 'xstate';
import { DataSource, EntityManager } from 'typeorm';
import { addDays, addMonths, osloDateOf, osloStartOfDay } from '../../../calendar/src/civil-date';
import { NorwegianCalendar, Period } from '../../../calendar/src/norwegian-calendar';
import { COMMAND_EVENT_TYPES } from '../../../case-machine/src/ip-case.events';
import { ipCaseMachine } from '../../../case-machine/src/ip-case.machine';
import { INDICATORS, meets } from './indicators';
import { INDICATOR_IDS, IndicatorId, IndicatorResult, InternalControlReport } from './report.types';
import { loadTargets } from './targets';

export interface ReportQuery {
  municipality: string;
  /** Inclusive civil dates, Europe/Oslo. */
  from: string;
  to: string;
  /** The instant the report describes: later events are ignored; snapshot indicators are evaluated on its date. */
  at: string;
}

/** The figure of one indicator, before its definition and target are put beside it. */
type Figure = Pick<IndicatorResult, 'computable' | 'reason' | 'value' | 'numerator' | 'denominator' | 'details' | 'cases' | 'casesFailing'>;

type Db = DataSource | EntityManager;

const NOTHING_IN_PERIOD = 'No case falls under it in the period.';
const NO_CASES = 'No case falls under it at the time of the report.';

/** A civil date of an instant in Europe/Oslo, in SQL. */
const osl = (ts: string) => `(${ts} AT TIME ZONE 'Europe/Oslo')::date`;
/** A jsonb array of the context, or an empty one when the fact is absent. */
const arr = (json: string) => `(CASE WHEN jsonb_typeof(${json}) = 'array' THEN ${json} ELSE '[]'::jsonb END)`;
const OPEN_AT = `(c.closed_at IS NULL OR c.closed_at > @at) AND c.received_at <= @at`;

/**
 * Done in time by `due`: true or false, or null when not counted (not done and not yet due; or the case closed on or
 * before the due date without it, when `closedAt` is given: nothing left to do).
 */
function inTime(done: string, due: string, closedAt?: string): string {
  const closed = closedAt ? `WHEN ${closedAt} IS NOT NULL AND ${closedAt} <= @at AND ${osl(closedAt)} <= ${due} THEN NULL` : '';
  return `(CASE WHEN ${done} IS NOT NULL THEN ${osl(done)} <= ${due} ${closed} WHEN @atDate::date > ${due} THEN false END)`;
}

/** Counts of a share over rows (case_id, ok): ok null rows are not counted. */
const SHARE_COLUMNS = `count(ok)::int AS denominator, (count(*) FILTER (WHERE ok))::int AS numerator,
  COALESCE(array_agg(DISTINCT case_id ORDER BY case_id) FILTER (WHERE ok IS NOT NULL), '{}')::text[] AS cases,
  COALESCE(array_agg(DISTINCT case_id ORDER BY case_id) FILTER (WHERE ok = false), '{}')::text[] AS failing`;

interface ShareRow {
  denominator: number;
  numerator: number;
  cases: string[];
  failing: string[];
}

function share(r: ShareRow, empty = NOTHING_IN_PERIOD): Figure {
  return {
    computable: true,
    ...(r.denominator === 0 ? { reason: empty } : {}),
    value: r.denominator === 0 ? null : r.numerator / r.denominator,
    numerator: r.numerator,
    denominator: r.denominator,
    cases: r.cases,
    casesFailing: r.failing,
  };
}

const notComputable = (reason: string): Figure => ({ computable: false, reason, value: null, cases: [], casesFailing: [] });

/** Named parameters (@name) to PostgreSQL's positional ones. */
function bind(text: string, params: Record<string, unknown>): [string, unknown[]] {
  const names: string[] = [];
  const query = text.replace(/@([a-zA-Z][a-zA-Z0-9]*)/g, (_m, name: string) => {
    if (!(name in params)) throw new Error(`no parameter @${name}`);
    if (!names.includes(name)) names.push(name);
    return `$${names.indexOf(name) + 1}`;
  });
  return [query, names.map((n) => params[n])];
}

interface Ctx {
  db: Db;
  p: Record<string, unknown>;
  calendar: NorwegianCalendar;
  q: ReportQuery;
  atDate: string;
}

async function rows<T>(c: Ctx, text: string, extra: Record<string, unknown> = {}): Promise<T[]> {
  const [query, values] = bind(text, { ...c.p, ...extra });
  return c.db.query(query, values);
}

/** start date → due date for every start date of the period, by the engine's calendar. */
function dues(c: Ctx, period: Period): { starts: string[]; dues: string[] } {
  const starts: string[] = [];
  for (let d = c.q.from; d <= c.q.to; d = addDays(d, 1)) starts.push(d);
  return { starts, dues: starts.map((s) => c.calendar.deadline(s, period)) };
}

/**
 * Rows `h` (with the case as `c`) of the case's first history event matching `match`, when that falls in the period:
 * the events of the period first (index on event type and time), then no earlier one of the same case.
 */
const firstInPeriod = (match: string) => `case_history h JOIN ip_case c ON c.case_id = h.case_id
  WHERE c.municipality = @m AND ${match} AND h.occurred_at >= @fromTs AND h.occurred_at < @toTs AND h.occurred_at <= @at
    AND NOT EXISTS (SELECT 1 FROM case_history e WHERE e.case_id = h.case_id AND e.seq < h.seq AND ${match.replace(/\bh\./g, 'e.')})`;

const MONTH: Period = { unit: 'months', amount: 1 };
const ANSWERS = `('RECORD_DECISION', 'SEND_PRELIMINARY_REPLY')`;

/** K1 and K19: notifications answered within a month of receipt (all; from hospitals). */
async function answeredInTime(c: Ctx): Promise<Record<'K1' | 'K19', Figure>> {
  const found = await rows<ShareRow & { id: 'K1' | 'K19' }>(
    c,
    `WITH n AS (
       SELECT c.case_id, ${osl('c.received_at')} AS received_on, c.closed_at, c.context->>'notifierType' AS notifier
       FROM ip_case c WHERE c.municipality = @m AND c.received_at >= @fromTs AND c.received_at < @toTs AND c.received_at <= @at
     ), answered AS (
       SELECT h.case_id, min(h.occurred_at) AS at FROM case_history h JOIN n ON n.case_id = h.case_id
       WHERE h.event_type IN ${ANSWERS} AND h.occurred_at <= @at GROUP BY h.case_id
     ), j AS (
       SELECT n.case_id, n.notifier, ${inTime('a.at', 'd.due', 'n.closed_at')} AS ok
       FROM n JOIN unnest(@starts::date[], @dues::date[]) AS d(start, due) ON d.start = n.received_on
       LEFT JOIN answered a ON a.case_id = n.case_id
     )
     SELECT 'K1' AS id, ${SHARE_COLUMNS} FROM j
     UNION ALL SELECT 'K19', ${SHARE_COLUMNS} FROM j WHERE notifier = 'HOSPITAL'`,
    dues(c, MONTH),
  );
  const of = (id: 'K1' | 'K19') => share(found.find((r) => r.id === id)!);
  return { K1: of('K1'), K19: of('K19') };
}

/** K2: days from receipt to the first decision, median and 90th percentile, overall and per service line. */
async function daysToDecision(c: Ctx, maxDays: number): Promise<Figure> {
  const found = await rows<{ line: string | null; median: number | null; p90: number | null; n: number; cases: string[] | null; failing: string[] | null }>(
    c,
    `WITH x AS (
       SELECT h.case_id, h.payload->'decisions' AS decisions, ${osl('h.occurred_at')} - ${osl('c.received_at')} AS days
       FROM ${firstInPeriod(`h.event_type = 'RECORD_DECISION'`)}
     )
     SELECT NULL AS line, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY days) AS p90,
       count(*)::int AS n, COALESCE(array_agg(case_id ORDER BY case_id), '{}')::text[] AS cases,
       COALESCE(array_agg(case_id ORDER BY case_id) FILTER (WHERE days > @maxDays), '{}')::text[] AS failing FROM x
     UNION ALL
     SELECT e->>'line', percentile_cont(0.5) WITHIN GROUP (ORDER BY days), percentile_cont(0.9) WITHIN GROUP (ORDER BY days), count(*)::int, NULL, NULL
     FROM x CROSS JOIN LATERAL jsonb_array_elements(${arr('x.decisions')}) e GROUP BY e->>'line'`,
    { maxDays },
  );
  const all = found.find((r) => r.line === null)!;
  const details: Record<string, number | null> = { p90Days: all.p90 };
  for (const r of found.filter((f) => f.line !== null).sort((a, b) => a.line!.localeCompare(b.line!))) {
    details[`medianDays.${r.line}`] = r.median;
    details[`p90Days.${r.line}`] = r.p90;
  }
  return {
    computable: true,
    ...(all.n === 0 ? { reason: NOTHING_IN_PERIOD } : {}),
    value: all.median,
    denominator: all.n,
    details,
    cases: all.cases ?? [],
    casesFailing: all.failing ?? [],
  };
}

/** The latest receipt date whose month (moved off days off) ended before `date`: receipts up to it are overdue. */
function lastOverdueReceipt(calendar: NorwegianCalendar, date: string): string {
  let d = addDays(date, -1);
  while (calendar.deadline(d, MONTH) >= date) d = addDays(d, -1);
  return d;
}

/** K3: open cases past their month without decision or preliminary reply. */
async function preliminaryRepliesOverdue(c: Ctx): Promise<Figure> {
  const [r] = await rows<{ n: number; ids: string[] }>(
    c,
    `SELECT count(*)::int AS n, COALESCE(array_agg(c.case_id ORDER BY c.case_id), '{}')::text[] AS ids FROM ip_case c
     WHERE c.municipality = @m AND c.received_at < @overdueBefore AND ${OPEN_AT}
       AND NOT EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = c.case_id AND h.event_type IN ${ANSWERS} AND h.occurred_at <= @at)`,
    { overdueBefore: osloStartOfDay(addDays(lastOverdueReceipt(c.calendar, c.atDate), 1)).toISOString() },
  );
  return { computable: true, value: r.n, cases: r.ids, casesFailing: r.ids };
}

/** K4: granted cases with a coordinator appointed within 14 days. */
async function coordinatorInTime(c: Ctx): Promise<Figure> {
  const [r] = await rows<ShareRow>(
    c,
    `WITH g AS (
       SELECT h.case_id, h.occurred_at, c.closed_at
       FROM ${firstInPeriod(`h.event_type IN ('RECORD_DECISION', 'APPEAL_RECONSIDERED', 'STATSFORVALTER_DECIDED') AND h.to_status = 'CONSENT_PENDING'`)}
     ), appointed AS (
       SELECT h.case_id, min(h.occurred_at) AS at FROM case_history h JOIN g ON g.case_id = h.case_id
       WHERE h.event_type = 'COORDINATOR_ACCEPTED' AND h.occurred_at <= @at GROUP BY h.case_id
     )
     SELECT ${SHARE_COLUMNS} FROM (
       SELECT g.case_id, ${inTime('a.at', 'd.due', 'g.closed_at')} AS ok
       FROM g JOIN unnest(@starts::date[], @dues::date[]) AS d(start, due) ON d.start = ${osl('g.occurred_at')}
       LEFT JOIN appointed a ON a.case_id = g.case_id) s`,
    dues(c, { unit: 'days', amount: 14 }),
  );
  return share(r);
}

/** K5: gaps without a coordinator that were open in the period. */
async function coordinatorGaps(c: Ctx): Promise<Figure> {
  const [r] = await rows<{ n: number; days: number; ids: string[] }>(
    c,
    `WITH e AS (
       SELECT h.case_id, h.seq, h.occurred_at, c.closed_at FROM case_history h JOIN ip_case c ON c.case_id = h.case_id
       WHERE c.municipality = @m AND h.event_type = 'COORDINATOR_ENDED' AND h.occurred_at <= @at
     ), g AS (
       SELECT e.case_id, ${osl('e.occurred_at')} AS opened_on, ${osl(`LEAST(
         (SELECT min(h.occurred_at) FROM case_history h WHERE h.case_id = e.case_id AND h.seq > e.seq
            AND h.event_type IN ('COORDINATOR_CHANGED', 'COORDINATOR_ACCEPTED') AND h.occurred_at <= @at),
         CASE WHEN e.closed_at <= @at THEN e.closed_at END)`)} AS closed_on
       FROM e
     )
     SELECT count(*)::int AS n, COALESCE(sum(COALESCE(closed_on, @atDate::date) - opened_on), 0)::int AS days,
       COALESCE(array_agg(DISTINCT case_id ORDER BY case_id), '{}')::text[] AS ids
     FROM g WHERE opened_on <= @to::date AND COALESCE(closed_on, @atDate::date) >= @from::date`,
  );
  return { computable: true, value: r.n, details: { totalGapDays: r.days }, cases: r.ids, casesFailing: r.ids };
}

/** K6: when the person declines the plan, the decision offers a coordinator. */
async function coordinatorOffered(c: Ctx): Promise<Figure> {
  const [r] = await rows<ShareRow>(
    c,
    `SELECT ${SHARE_COLUMNS} FROM (
       SELECT h.case_id, EXISTS (SELECT 1 FROM jsonb_array_elements(${arr(`h.payload->'decisions'`)}) x
         WHERE x->>'line' IN ('KOORDINATOR', 'BARNEKOORDINATOR') AND x->>'outcome' IN ('GRANTED', 'PARTLY', 'USER_DECLINED')) AS ok
       FROM case_history h JOIN ip_case c ON c.case_id = h.case_id
       WHERE c.municipality = @m AND h.event_type = 'RECORD_DECISION' AND h.occurred_at >= @fromTs AND h.occurred_at < @toTs AND h.occurred_at <= @at
         AND h.payload->'decisions' @> '[{"line": "IP", "outcome": "USER_DECLINED"}]') s`,
  );
  return share(r);
}

/** Whether the engine records an event yet (facts added by other issues arrive as new events). */
const engineRecords = (event: string) => (COMMAND_EVENT_TYPES as readonly string[]).includes(event);

/** K7: disclosures with an active matching consent at the time. */
async function consentBeforeSharing(c: Ctx): Promise<Figure> {
  if (!engineRecords('INFORMATION_DISCLOSED')) {
    return notComputable('The engine does not record disclosures yet (the INFORMATION_DISCLOSED event): there is nothing to check consent against.');
  }
  const [r] = await rows<ShareRow>(
    c,
    `SELECT ${SHARE_COLUMNS} FROM (
       SELECT c.case_id, COALESCE((d->>'consentActive')::boolean, false) AS ok
       FROM ip_case c CROSS JOIN LATERAL jsonb_array_elements(${arr(`c.context->'disclosures'`)}) d
       WHERE c.municipality = @m AND (d->>'disclosedOn')::date BETWEEN @from::date AND @to::date AND (d->>'at')::timestamptz <= @at) s`,
  );
  return share(r);
}

/** K8: the first plan version came after an ESTABLISH_IP consent. */
async function consentBeforePlan(c: Ctx): Promise<Figure> {
  const [r] = await rows<ShareRow>(
    c,
    `SELECT ${SHARE_COLUMNS} FROM (
       SELECT h.case_id, EXISTS (SELECT 1 FROM case_history k WHERE k.case_id = h.case_id AND k.seq < h.seq
         AND k.event_type IN ('CONSENT_GIVEN', 'CONSENT_CHANGED') AND k.payload->'grants' @> '[{"scope": "ESTABLISH_IP"}]') AS ok
       FROM ${firstInPeriod(`h.event_type = 'PLAN_APPROVED'`)}) s`,
  );
  return share(r);
}

/** K9, K10, K11: the active plans at the time of the report. */
async function activePlans(c: Ctx): Promise<Record<'K9' | 'K10' | 'K11', Figure>> {
  const dateSet = `COALESCE(p.next::date >= @atDate::date, false)`;
  const incomplete = (list: string, fields: string[]) =>
    `(jsonb_array_length(${arr(list)}) > 0 AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(${arr(list)}) e
       WHERE ${fields.map((f) => `btrim(COALESCE(e->>'${f}', '')) = ''`).join(' OR ')}))`;
  const plan = `p.plan`;
  const found = await rows<ShareRow & { id: 'K9' | 'K10' | 'K11' }>(
    c,
    `WITH p AS MATERIALIZED (
       -- The parts of the context the checks read, taken out once: a context is large, and each -> reads all of it.
       SELECT c.case_id, c.context->'plan' AS plan, c.context->>'nextEvaluationDate' AS next, c.context->'coordinator' AS coordinator,
         c.context->'consents' AS consents
       FROM ip_case c
       WHERE c.municipality = @m AND ${OPEN_AT} AND jsonb_typeof(c.context->'plan') = 'object' AND COALESCE(c.context->>'planFrozen', 'false') <> 'true'
     ), j AS (
       SELECT p.case_id,
         ${dateSet} AS k9,
         EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = p.case_id AND h.event_type = 'EVALUATION_COMPLETED'
                   AND h.occurred_at >= @ago12 AND h.occurred_at <= @at)
           OR (${dateSet} AND (SELECT min(h.occurred_at) FROM case_history h WHERE h.case_id = p.case_id AND h.event_type = 'PLAN_APPROVED') >= @ago12) AS k10,
         ${incomplete(`${plan}->'goals'`, ['lifeArea', 'statementInUserWords'])}
           AND jsonb_array_length(${arr(`${plan}->'participants'`)}) > 0
           AND jsonb_typeof(p.coordinator) = 'object'
           AND ${incomplete(`${plan}->'measures'`, ['description', 'scope', 'responsibleParty'])}
           AND COALESCE(${plan}->>'revisionDate', '') <> '' AND COALESCE(${plan}->>'userParticipation', '') <> ''
           AND EXISTS (SELECT 1 FROM jsonb_array_elements(${arr('p.consents')}) k WHERE k->>'scope' = 'ESTABLISH_IP' AND k->>'status' = 'ACTIVE') AS k11
       FROM p
     )
     SELECT 'K9' AS id, ${SHARE_COLUMNS} FROM (SELECT case_id, k9 AS ok FROM j) s
     UNION ALL SELECT 'K10', ${SHARE_COLUMNS} FROM (SELECT case_id, k10 AS ok FROM j) s
     UNION ALL SELECT 'K11', ${SHARE_COLUMNS} FROM (SELECT case_id, k11 AS ok FROM j) s`,
    { ago12: osloStartOfDay(addMonths(c.atDate, -12)).toISOString() },
  );
  const of = (id: 'K9' | 'K10' | 'K11') => share(found.find((r) => r.id === id)!, NO_CASES);
  return { K9: of('K9'), K10: of('K10'), K11: of('K11') };
}

/** K12: plan versions that document the person's participation. */
async function participationDocumented(c: Ctx, recorded: boolean): Promise<Figure> {
  if (!recorded) return notComputable('The engine does not keep plan versions yet (context.planVersions): only the current plan is recorded.');
  const [r] = await rows<ShareRow>(
    c,
    `SELECT ${SHARE_COLUMNS} FROM (
       SELECT c.case_id, COALESCE((v->>'goalsInOwnWords')::boolean, false) AND COALESCE(v->>'userParticipation', '') <> '' AS ok
       FROM ip_case c CROSS JOIN LATERAL jsonb_array_elements(${arr(`c.context->'planVersions'`)}) v
       WHERE c.municipality = @m AND (v->>'approvedAt')::timestamptz >= @fromTs AND (v->>'approvedAt')::timestamptz < @toTs
         AND (v->>'approvedAt')::timestamptz <= @at) s`,
  );
  return share(r);
}

/** K13: children from 7 heard within the last 12 months. */
async function childHeard(c: Ctx): Promise<Figure> {
  if (!engineRecords('CHILD_HEARD')) return notComputable('The engine does not record that a child was heard yet (the CHILD_HEARD event).');
  const [r] = await rows<ShareRow>(
    c,
    `SELECT ${SHARE_COLUMNS} FROM (
       SELECT c.case_id, EXISTS (SELECT 1 FROM jsonb_array_elements(${arr(`c.context->'childHeard'`)}) e
         WHERE (e->>'heardOn')::date BETWEEN @ago12Date::date AND @atDate::date) AS ok
       FROM ip_case c
       WHERE c.municipality = @m AND ${OPEN_AT} AND COALESCE(c.context->>'birthDate', '') <> ''
         AND date_part('year', age(@atDate::date, (c.context->>'birthDate')::date)) BETWEEN 7 AND 17) s`,
    { ago12Date: addMonths(c.atDate, -12) },
  );
  return share(r, NO_CASES);
}

/** K14: 16th and 18th birthdays that left something to do, handled within 30 days. */
async function ageTransitions(c: Ctx): Promise<Figure> {
  const [r] = await rows<ShareRow>(
    c,
    `SELECT ${SHARE_COLUMNS} FROM (
       SELECT d.case_id, ${inTime('h.occurred_at', 'x.due')} AS ok
       FROM case_deadline d JOIN ip_case c ON c.case_id = d.case_id
       JOIN unnest(@starts::date[], @dues::date[]) AS x(start, due) ON x.start = d.started_on
       LEFT JOIN case_history h ON h.case_id = d.case_id AND h.seq = d.closed_seq AND d.status <> 'OPEN' AND h.occurred_at <= @at
       WHERE c.municipality = @m AND d.kind IN ('RECONSENT_AT_16', 'AGE_18_TRANSITION') AND d.started_on BETWEEN @from::date AND @to::date) s`,
    dues(c, { unit: 'days', amount: 30 }),
  );
  return share(r);
}

/** K15: upheld appeals forwarded within 3 weeks of their receipt. */
async function appealsForwarded(c: Ctx): Promise<Figure> {
  const [r] = await rows<ShareRow>(
    c,
    `WITH u AS (
       SELECT h.case_id, h.seq, c.closed_at,
         (SELECT (a.payload->>'receivedAt')::timestamptz FROM case_history a WHERE a.case_id = h.case_id AND a.seq < h.seq
            AND a.event_type = 'APPEAL_RECEIVED' ORDER BY a.seq DESC LIMIT 1) AS received_at,
         (SELECT (f.payload->>'forwardedAt')::timestamptz FROM case_history f WHERE f.case_id = h.case_id AND f.seq > h.seq
            AND f.event_type = 'APPEAL_FORWARDED' AND f.occurred_at <= @at ORDER BY f.seq LIMIT 1) AS forwarded_at
       FROM case_history h JOIN ip_case c ON c.case_id = h.case_id
       WHERE c.municipality = @m AND h.event_type = 'APPEAL_RECONSIDERED' AND h.payload->>'outcome' = 'UPHELD' AND h.occurred_at <= @at
     )
     SELECT ${SHARE_COLUMNS} FROM (
       SELECT u.case_id, ${inTime('u.forwarded_at', 'd.due', 'u.closed_at')} AS ok
       FROM u JOIN unnest(@starts::date[], @dues::date[]) AS d(start, due) ON d.start = ${osl('u.received_at')}) s`,
    dues(c, { unit: 'weeks', amount: 3 }),
  );
  return share(r);
}

/** Whether a register table is there and readable: it comes with its own issue. */
async function register(c: Ctx, table: string): Promise<string | null> {
  const [r] = await rows<{ present: boolean; readable: boolean | null }>(
    c,
    `SELECT to_regclass(@table) IS NOT NULL AS present, has_table_privilege(to_regclass(@table), 'SELECT') AS readable`,
    { table },
  );
  if (!r.present) return `The table ${table} does not exist yet: the register it needs is not kept.`;
  if (!r.readable) return `The application role may not read ${table} (APP_TABLE_PRIVILEGES).`;
  return null;
}

/** K16: coordinators of open cases trained within 24 months. */
async function coordinatorsTrained(c: Ctx): Promise<Figure> {
  const missing = await register(c, 'coordinator_training');
  if (missing) return notComputable(missing);
  const [r] = await rows<ShareRow>(
    c,
    `WITH k AS (SELECT c.case_id, c.coordinator_employee_id AS emp FROM ip_case c WHERE c.municipality = @m AND ${OPEN_AT} AND c.coordinator_employee_id IS NOT NULL),
     t AS (SELECT DISTINCT employee_id FROM coordinator_training WHERE municipality = @m AND completed_on BETWEEN @ago24::date AND @atDate::date)
     SELECT count(DISTINCT k.emp)::int AS denominator, (count(DISTINCT k.emp) FILTER (WHERE t.employee_id IS NOT NULL))::int AS numerator,
       COALESCE(array_agg(DISTINCT k.case_id ORDER BY k.case_id), '{}')::text[] AS cases,
       COALESCE(array_agg(DISTINCT k.case_id ORDER BY k.case_id) FILTER (WHERE t.employee_id IS NULL), '{}')::text[] AS failing
     FROM k LEFT JOIN t ON t.employee_id = k.emp`,
    { ago24: addMonths(c.atDate, -24) },
  );
  return share(r, NO_CASES);
}

/** The calendar months of the period that had ended by the report's date. */
export function monthsDue(from: string, to: string, atDate: string): string[] {
  const months: string[] = [];
  for (let first = `${from.slice(0, 7)}-01`; first <= to; first = addMonths(first, 1)) {
    if (addDays(addMonths(first, 1), -1) < atDate) months.push(first.slice(0, 7));
  }
  return months;
}

/** K18: monthly access-log reviews documented. */
async function accessLogReviewed(c: Ctx): Promise<Figure> {
  const missing = await register(c, 'access_log_review');
  if (missing) return notComputable(missing);
  const months = monthsDue(c.q.from, c.q.to, c.atDate);
  const found = await rows<{ month: string }>(
    c,
    `SELECT DISTINCT month FROM access_log_review WHERE municipality = @m AND month = ANY(@months::text[]) AND reviewed_at <= @at`,
    { months },
  );
  const reviewed = found.length;
  return {
    computable: true,
    ...(months.length === 0 ? { reason: 'No month of the period had ended by the time of the report.' } : {}),
    value: months.length === 0 ? null : months.length - reviewed,
    numerator: reviewed,
    denominator: months.length,
    details: Object.fromEntries(months.map((m) => [m, found.some((f) => f.month === m) ? 1 : 0])),
    cases: [],
    casesFailing: [],
  };
}

async function figures(db: Db, q: ReportQuery, maxDays: number, planVersionsRecorded: boolean): Promise<Record<IndicatorId, Figure>> {
  const [settings] = await db.query(`SELECT settings FROM municipality_settings WHERE municipality = $1`, [q.municipality]);
  const calendar = new NorwegianCalendar({ christmasEveAndNewYearsEveOff: settings?.settings?.christmasEveAndNewYearsEveOff === true });
  const atDate = osloDateOf(q.at);
  const c: Ctx = {
    db,
    q,
    calendar,
    atDate,
    p: {
      m: q.municipality,
      from: q.from,
      to: q.to,
      at: q.at,
      atDate,
      fromTs: osloStartOfDay(q.from).toISOString(),
      toTs: osloStartOfDay(addDays(q.to, 1)).toISOString(),
    },
  };
  // One after another: an EntityManager (one connection) cannot run queries side by side anyway.
  const { K1, K19 } = await answeredInTime(c);
  const { K9, K10, K11 } = await activePlans(c);
  return {
    K1,
    K2: await daysToDecision(c, maxDays),
    K3: await preliminaryRepliesOverdue(c),
    K4: await coordinatorInTime(c),
    K5: await coordinatorGaps(c),
    K6: await coordinatorOffered(c),
    K7: await consentBeforeSharing(c),
    K8: await consentBeforePlan(c),
    K9,
    K10,
    K11,
    K12: await participationDocumented(c, planVersionsRecorded),
    K13: await childHeard(c),
    K14: await ageTransitions(c),
    K15: await appealsForwarded(c),
    K16: await coordinatorsTrained(c),
    K17: notComputable('Not computable until the archive integration lands: journal entries and their screening are kept in the archive (Noark 5), not in the engine.'),
    K18: await accessLogReviewed(c),
    K19,
  };
}

/** Whether the engine keeps plan versions (context.planVersions): a new case's context has the list. */
const keepsPlanVersions = () => 'planVersions' in initialTransition(ipCaseMachine, { caseId: 'probe', municipality: '0000' })[0].context;

/**
 * The report for one municipality and period, as of `q.at`. Read in one snapshot (REPEATABLE READ, read only) when given
 * a DataSource, so every figure counts the same cases; inside the caller's transaction when given an EntityManager.
 */
export async function computeReport(db: DataSource | EntityManager, q: ReportQuery): Promise<InternalControlReport> {
  const run = async (m: Db) => {
    const targets = await loadTargets(m, q.municipality);
    const targetOf = (id: IndicatorId) => targets.find((t) => t.indicator === id)!;
    const found = await figures(m, q, targetOf('K2').value, keepsPlanVersions());
    const indicators = INDICATOR_IDS.map((id): IndicatorResult => {
      const d = INDICATORS[id];
      const { comparison, value } = targetOf(id);
      const f = found[id];
      return { id, name: d.name, definition: d.definition, duty: d.duty, unit: d.unit, target: { comparison, value }, ...f, met: meets(f.value, { comparison, value }) };
    });
    return { municipality: q.municipality, from: q.from, to: q.to, generatedAt: new Date(q.at).toISOString(), indicators };
  };
  if (db instanceof DataSource) {
    return db.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      return run(m);
    });
  }
  return run(db);
}

/** Every case a report names, once (what the access log records for the read). */
export const casesNamed = (r: InternalControlReport) => [...new Set(r.indicators.flatMap((i) => i.cases))];
