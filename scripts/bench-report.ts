// The internal-control report's computation time (computeReport, domain § 5.2) for one municipality with 10k and
// 100k cases. Printed, never asserted (npm run bench).
//
// No row is invented: a handful of template cases go through the real workflow (a case worker and its projection,
// on the bench's Temporal server) into the states a municipality has, in a scratch municipality; the schema owner then
// copies them in SQL into municipality 4601. Each copy is the whole case moved back a fixed number of days (every
// timestamp and date of its row, its context, its history payloads and its deadlines), the number given by the copy's
// index, so the cases spread over the last 18 months and the data are the same from run to run (counted back from the
// day it runs). Early states stay recent (a case received a year ago and never answered is rare), later ones spread
// over the whole span. Within a template the commands come seconds apart on the dev server's clock; only the receipt,
// a command's own date, is days or weeks earlier.
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { createCaseWorker } from '../apps/worker/src/case-worker';
import { computeReport, ReportQuery } from '../libs/audit/src/internal-control/compute-report';
import type { InternalControlReport } from '../libs/audit/src/internal-control/report.types';
import { addDays, addMonths, addYears, osloDateOf } from '../libs/calendar/src/civil-date';
import type { IpCaseCommand, LineDecision, ServiceLine } from '../libs/case-machine/src';
import { grant, plan } from '../libs/case-machine/src/__tests__/ip-case.fixtures';
import { Actor, applyEventUpdate, caseViewQuery, TASK_QUEUE, workflowIdForCase } from '../libs/contracts/src';
import { openDataSource } from '../libs/persistence/src';
import { dataConverterFor, parseEncryptionKeys } from '../libs/temporal/src';
import { ipCaseWorkflow } from '../workflows';

/** The bench's own payload key (the API of the inbox bench and this worker share it). */
export const BENCH_ENCRYPTION_KEYS = 'bench:' + Buffer.alloc(32, 3).toString('base64');

const M = '4601';
const SCRATCH = '4647';
const LEVELS = (process.env.BENCH_REPORT_CASES ?? '10000,100000').split(',').map(Number).filter((n) => n > 0).sort((a, b) => a - b);
const RUNS = 3;
const DAY = 86_400_000;
/**
 * Copy n is the (n / slots)-th of its template; the k-th is moved back frac(k · φ⁻¹) · span days (the golden-ratio
 * sequence: any first k copies are spread evenly over the span, so 1k copies are as spread out as 100k).
 */
const GOLDEN = '0.618033988749894848';
/** Coordinators the copies are spread over (K16 counts them), 70 % with a training on record. */
const COORDINATORS = 250;

