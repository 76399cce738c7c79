// Deadlines still fire after SIGKILLs: cases are driven to states with armed deadlines; the worker, the API and
// PostgreSQL are killed while the cases only wait for their timers; then months are skipped on Temporal's
// time-skipping test server in stretches, with a kill of a part drawn at random right after each stretch, while the
// timers' transitions run. Every timer armed before the skip must have fired exactly once (one history entry, one audit entry
// with the automatic purpose, its deadline marked, the escalation task the machine opens), and every case must look
// exactly like its control: a case driven to the same state with no fault (and skipped alongside).
// The test server keeps its state in memory, so Temporal itself is not killed here (chaos.faults.test.ts kills the dev
// server); the worker runs with no workflow cache (TEMPORAL_MAX_CACHED_WORKFLOWS=0): a killed worker's sticky queue
// would never time out on the test server's locked clock.
// `npm run test:faults`; FAULT_SEED (the random schedule; printed), FAULT_DEADLINE_COPIES (faulted cases per state,
// 1), FAULT_DRIVING_PARTS and FAULT_KILLS (parts killed while the cases are driven, and how often; below).
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Principal } from '../../libs/auth/src';
import { AUTOMATIC_PURPOSE, caseViewQuery, workflowIdForCase } from '../../libs/contracts/src';
import { dataConverterFor, parseEncryptionKeys } from '../../libs/temporal/src';
import { decisionBody, intakeBody, kari, wholeLifeSteps, type CaseStep } from '../support/case-flows';
import { TEST_ENCRYPTION_KEYS } from '../support/harness';
import { startTimeSkippingServer } from '../support/time-skipping-stack';
import { FaultClient, killAtRandom, pause, random } from './fault-client';
import { FaultStack, type Part } from './fault-stack';
import { comparable, footprint } from './footprint';

const KILLS = Number(process.env.FAULT_KILLS ?? 8);
const SEED = Number(process.env.FAULT_SEED ?? Date.now() % 1_000_000);
const COPIES = Number(process.env.FAULT_DEADLINE_COPIES ?? 1);
const PARTS: Part[] = ['worker', 'api', 'postgres'];
/**
 * Parts killed while the cases are driven (FAULT_DRIVING_PARTS, e.g. `api,postgres`; none by default): on the test
 * server a kill under a command has left that command answering 500 for minutes (the server's Update-with-Start
 * fails with a NullPointerException when asked again), so by default the kills come once the commands are answered.
 * Kills under commands are chaos.faults.test.ts's job, on the dev server.
 */
const DRIVING_PARTS = (process.env.FAULT_DRIVING_PARTS?.split(',').filter(Boolean) ?? []) as Part[];
const DAY = 86_400_000;
/** Past every deadline the states below arm, the plan's evaluation (200 days ahead) included. */
const SKIP_DAYS = 210;
const STRETCHES = 6;
const auditor: Principal = { sub: 'revisor.faults', name: 'Revisor', role: 'AUDITOR', municipalities: ['4601'] };

jest.setTimeout(30 * 60_000);

const life = wholeLifeSteps();
const upTo = (type: string) => life.slice(0, life.findIndex((s) => s.body.type === type) + 1);
/** States a case waits in with deadlines running, each reached by its steps after the notification. */
const STATES: Record<string, CaseStep[]> = {
  received: [],
  assessment: upTo('START_ASSESSMENT'),
  granted: upTo('RECORD_DECISION'),
  proposed: upTo('PROPOSE_COORDINATOR'),
  appointed: upTo('COORDINATOR_ACCEPTED'),
  active: upTo('PLAN_APPROVED'),
  rejected: [...upTo('START_ASSESSMENT'), { as: kari, body: decisionBody('REJECTED') }],
};

const began = Date.now();
/** Where the test is, on stderr at once (a round takes minutes). */
const note = (what: string) => process.stderr.write(`deadline faults +${Math.round((Date.now() - began) / 1000)} s: ${what}\n`);

let env: TestWorkflowEnvironment;
let temporalPort: number;
let stack: FaultStack;
let client: FaultClient;

beforeAll(async () => {
  ({ env, port: temporalPort } = await startTimeSkippingServer(dataConverterFor(parseEncryptionKeys(TEST_ENCRYPTION_KEYS))));
  stack = await FaultStack.open({
    temporalAddress: `127.0.0.1:${temporalPort}`,
    workerEnv: { TEMPORAL_MAX_CACHED_WORKFLOWS: '0' },
    // The test server has no visibility queries: no search attributes, and the API reads no checkpoint runs (listing
    // them fails there); /audit/verify still checks the whole chain.
    apiEnv: { SEARCH_ATTRIBUTES: 'false', AUDIT_CHECKPOINT_PUBLIC_KEYS_FILE: '' },
  });
  client = new FaultClient(stack);
});
afterAll(async () => {
  await stack?.close();
  await env?.teardown();
});

