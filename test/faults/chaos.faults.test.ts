// Cases move through their whole life over HTTP while the worker, the API, the Temporal dev server and PostgreSQL are
// SIGKILLed at random moments and started again. The client does what a careful client does: every command has its
// own Idempotency-Key and is sent again after a lost answer, a 5xx or an in-flight 409, until it gets a final answer.
// Then every case must look exactly like a case that ran with no fault at all: each accepted command once in the
// history, the read model, the tasks, the deadlines, the audit chain and the archive outbox; and the chain verifies.
// `npm run test:faults`; FAULT_RUNS (rounds, default 2), FAULT_CASES (cases per round, 6), FAULT_KILLS (kills per
// round, 8), FAULT_SEED (the random schedule; printed, so a failing round can be run again).
import type { Principal } from '../../libs/auth/src';
import { intakeBody, kari, wholeLifeSteps, type CaseStep } from '../support/case-flows';
import { FaultClient, killAtRandom, random, type Answer } from './fault-client';
import { FaultStack, PARTS, type Part } from './fault-stack';
import { comparable, footprint } from './footprint';

const RUNS = Number(process.env.FAULT_RUNS ?? 2);
const CASES = Number(process.env.FAULT_CASES ?? 6);
const KILLS = Number(process.env.FAULT_KILLS ?? 8);
const SEED = Number(process.env.FAULT_SEED ?? Date.now() % 1_000_000);
const auditor: Principal = { sub: 'revisor.faults', name: 'Revisor', role: 'AUDITOR', municipalities: ['4601'] };

jest.setTimeout(30 * 60_000);

let stack: FaultStack;
let client: FaultClient;
const sendReliably = (p: Principal, path: string, body: object) => client.send(p, path, body);

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

beforeAll(async () => {
  stack = await FaultStack.open();
  client = new FaultClient(stack);
});
afterAll(async () => {
  await stack?.close();
});

it(`keeps every case exactly as a case without faults, through ${RUNS} rounds of ${KILLS} SIGKILLs (seed ${SEED})`, async () => {
  const control = await driveCase();
  const expected = comparable(await footprint(stack, client, control.caseId), control.caseId);
  expect(expected.status).toBe('CLOSED');
  expect(expected.history).toHaveLength(wholeLifeSteps().length + 1);

  const rnd = random(SEED);
  const killed: Record<Part, number> = { worker: 0, api: 0, temporal: 0, postgres: 0 };
  let retried = 0;
  for (let run = 1; run <= RUNS; run++) {
    let driving = true;
    const drivers = Promise.all(Array.from({ length: CASES }, driveCase)).finally(() => (driving = false));
    await killAtRandom(stack, rnd, PARTS, KILLS, () => driving, killed);
    const cases = await drivers;
    retried += cases.flatMap((c) => c.answers).filter((a) => a.attempts > 1).length;
    for (const c of cases) expect(comparable(await footprint(stack, client, c.caseId), c.caseId)).toEqual(expected);
    const [dupes] = await stack.db.query(`SELECT count(*)::int AS n FROM (SELECT case_id, task_key, status FROM case_task WHERE status IN ('OPEN', 'CLAIMED') GROUP BY 1, 2, 3 HAVING count(*) > 1) d`);
    expect(dupes.n).toBe(0);
  }
  const verified = await client.read('/audit/verify?municipality=4601', auditor);
  expect(verified).toMatchObject({ valid: true });
  console.log(`faults: seed ${SEED}, ${RUNS} rounds of ${CASES} cases; killed ${JSON.stringify(killed)}; ${retried} commands needed more than one attempt; audit chain valid`);
});
