// Cases move through their whole life over HTTP while the worker, the API, the Temporal dev server and PostgreSQL are
// SIGKILLed at random moments and started again. The client does what a careful client does: every command has its
// own Idempotency-Key and is sent again after a lost answer, a 5xx or an in-flight 409, until it gets a final answer.
// Then every case must look exactly like a case that ran with no fault at all: each accepted command once in the
// history, the read model, the tasks, the deadlines, the audit chain and the archive outbox; and the chain verifies.
// `npm run test:faults`; FAULT_RUNS (rounds, default 2), FAULT_CASES (cases per round, 6), FAULT_KILLS (kills per
// round, 8), FAULT_SEED (the random schedule; printed, so a failing round can be run again).
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../libs/auth/src';
import { intakeBody, kari, transient, wholeLifeSteps, type CaseStep } from '../support/case-flows';
import { FaultStack, PARTS, type Part } from './fault-stack';

const RUNS = Number(process.env.FAULT_RUNS ?? 2);
const CASES = Number(process.env.FAULT_CASES ?? 6);
const KILLS = Number(process.env.FAULT_KILLS ?? 8);
const SEED = Number(process.env.FAULT_SEED ?? Date.now() % 1_000_000);
const auditor: Principal = { sub: 'revisor.faults', name: 'Revisor', role: 'AUDITOR', municipalities: ['4601'] };

jest.setTimeout(30 * 60_000);

/** mulberry32: a seeded schedule, so that a round that failed can be run again as it was. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

let stack: FaultStack;
const tokens = new Map<string, string>();
const tokenOf = async (p: Principal) => tokens.get(p.sub) ?? (tokens.set(p.sub, await stack.issuer.mint(p)), tokens.get(p.sub)!);

interface Answer {
  status: number;
  body: any;
  attempts: number;
}

/** Sends one command until it has a final answer: what it would be for a client that must not lose it. */
async function sendReliably(p: Principal, path: string, body: object, key = randomUUID()): Promise<Answer> {
  const headers = { Authorization: `Bearer ${await tokenOf(p)}`, 'Content-Type': 'application/json', 'Idempotency-Key': key };
  for (let attempts = 1; ; attempts++) {
    try {
      const res = await fetch(`${stack.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
      const answer: Answer = { status: res.status, body: await res.json().catch(() => null), attempts };
      const again = transient(answer.status, answer.body);
      if (!again) return answer;
    } catch {
      // no answer (the API died under the request, or is starting): the same request again
    }
    if (attempts > 400) throw new Error(`${path}: no final answer after ${attempts} attempts`);
    await pause(500);
  }
}

async function read(path: string, p: Principal = kari): Promise<any> {
  for (;;) {
    try {
      const res = await fetch(`${stack.url}${path}`, { headers: { Authorization: `Bearer ${await tokenOf(p)}` } });
      if (res.status === 200) return res.json();
    } catch {
      // the API is restarting
    }
    await pause(500);
  }
}

/** A case from its notification to closure; the answers it got, step by step. */
async function driveCase(): Promise<{ caseId: string; answers: Answer[] }> {
  const intake = await sendReliably(kari, '/cases', intakeBody());
  if (intake.status !== 201) throw new Error(`intake: ${intake.status} ${JSON.stringify(intake.body)}`);
  const caseId: string = intake.body.caseId;
  const answers = [intake];
  for (const step of wholeLifeSteps() as CaseStep[]) {
    const a = await sendReliably(step.as, `/cases/${caseId}/events`, step.body);
    answers.push(a);
    // A CLOSE whose first answer was lost is answered, on its retry, by a closed case: it was applied.
    const closedAlready = step.body.type === 'CLOSE' && a.status === 409 && a.body?.code === 'CASE_CLOSED';
    if (a.status !== 200 && !closedAlready) throw new Error(`${step.body.type}: ${a.status} ${JSON.stringify(a.body)}`);
  }
  return { caseId, answers };
}

/** What a case left behind, in every place it is kept, without ids or times. */
async function footprint(caseId: string) {
  const q = (sql: string) => stack.db.query(sql, [caseId]);
  const view = await read(`/cases/${caseId}`);
  return {
    status: view.status,
    seq: view.seq,
    history: (await q(`SELECT event_type FROM case_history WHERE case_id = $1 ORDER BY seq`)).map((r: any) => r.event_type),
    audit: (await q(`SELECT seq, event FROM audit_entry WHERE case_id = $1 AND seq IS NOT NULL ORDER BY position`)).map((r: any) => `${r.seq}:${r.event}`),
    tasks: (await q(`SELECT task_key, kind, status FROM case_task WHERE case_id = $1 ORDER BY task_key, status`)).map((r: any) => `${r.task_key}|${r.kind}|${r.status}`),
    deadlines: (await q(`SELECT deadline_key, kind, status FROM case_deadline WHERE case_id = $1 ORDER BY deadline_key`)).map((r: any) => `${r.deadline_key}|${r.kind}|${r.status}`),
    archive: (await q(`SELECT kind, count(*)::int AS n FROM archive_record WHERE case_id = $1 GROUP BY kind ORDER BY kind`)).map((r: any) => `${r.kind}:${r.n}`),
    versions: (await q(`SELECT count(*)::int AS n FROM case_version WHERE case_id = $1`))[0].n,
  };
}
/** Keys carry the case's own ids (task keys, deadline keys are the case's, not random): strip what differs per case. */
const comparable = (f: Awaited<ReturnType<typeof footprint>>, caseId: string) => JSON.parse(JSON.stringify(f).split(caseId).join('<case>'));

beforeAll(async () => {
  stack = await FaultStack.open();
});
afterAll(async () => {
  await stack?.close();
});

it(`keeps every case exactly as a case without faults, through ${RUNS} rounds of ${KILLS} SIGKILLs (seed ${SEED})`, async () => {
  const control = await driveCase();
  const expected = comparable(await footprint(control.caseId), control.caseId);
  expect(expected.status).toBe('CLOSED');
  expect(expected.history).toHaveLength(wholeLifeSteps().length + 1);

  const rnd = random(SEED);
  const killed: Record<Part, number> = { worker: 0, api: 0, temporal: 0, postgres: 0 };
  let retried = 0;
  for (let run = 1; run <= RUNS; run++) {
    let driving = true;
    const drivers = Promise.all(Array.from({ length: CASES }, driveCase)).finally(() => (driving = false));
    for (let k = 0; k < KILLS && driving; k++) {
      await pause(500 + rnd() * 3000);
      const part = PARTS[Math.floor(rnd() * PARTS.length)];
      await stack.kill(part);
      killed[part]++;
      await pause(rnd() * 2500);
      await stack.start(part);
    }
    const cases = await drivers;
    retried += cases.flatMap((c) => c.answers).filter((a) => a.attempts > 1).length;
    for (const c of cases) expect(comparable(await footprint(c.caseId), c.caseId)).toEqual(expected);
    const [dupes] = await stack.db.query(`SELECT count(*)::int AS n FROM (SELECT case_id, task_key, status FROM case_task WHERE status IN ('OPEN', 'CLAIMED') GROUP BY 1, 2, 3 HAVING count(*) > 1) d`);
    expect(dupes.n).toBe(0);
  }
  const verified = await read('/audit/verify?municipality=4601', auditor);
  expect(verified).toMatchObject({ valid: true });
  console.log(`faults: seed ${SEED}, ${RUNS} rounds of ${CASES} cases; killed ${JSON.stringify(killed)}; ${retried} commands needed more than one attempt; audit chain valid`);
});