async function driveTo(state: string): Promise<{ state: string; caseId: string }> {
  const intake = await client.send(kari, '/cases', intakeBody());
  if (intake.status !== 201) throw new Error(`intake: ${intake.status} ${JSON.stringify(intake.body)}`);
  const caseId: string = intake.body.caseId;
  for (const step of STATES[state]) {
    const a = await client.send(step.as, `/cases/${caseId}/events`, step.body);
    if (a.status !== 200) throw new Error(`${step.body.type}: ${a.status} ${JSON.stringify(a.body)}`);
  }
  return { state, caseId };
}

/** How far the case's workflow is (its own seq) and how far its read model is; equal once nothing is in flight. */
async function progress(caseId: string): Promise<string> {
  const view = await env.client.workflow.getHandle(workflowIdForCase(caseId)).query(caseViewQuery);
  const [row] = await stack.db.query(`SELECT coalesce(max(seq), 0)::int AS seq FROM case_history WHERE case_id = $1`, [caseId]);
  return `${view.seq}/${row.seq}`;
}

/** Waits until every case's read model has caught up with its workflow, twice in a row a second apart. */
async function settled(caseIds: string[]) {
  let last = '';
  for (let round = 1, until = Date.now() + 5 * 60_000; Date.now() < until; round++, await pause(1000)) {
    const now = await Promise.all(caseIds.map(progress)).then((p) => p.join(','), (e) => `unavailable (${(e as Error).message})`);
    if (now === last && now.split(',').every((p) => p.split('/')[0] === p.split('/')[1])) return;
    if (round % 15 === 0) note(`settling: workflow/read model seq ${now}`);
    last = now;
  }
  throw new Error(`the cases did not settle: ${last}`);
}

/** The case's timers that fired: one history entry each, by the system, named by the timer's key. */
async function firedTimers(caseId: string) {
  const rows: { event_type: string; deadline_key: string | null; seq: number }[] = await stack.db.query(
    `SELECT event_type, payload->>'deadlineKey' AS deadline_key, seq FROM case_history WHERE case_id = $1 AND actor_role = 'SYSTEM' ORDER BY seq`,
    [caseId],
  );
  return rows.map((r) => ({ key: `AUTO:${r.event_type}:${r.deadline_key}`, event: r.event_type, deadlineKey: r.deadline_key, seq: r.seq }));
}