// --- the template cases ------------------------------------------------------------------------------------------
type Step = IpCaseCommand | { cmd: IpCaseCommand; actor: Actor };
const kari: Actor = { sub: 'bench-kari', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER' };
const lars: Actor = { sub: 'bench-lars', name: 'Lars Leder', role: 'KE_LEADER' };
const coordinator = (sub: string): Actor => ({ sub, name: 'Ola Koordinator', role: 'COORDINATOR' });
const by = (actor: Actor, ...cmds: IpCaseCommand[]): Step[] => cmds.map((cmd) => ({ cmd, actor }));

/** What a template needs of the clock: commands carry dates, which the rules check against the case's time. */
interface Clock {
  today: string;
  /** An instant a moment ago (a command's own date may not be after the event). */
  now: () => string;
}
const BASIS: Record<ServiceLine, string> = { IP: 'pbrl § 2-5', KOORDINATOR: 'pbrl § 2-5 b', BARNEKOORDINATOR: 'pbrl § 2-5 c' };
export const intake = (receivedAt: string, over: Partial<Extract<IpCaseCommand, { type: 'NOTIFICATION_RECEIVED' }>> = {}): Step[] => [
  {
    type: 'NOTIFICATION_RECEIVED', receivedAt, channel: 'ELECTRONIC_MESSAGE', notifierType: 'HEALTH_PERSONNEL', requestedLines: ['IP', 'KOORDINATOR'],
    subjectAware: 'YES_CONSENTED', birthDate: '1980-05-05', ...over,
  },
  { type: 'REGISTER' },
  { type: 'START_ASSESSMENT' },
];
const decide = (t: Clock, outcomes: Partial<Record<ServiceLine, LineDecision['outcome']>>): IpCaseCommand => ({
  type: 'RECORD_DECISION', sentAt: t.now(), appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX',
  decisions: (Object.entries(outcomes) as [ServiceLine, LineDecision['outcome']][]).map(([line, outcome]) => ({
    line, outcome, legalBasis: BASIS[line], ...(outcome === 'GRANTED' || outcome === 'USER_DECLINED' ? {} : { reasons: 'Behovet er ikke langvarig og koordinert' }),
  })),
});
const scopes = () => [grant('ESTABLISH_IP'), grant('APPOINT_COORD'), grant('PARTICIPANT', 'PPT'), grant('SHARE_WITH', 'PPT')];
const propose = (employeeId: string, line: 'KOORDINATOR' | 'BARNEKOORDINATOR' = 'KOORDINATOR'): IpCaseCommand => ({
  type: 'PROPOSE_COORDINATOR', coordinator: { employeeId, unit: 'Helse og omsorg', line, userWishMet: true },
});
/** IP and KOORDINATOR granted, the consents, the coordinator proposed and accepted. */
const appointed = (t: Clock, employeeId: string): Step[] => [
  decide(t, { IP: 'GRANTED', KOORDINATOR: 'GRANTED' }), { type: 'CONSENT_GIVEN', grants: scopes() }, propose(employeeId),
  ...by(coordinator(employeeId), { type: 'COORDINATOR_ACCEPTED' }),
];
const planned = (t: Clock, employeeId: string): Step[] => [
  ...appointed(t, employeeId),
  ...by(coordinator(employeeId), { type: 'START_MAPPING' }, { type: 'MAPPING_COMPLETED', summary: 'Mål, ressurser og behov kartlagt' },
    { type: 'SUBMIT_PLAN_DRAFT', plan: { ...plan(addMonths(t.today, 6)), participants: [{ party: 'PPT', role: 'Spesialpedagog' }] } }, { type: 'PLAN_APPROVED' }),
  { type: 'INFORMATION_DISCLOSED', recipient: 'PPT', scope: 'SHARE_WITH', purpose: 'Tilrettelegging i skolen', disclosedOn: t.today },
];
const evaluated = (t: Clock, employeeId: string, end: Extract<IpCaseCommand, { type: 'EVALUATION_COMPLETED' }>): Step[] => [
  ...planned(t, employeeId), ...by(coordinator(employeeId), { type: 'START_EVALUATION', trigger: 'SCHEDULED' }, end),
];

interface Template {
  name: string;
  /**
   * Of 100 copies, how many are of this template. About 185 cases arrive a day (100k in 18 months); the early states
   * hold what is still on its way of the last weeks, the rest what a year and a half leaves.
   */
  weight: number;
  /** The copies are moved back 0 … span − 1 days. */
  span: number;
  /**
   * Days between receipt and the rest of the story: the commands come one after another now, on the dev server's
   * clock, so only the receipt (a command's own date) is earlier. More than a month makes the answer late (K1).
   */
  receivedDaysAgo: number;
  steps(t: Clock, receivedAt: string): Step[];
}

const TEMPLATES: Template[] = [
  { name: 'received, assessment started', weight: 2, span: 30, receivedDaysAgo: 2, steps: (_t, at) => intake(at) },
  {
    name: 'preliminary reply, then rejected (from a hospital)', weight: 15, span: 540, receivedDaysAgo: 35,
    steps: (t, at) => [...intake(at, { notifierType: 'HOSPITAL' }), { type: 'SEND_PRELIMINARY_REPLY', expectedAnswerBy: addDays(t.today, 10), reason: 'Venter på opplysninger fra fastlegen' }, decide(t, { IP: 'REJECTED', KOORDINATOR: 'REJECTED' })],
  },
  { name: 'granted, consents, coordinator accepted', weight: 6, span: 120, receivedDaysAgo: 20, steps: (t, at) => [...intake(at), ...appointed(t, 'bench-emp-a')] },
  { name: 'plan approved, disclosed to PPT', weight: 25, span: 540, receivedDaysAgo: 30, steps: (t, at) => [...intake(at), ...planned(t, 'bench-emp-b')] },
  {
    name: 'evaluated (continues), coordinator changed', weight: 17, span: 540, receivedDaysAgo: 20,
    steps: (t, at) => [
      ...intake(at), ...evaluated(t, 'bench-emp-c', { type: 'EVALUATION_COMPLETED', outcome: 'CONTINUE', nextEvaluationDate: addMonths(t.today, 6) }),
      ...by(lars, { type: 'COORDINATOR_ENDED', reason: 'LEAVE' },
        { type: 'COORDINATOR_CHANGED', reason: 'LEAVE', coordinator: { employeeId: 'bench-emp-d', unit: 'Helse og omsorg', line: 'KOORDINATOR', userWishMet: true } }),
    ],
  },
  {
    name: 'evaluated and closed (need ended)', weight: 15, span: 540, receivedDaysAgo: 25,
    steps: (t, at) => [...intake(at), ...evaluated(t, 'bench-emp-e', { type: 'EVALUATION_COMPLETED', outcome: 'CLOSE', closureReason: 'NEED_ENDED' })],
  },
  { name: 'closed as a duplicate', weight: 8, span: 540, receivedDaysAgo: 5, steps: (_t, at) => [...intake(at), { type: 'CLOSE', reason: 'DUPLICATE', note: 'Samme melding som en annen sak' }] },
  {
    name: 'rejected, appeal upheld and forwarded', weight: 5, span: 540, receivedDaysAgo: 14,
    steps: (t, at) => [
      ...intake(at), decide(t, { IP: 'REJECTED', KOORDINATOR: 'REJECTED' }),
      { type: 'APPEAL_RECEIVED', receivedAt: t.now(), contestedLines: ['IP'], grounds: 'Jeg trenger koordinerte tjenester' },
      ...by(lars, { type: 'APPEAL_RECONSIDERED', outcome: 'UPHELD' }, { type: 'APPEAL_FORWARDED', forwardedAt: t.now() }),
    ],
  },
  {
    name: 'child (10), child coordinator, follow-up, heard', weight: 7, span: 540, receivedDaysAgo: 25,
    steps: (t, at) => [
      ...intake(at, { birthDate: addYears(t.today, -10), requestedLines: ['BARNEKOORDINATOR'] }), decide(t, { BARNEKOORDINATOR: 'GRANTED' }),
      { type: 'CONSENT_GIVEN', grants: [grant('APPOINT_CHILD_COORD', undefined, 'PARENT')] }, propose('bench-emp-f', 'BARNEKOORDINATOR'),
      ...by(coordinator('bench-emp-f'), { type: 'COORDINATOR_ACCEPTED' }, { type: 'START_FOLLOW_UP' }), { type: 'CHILD_HEARD', heardOn: t.today, how: 'CONVERSATION' },
    ],
  },
];
const SLOTS = TEMPLATES.flatMap((t, i) => Array<number>(t.weight).fill(i));

/** Drives each template through the workflow (side by side) and waits until the projection holds its last state. */
async function driveTemplates(owner: DataSource, app: DataSource, temporalAddress: string): Promise<string[]> {
  // The worker's own lines (bundling, state changes) would bury the figures: warnings and errors only.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const keys = parseEncryptionKeys(BENCH_ENCRYPTION_KEYS);
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection, dataConverter: dataConverterFor(keys) });
  const native = await NativeConnection.connect({ address: temporalAddress });
  const taskQueue = `${TASK_QUEUE}-bench-${randomUUID().slice(0, 8)}`;
  const worker = await createCaseWorker({ connection: native, namespace: 'default', taskQueue, db: app, encryptionKeys: keys });
  const running = worker.run();
  const ids = TEMPLATES.map(() => randomUUID());
  try {
    const clock: Clock = { today: osloDateOf(Date.now()), now: () => new Date(Date.now() - 1000).toISOString() };
    const driven = await Promise.allSettled(TEMPLATES.map(async (tpl, i) => {
      const workflowId = workflowIdForCase(ids[i]);
      const steps = tpl.steps(clock, new Date(Date.now() - tpl.receivedDaysAgo * DAY).toISOString());
      for (const [n, step] of steps.entries()) {
        const command = 'cmd' in step ? { event: step.cmd, actor: step.actor } : { event: step, actor: kari };
        const sent = n === 0
          ? client.workflow.executeUpdateWithStart(applyEventUpdate, {
            args: [command], updateId: 'intake',
            startWorkflowOperation: new WithStartWorkflowOperation(ipCaseWorkflow, { workflowId, taskQueue, args: [{ caseId: ids[i], municipality: SCRATCH }], workflowIdConflictPolicy: 'USE_EXISTING' }),
          })
          : client.workflow.getHandle(workflowId).executeUpdate(applyEventUpdate, { args: [command] });
        await sent.catch((e) => {
          throw new Error(`template "${tpl.name}", ${command.event.type}: ${e.cause?.message ?? e.message}`);
        });
      }
    }));
    const failed = driven.find((d) => d.status === 'rejected');
    if (failed) throw failed.reason;
    // Timers due at once (the reminders and breaches of a receipt weeks ago) fire after the last command: wait until
    // the case stands still and the read model has its last transition.
    for (const id of ids) {
      for (let i = 0, last = -1; ; i++) {
        const { seq } = await client.workflow.getHandle(workflowIdForCase(id)).query(caseViewQuery);
        const [row] = await owner.query(`SELECT seq FROM ip_case WHERE case_id = $1`, [id]);
        if (row?.seq === seq && seq === last) break;
        if (i > 100) throw new Error(`template case ${id}: the read model is at ${row?.seq}, the case at ${seq}`);
        last = row?.seq === seq ? seq : -1;
        await new Promise((r) => setTimeout(r, 300));
      }
    }
    return ids;
  } finally {
    worker.shutdown();
    await running;
    await native.close();
    await connection.close();
  }
}

