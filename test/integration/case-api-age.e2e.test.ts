// End to end over HTTP on Temporal's time-skipping test server: a child turns 16, and later 18, mid-case.
// The time-skipping server does not skip while a client waits on an Update, so the test skips explicitly.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createProjectionActivities } from '../../apps/worker/src/activities/projection.activities';
import type { Principal } from '../../libs/auth/src';
import { addDays, addYears, osloDateOf } from '../../libs/calendar/src/civil-date';
import { makeNationalId } from '../../libs/identity/src/national-id';
import { openDataSource } from '../../libs/persistence/src';
import { dataConverterFor, parseEncryptionKeys } from '../../libs/temporal/src';
import { freePort, timeSkippingServerPath } from '../../scripts/services';
import { Api, openApi } from '../support/api';
import { TEST_ENCRYPTION_KEYS } from '../support/harness';

const taskQueue = 'ip-case-age';
let env: TestWorkflowEnvironment;
let db: DataSource;
let worker: Worker;
let running: Promise<void>;
let api: Api;
const kari: Principal = { sub: 'kari.saksbehandler', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: ['4601'] };
const ola: Principal = { sub: 'emp-17', name: 'Ola Koordinator', role: 'COORDINATOR', municipalities: ['4601'] };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const port = await freePort();
  const dataConverter = dataConverterFor(parseEncryptionKeys(TEST_ENCRYPTION_KEYS));
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: timeSkippingServerPath() }, port },
    client: { dataConverter },
  });
  db = await openDataSource(process.env.TEST_DATABASE_URL!);
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities: createProjectionActivities(db),
    dataConverter,
  });
  running = worker.run();
  api = await openApi(taskQueue, { TEMPORAL_ADDRESS: `127.0.0.1:${port}`, SEARCH_ATTRIBUTES: 'false' });
  for (const p of [kari, ola]) tokens[p.sub] = await api.token(p);
});
afterAll(async () => {
  await api?.close();
  worker?.shutdown();
  await running;
  await db?.destroy();
  await env?.teardown();
});

const as = (p: Principal) => ({ Authorization: `Bearer ${tokens[p.sub]}` });
async function event(p: Principal, caseId: string, body: Record<string, unknown>, expected = 200) {
  const res = await api.http.post(`/cases/${caseId}/events`).set(as(p)).send(body);
  if (res.status !== expected) throw new Error(`${body.type}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
const parentGrant = (scope: string) => ({ scope, capacity: 'PARENT', form: 'WRITTEN_SIGNED', informationGiven: true });

async function registerChild(birthDate: string, lines: string[]) {
  const nationalId = makeNationalId(birthDate, 512) ?? makeNationalId(birthDate, 513)!;
  const res = await api.http.post('/cases').set(as(kari)).send({
    municipality: '4601',
    subject: { nationalId, name: 'Ung Testesen' },
    notifier: { type: 'SCHOOL_KINDERGARTEN', name: 'Rektor', relation: 'skole' },
    requestedLines: lines,
    needsDescription: 'Sammensatte behov i skole og helse',
    channel: 'LETTER',
    subjectAware: 'YES_CONSENTED',
    // The API checks "not in the future" against the wall clock; the skipped test clock is ahead of it.
    receivedAt: new Date().toISOString(),
  });
  expect(res.status).toBe(201);
  const caseId = res.body.caseId as string;
  await event(kari, caseId, { type: 'REGISTER' });
  await event(kari, caseId, { type: 'START_ASSESSMENT' });
  await event(kari, caseId, {
    type: 'RECORD_DECISION',
    sentAt: new Date(await env.currentTimeMs()).toISOString(),
    decisions: lines.map((line) => ({ line, outcome: 'GRANTED', legalBasis: line === 'BARNEKOORDINATOR' ? 'pbrl § 2-5 c' : 'pbrl § 2-5 b' })),
  });
  return caseId;
}

describe('age events over the API (time-skipping)', () => {
  it('a child who turns 16 mid-case takes over consent and must re-confirm what the parents gave', async () => {
    const today = osloDateOf(await env.currentTimeMs());
    const caseId = await registerChild(addDays(addYears(today, -16), 10), ['KOORDINATOR']);
    await event(kari, caseId, { type: 'CONSENT_GIVEN', grants: [parentGrant('APPOINT_COORD')] });
    await event(kari, caseId, { type: 'PROPOSE_COORDINATOR', coordinator: { employeeId: 'emp-17', unit: 'Helsestasjon', line: 'KOORDINATOR', userWishMet: true } });
    await event(ola, caseId, { type: 'COORDINATOR_ACCEPTED' });
    await event(ola, caseId, { type: 'START_FOLLOW_UP' });

    await env.sleep('11 days');

    const view = (await api.http.get(`/cases/${caseId}`).set(as(kari))).body;
    expect(view.status).toBe('ACTIVE');
    expect(view.tasks.map((t: { kind: string }) => t.kind)).toContain('RECONFIRM_CONSENT');
    expect(view.deadlines.map((d: { kind: string }) => d.kind)).toContain('RECONSENT_AT_16');
    // Parents can no longer consent for a 16-year-old; the young person can.
    await event(kari, caseId, { type: 'CONSENT_GIVEN', grants: [parentGrant('DIGITAL_TOOL')] }, 409);
    const after = await event(kari, caseId, { type: 'CONSENT_GIVEN', grants: [{ scope: 'APPOINT_COORD', capacity: 'SELF', form: 'WRITTEN_DIGITAL', informationGiven: true }] });
    expect(after.tasks.map((t: { kind: string }) => t.kind)).not.toContain('RECONFIRM_CONSENT');
    const history = (await api.http.get(`/cases/${caseId}/history`).set(as(kari))).body;
    expect(history.find((h: { eventType: string }) => h.eventType === 'TURNS_16')).toMatchObject({ actorRole: 'SYSTEM', legalBasis: expect.stringContaining('pbrl § 4-3') });
  });

  it('at 18 the child coordinator ends and the case asks to convert or close', async () => {
    const today = osloDateOf(await env.currentTimeMs());
    const caseId = await registerChild(addDays(addYears(today, -18), 5), ['BARNEKOORDINATOR']);
    await event(kari, caseId, { type: 'CONSENT_GIVEN', grants: [{ scope: 'APPOINT_CHILD_COORD', capacity: 'PARENT', form: 'WRITTEN_SIGNED', informationGiven: true }] });
    await event(kari, caseId, { type: 'PROPOSE_COORDINATOR', coordinator: { employeeId: 'emp-17', unit: 'Helsestasjon', line: 'BARNEKOORDINATOR', userWishMet: true } });
    await event(ola, caseId, { type: 'COORDINATOR_ACCEPTED' });
    await event(ola, caseId, { type: 'START_FOLLOW_UP' });

    await env.sleep('6 days');

    const view = (await api.http.get(`/cases/${caseId}`).set(as(kari))).body;
    expect(view.tasks.map((t: { kind: string }) => t.kind)).toContain('HANDLE_TURNS_18');
    await event(kari, caseId, { type: 'CONSENT_GIVEN', grants: [{ scope: 'APPOINT_COORD', capacity: 'SELF', form: 'WRITTEN_DIGITAL', informationGiven: true }] });
    const converted = await event(kari, caseId, { type: 'CONVERT_TO_COORDINATOR' });
    expect(converted.coordinator.line).toBe('KOORDINATOR');
    expect(converted.tasks.map((t: { kind: string }) => t.kind)).not.toContain('HANDLE_TURNS_18');
  });
});