it(`fires every deadline exactly once after SIGKILLs of the worker, the API and PostgreSQL (seed ${SEED})`, async () => {
  const caseIdsOf = (cs: { caseId: string }[]) => cs.map((c) => c.caseId);
  const controls = await Promise.all(Object.keys(STATES).map(driveTo));
  note(`${controls.length} control cases driven`);

  const rnd = random(SEED);
  const killed: Record<Part, number> = { worker: 0, api: 0, temporal: 0, postgres: 0 };
  let driving = true;
  const drivers = Promise.all(Object.keys(STATES).flatMap((s) => Array.from({ length: COPIES }, () => driveTo(s)))).finally(() => (driving = false));
  if (DRIVING_PARTS.length) await killAtRandom(stack, rnd, DRIVING_PARTS, KILLS, () => driving, killed);
  const faulted = await drivers;
  note(`${faulted.length} cases driven${DRIVING_PARTS.length ? ` through ${JSON.stringify(killed)} kills` : ''}`);
  const all = [...controls, ...faulted];
  await settled(caseIdsOf(all));

  // Nothing moves now but the timers: kill every part while they are armed, and start them again.
  const armed: { case_id: string; deadline_key: string; fires_at: Date }[] = await stack.db.query(
    `SELECT case_id, deadline_key, fires_at FROM case_deadline WHERE source = 'AUTOMATIC' AND status = 'OPEN' AND case_id = ANY($1)`,
    [caseIdsOf(all)],
  );
  for (const c of all) expect(armed.filter((a) => a.case_id === c.caseId).length).toBeGreaterThan(0);
  const order = [...PARTS].sort(() => rnd() - 0.5);
  for (const part of order) await stack.kill(part), killed[part]++;
  await pause(rnd() * 2000);
  // PostgreSQL first: the API and the worker do not start without their database.
  for (const part of ['postgres', 'worker', 'api'] as Part[]) await stack.start(part);
  note(`${armed.length} timers armed; ${order.join(', ')} killed and started again`);

  // Skip the months in stretches; right after each, while the timers' transitions run, a part dies and comes back.
  const skipFrom = await env.currentTimeMs();
  for (let s = 1; s <= STRETCHES; s++) {
    await env.sleep((SKIP_DAYS / STRETCHES) * DAY);
    await pause(rnd() * 1500);
    const part = PARTS[Math.floor(rnd() * PARTS.length)];
    await stack.kill(part);
    killed[part]++;
    await pause(rnd() * 2000);
    await stack.start(part);
    // The next stretch starts with everything caught up: a projection retrying against a PostgreSQL still starting
    // would otherwise spend the skipped months in back-off.
    await settled(caseIdsOf(all));
    note(`stretch ${s} of ${STRETCHES} skipped, ${part} killed after it`);
  }
  const skippedTo = await env.currentTimeMs();
  expect(skippedTo - skipFrom).toBeGreaterThanOrEqual(SKIP_DAYS * DAY);

  let fired = 0;
  for (const c of all) {
    const timers = await firedTimers(c.caseId);
    // Exactly once: no timer's transition twice in the history.
    expect(timers.map((t) => t.key)).toEqual([...new Set(timers.map((t) => t.key))]);
    fired += timers.length;
    // Every timer armed before the skip that was due within it fired, or a fired one ended it (a closing breach).
    const rows: { deadline_key: string; status: string }[] = await stack.db.query(
      `SELECT deadline_key, status FROM case_deadline WHERE case_id = $1 AND source = 'AUTOMATIC'`,
      [c.caseId],
    );
    const statusOf = new Map(rows.map((r) => [r.deadline_key, r.status]));
    for (const a of armed.filter((x) => x.case_id === c.caseId && x.fires_at.getTime() < skippedTo)) {
      expect([a.deadline_key, statusOf.get(a.deadline_key)]).toEqual([a.deadline_key, expect.stringMatching(/^(FIRED|CANCELLED)$/)]);
    }
    const firedRows = rows.filter((r) => r.status === 'FIRED').map((r) => r.deadline_key).sort();
    expect(firedRows).toEqual(timers.map((t) => t.key).sort());
    // Each in the audit trail once, by the system, with the automatic purpose.
    const audit: { seq: number; event: string; purpose: string; actor_role: string }[] = await stack.db.query(
      `SELECT seq, event, purpose, actor_role FROM audit_entry WHERE case_id = $1 AND seq = ANY($2)`,
      [c.caseId, timers.map((t) => t.seq)],
    );
    expect(audit.sort((a, b) => a.seq - b.seq)).toEqual(timers.map((t) => ({ seq: t.seq, event: t.event, purpose: AUTOMATIC_PURPOSE, actor_role: 'SYSTEM' })));
    // The deadline itself is marked, and a breach of a case still open escalates: one task per breach.
    const marks: { deadline_key: string; reminded_at: Date | null; breached_at: Date | null }[] = await stack.db.query(
      `SELECT deadline_key, reminded_at, breached_at FROM case_deadline WHERE case_id = $1 AND source <> 'AUTOMATIC'`,
      [c.caseId],
    );
    const [{ status }] = await stack.db.query(`SELECT status FROM ip_case WHERE case_id = $1`, [c.caseId]);
    for (const t of timers) {
      const mark = marks.find((m) => m.deadline_key === t.deadlineKey);
      if (t.event === 'DEADLINE_REMINDER') expect(mark?.reminded_at ?? null).not.toBeNull();
      if (t.event !== 'DEADLINE_BREACHED') continue;
      expect(mark?.breached_at ?? null).not.toBeNull();
      if (status === 'CLOSED') continue;
      const [tasks] = await stack.db.query(`SELECT count(*)::int AS n FROM case_task WHERE case_id = $1 AND task_key = $2 AND kind = 'ACT_ON_ESCALATION'`, [
        c.caseId,
        `ESCALATION:${t.deadlineKey}`,
      ]);
      expect([t.deadlineKey, tasks.n]).toEqual([t.deadlineKey, 1]);
    }
  }
  // And each faulted case left what its control left.
  for (const c of faulted) {
    const control = controls.find((k) => k.state === c.state)!;
    const expected = comparable(await footprint(stack, client, control.caseId), control.caseId);
    expect([c.state, comparable(await footprint(stack, client, c.caseId), c.caseId)]).toEqual([c.state, expected]);
  }
  expect(await client.read('/audit/verify?municipality=4601', auditor)).toMatchObject({ valid: true });
  const secs = Math.round((Date.now() - began) / 1000);
  console.log(`deadline faults: seed ${SEED}, ${all.length} cases in ${Object.keys(STATES).length} states; killed ${JSON.stringify(killed)}; ${fired} timers fired, each once; ${secs} s`);
});