// --- the copies ----------------------------------------------------------------------------------------------------
const CIVIL = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A JSON value with every date and instant in it moved `days` back. */
function movedBack(value: unknown, days: number): unknown {
  if (typeof value === 'string') {
    if (CIVIL.test(value)) return addDays(value, -days);
    if (INSTANT.test(value)) return new Date(Date.parse(value) - days * DAY).toISOString();
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => movedBack(v, days));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, movedBack(v, days)]));
  return value;
}
const hasDates = (value: unknown) => /"\d{4}-\d{2}-\d{2}/.test(JSON.stringify(value));

/** Rows as one jsonb parameter, in batches (a context is a few kB). */
async function insertJson(db: DataSource, table: string, columns: string, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db.query(`INSERT INTO ${table} SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${columns})`, [JSON.stringify(rows.slice(i, i + 500))]);
  }
}

/**
 * The templates, each moved back every day of its span (contexts and the history payloads that hold dates), into the
 * owner's scratch tables; and the slots that pick a copy's template.
 */
async function prepareCopies(owner: DataSource, templateIds: string[]): Promise<void> {
  await owner.query(`DROP TABLE IF EXISTS bench_report_slot, bench_report_context, bench_report_payload, bench_report_copy`);
  await owner.query(`CREATE UNLOGGED TABLE bench_report_slot (slot int PRIMARY KEY, template uuid NOT NULL, span int NOT NULL)`);
  await owner.query(`CREATE UNLOGGED TABLE bench_report_context (template uuid, shift int, context jsonb, PRIMARY KEY (template, shift))`);
  await owner.query(`CREATE UNLOGGED TABLE bench_report_payload (template uuid, seq int, shift int, payload jsonb, PRIMARY KEY (template, seq, shift))`);
  await owner.query(`CREATE UNLOGGED TABLE bench_report_copy (n int PRIMARY KEY, case_id uuid NOT NULL, template uuid NOT NULL, shift int NOT NULL)`);
  await insertJson(owner, 'bench_report_slot', 'slot int, template uuid, span int', SLOTS.map((t, slot) => ({ slot, template: templateIds[t], span: TEMPLATES[t].span })));
  for (const [t, template] of templateIds.entries()) {
    const shifts = Array.from({ length: TEMPLATES[t].span }, (_, d) => d);
    const [{ context }] = await owner.query(`SELECT context FROM ip_case WHERE case_id = $1`, [template]);
    await insertJson(owner, 'bench_report_context', 'template uuid, shift int, context jsonb', shifts.map((shift) => ({ template, shift, context: movedBack(context, shift) })));
    const history: { seq: number; payload: unknown }[] = await owner.query(`SELECT seq, payload FROM case_history WHERE case_id = $1`, [template]);
    await insertJson(owner, 'bench_report_payload', 'template uuid, seq int, shift int, payload jsonb',
      history.filter((h) => hasDates(h.payload)).flatMap((h) => shifts.map((shift) => ({ template, seq: h.seq, shift, payload: movedBack(h.payload, shift) }))));
  }
}

/** What a copy's column holds: the template's, moved back by the copy's shift when it is a time. */
async function copiedColumns(owner: DataSource, table: string, own: Record<string, string>): Promise<{ names: string; values: string }> {
  const cols: { name: string; type: string }[] = await owner.query(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  const value = ({ name, type }: { name: string; type: string }) =>
    own[name] ?? (type === 'timestamp with time zone' ? `t.${name} - k.shift * interval '1 day'` : type === 'date' ? `t.${name} - k.shift` : `t.${name}`);
  return { names: cols.map((c) => c.name).join(', '), values: cols.map(value).join(', ') };
}

/** Copies n = from … to into municipality M (case, history, deadlines). */
async function copy(owner: DataSource, from: number, to: number): Promise<void> {
  await owner.query(
    `INSERT INTO bench_report_copy SELECT i, md5('bench-report-' || i)::uuid, s.template, floor(((i / $3) * ${GOLDEN}::numeric % 1) * s.span)
     FROM generate_series($1::int, $2::int) i JOIN bench_report_slot s ON s.slot = i % $3`,
    [from, to, SLOTS.length],
  );
  const emp = (col: string) => `CASE WHEN t.${col} IS NOT NULL THEN 'bench-emp-' || (k.n % ${COORDINATORS}) END`;
  const caseCols = await copiedColumns(owner, 'ip_case', {
    case_id: 'k.case_id', municipality: `'${M}'`, context: 'v.context', coordinator_employee_id: emp('coordinator_employee_id'),
    proposed_coordinator_employee_id: emp('proposed_coordinator_employee_id'),
  });
  const range = `k.n BETWEEN ${from} AND ${to}`;
  await owner.query(`INSERT INTO ip_case (${caseCols.names}) SELECT ${caseCols.values} FROM bench_report_copy k JOIN ip_case t ON t.case_id = k.template
    JOIN bench_report_context v ON v.template = k.template AND v.shift = k.shift WHERE ${range}`);
  const historyCols = await copiedColumns(owner, 'case_history', { case_id: 'k.case_id', payload: 'COALESCE(p.payload, t.payload)' });
  await owner.query(`INSERT INTO case_history (${historyCols.names}) SELECT ${historyCols.values} FROM bench_report_copy k JOIN case_history t ON t.case_id = k.template
    LEFT JOIN bench_report_payload p ON p.template = k.template AND p.seq = t.seq AND p.shift = k.shift WHERE ${range}`);
  const deadlineCols = await copiedColumns(owner, 'case_deadline', { case_id: 'k.case_id', municipality: `'${M}'` });
  await owner.query(`INSERT INTO case_deadline (${deadlineCols.names}) SELECT ${deadlineCols.values} FROM bench_report_copy k
    JOIN case_deadline t ON t.case_id = k.template WHERE ${range}`);
}

/** The registers beside the cases: 70 % of the coordinators trained (some over 24 months ago), a review for most months. */
async function registers(owner: DataSource, today: string): Promise<void> {
  await owner.query(`DELETE FROM coordinator_training WHERE municipality = $1 AND employee_id LIKE 'bench-emp-%'`, [M]);
  await owner.query(
    `INSERT INTO coordinator_training (id, municipality, employee_id, course, completed_on, recorded_by, recorded_at)
     SELECT gen_random_uuid(), $1, 'bench-emp-' || e, 'KE-kurs for koordinatorer', $2::date - (e * 37) % 900, 'bench-lars', now()
     FROM generate_series(0, ${COORDINATORS - 1}) e WHERE e % 10 < 7`,
    [M, today],
  );
  // Append-only: a month already reviewed (an earlier run on the same database) stays as it is.
  await owner.query(
    `INSERT INTO access_log_review (review_id, municipality, month, reviewed_by, reviewed_by_name, reviewed_at, findings, proposal_counts)
     SELECT gen_random_uuid(), $1, to_char(date_trunc('month', $2::date) - m * interval '1 month', 'YYYY-MM'), 'bench-lars', 'Lars Leder',
       date_trunc('month', $2::date) - (m - 1) * interval '1 month' + interval '4 days', 'Ingen avvik', '{}'
     FROM generate_series(1, 18) m WHERE m % 5 <> 0
     ON CONFLICT (municipality, month) DO NOTHING`,
    [M, today],
  );
}

// --- the measurement ---------------------------------------------------------------------------------------------
interface Timed {
  /** The function of compute-report.ts (or targets.ts) that sent the query. */
  origin: string;
  ms: number;
  sql: string;
  params: unknown[];
}

/** Where in internal-control/ a query was sent from: the first frame there other than the query helpers. */
function origin(stack = new Error().stack ?? ''): string {
  for (const line of stack.split('\n').slice(2)) {
    const m = /at (?:async )?(\w+) \(.*internal-control[\\/]/.exec(line);
    if (m && m[1] !== 'rows') return m[1];
  }
  return '?';
}

/** One report with every query it sends timed: computeReport on a transaction whose query is wrapped. */
async function profiled(app: DataSource, q: ReportQuery): Promise<Timed[]> {
  const timed: Timed[] = [];
  await app.transaction('REPEATABLE READ', async (m: EntityManager) => {
    await m.query('SET TRANSACTION READ ONLY');
    const query = m.query.bind(m);
    m.query = (async (sql: string, params: unknown[] = []) => {
      const from = origin();
      const t0 = performance.now();
      const result = await query(sql, params);
      timed.push({ origin: from, ms: performance.now() - t0, sql, params });
      return result;
    }) as EntityManager['query'];
    await computeReport(m, q);
  });
  return timed.sort((a, b) => b.ms - a.ms);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function periods(today: string): [string, ReportQuery][] {
  const thisMonth = `${today.slice(0, 7)}-01`;
  const at = new Date().toISOString();
  const to = addDays(thisMonth, -1);
  return [
    ['1 month', { municipality: M, from: addMonths(thisMonth, -1), to, at }],
    ['12 months', { municipality: M, from: addMonths(thisMonth, -12), to, at }],
  ];
}

const brief = (r: InternalControlReport) =>
  r.indicators
    .filter((i) => ['K1', 'K2', 'K3', 'K4', 'K9', 'K16'].includes(i.id))
    .map((i) => `${i.id} ${i.value === null ? '-' : Number(i.value.toFixed(2))}${i.denominator !== undefined && i.unit !== 'DAYS' ? ` (${i.numerator}/${i.denominator})` : ''}`)
    .join(', ');

export async function benchReportComputation(ownerUrl: string, appUrl: string, temporalAddress: string): Promise<void> {
  const owner = await openDataSource(ownerUrl, 2);
  const app = await openDataSource(appUrl, 4);
  try {
    const today = osloDateOf(Date.now());
    const t0 = performance.now();
    // This bench's municipality holds its copies only (the inbox bench's cases there go).
    const mine = `SELECT case_id FROM ip_case WHERE municipality IN ('${M}', '${SCRATCH}')`;
    await owner.query(`DELETE FROM case_history WHERE case_id IN (${mine})`);
    await owner.query(`DELETE FROM case_deadline WHERE case_id IN (${mine})`);
    await owner.query(`DELETE FROM ip_case WHERE municipality IN ('${M}', '${SCRATCH}')`);
    const templateIds = await driveTemplates(owner, app, temporalAddress);
    await prepareCopies(owner, templateIds);
    await registers(owner, today);
    const [size] = await owner.query(
      `SELECT (SELECT count(*) FROM case_history WHERE case_id = ANY($1::uuid[]))::int AS history, (SELECT count(*) FROM case_deadline WHERE case_id = ANY($1::uuid[]))::int AS deadlines,
         (SELECT avg(octet_length(context::text))::int FROM ip_case WHERE case_id = ANY($1::uuid[])) AS context,
         (SELECT avg(pg_column_size(context))::int FROM ip_case WHERE case_id = ANY($1::uuid[])) AS stored`,
      [templateIds],
    );
    console.log(`\ninternal-control report: ${TEMPLATES.length} template cases driven through the workflow in ${((performance.now() - t0) / 1000).toFixed(1)} s ` +
      `(${size.history} history rows, ${size.deadlines} deadlines, contexts of ${size.context} bytes on average, ${size.stored} stored)`);

    const lines: string[] = [];
    let copied = 0;
    let profile: Timed[] | undefined;
    for (const cases of LEVELS) {
      const s0 = performance.now();
      await copy(owner, copied + 1, cases);
      copied = cases;
      await owner.query('VACUUM (ANALYZE) ip_case, case_history, case_deadline');
      const [rows] = await owner.query(`SELECT (SELECT count(*) FROM case_history h JOIN ip_case c USING (case_id) WHERE c.municipality = $1)::int AS history,
        (SELECT count(*) FROM case_deadline WHERE municipality = $1)::int AS deadlines,
        pg_relation_size('ip_case') / 1048576 AS heap, (SELECT pg_total_relation_size(reltoastrelid) / 1048576 FROM pg_class WHERE oid = 'ip_case'::regclass) AS toast`, [M]);
      console.log(`seeded ${cases} cases in ${M} (${rows.history} history rows, ${rows.deadlines} deadlines; ip_case ${rows.heap} MB, its TOAST ${rows.toast} MB) ` +
        `in ${((performance.now() - s0) / 1000).toFixed(1)} s`);
      for (const [name, q] of periods(today)) {
        const times: number[] = [];
        let report: InternalControlReport | undefined;
        for (let r = 0; r < RUNS; r++) {
          const r0 = performance.now();
          report = await computeReport(app, q);
          times.push(performance.now() - r0);
        }
        const queries = await profiled(app, q);
        profile = queries; // the last one kept: the most cases, twelve months
        lines.push(
          String(cases).padStart(8) + name.padStart(11) + median(times).toFixed(0).padStart(13) + `${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}`.padStart(13) + '   ' +
            queries.slice(0, 3).map((t) => `${t.origin} ${t.ms.toFixed(0)}`).join(', '),
        );
        lines.push(' '.repeat(8) + `  ${q.from}..${q.to}: ${brief(report!)}`);
      }
    }
    console.log(`\ninternal-control report, municipality ${M}, computeReport as the application role, ${RUNS} runs each\n`);
    console.log('cases'.padStart(8) + 'period'.padStart(11) + 'median ms'.padStart(13) + 'min–max ms'.padStart(13) + '   slowest queries (ms, one profiled run)');
    for (const l of lines) console.log(l);
    if (profile) {
      console.log(`\nevery query of the profiled run at ${copied} cases, 12 months (ms):`);
      console.log(profile.map((t) => `${t.origin} ${t.ms.toFixed(0)}`).join(', '));
      const slowest = profile[0];
      const plan: { 'QUERY PLAN': string }[] = await app.query(`EXPLAIN (ANALYZE, BUFFERS) ${slowest.sql}`, slowest.params);
      console.log(`\n--- EXPLAIN the slowest query at ${copied} cases, 12 months (${slowest.origin}) ---\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
    await owner.query(`DROP TABLE bench_report_slot, bench_report_context, bench_report_payload, bench_report_copy`);
  } finally {
    await app.destroy();
    await owner.destroy();
  }
}
