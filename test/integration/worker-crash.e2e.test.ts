// The worker process is killed (SIGKILL) mid-case and a new one started: the case goes on and nothing is lost.
import { peopleDeadlines } from '../support/notification';
import type { ChildProcess } from 'node:child_process';
import { notificationBody } from '../support/notification';
import type { Principal } from '../../libs/auth/src';
import { stop } from '../../scripts/services';
import { startWorkerProcess } from '../support/worker-process';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';

let h: Harness;
let api: Api;
let workerProcess: ChildProcess | undefined;
const kari: Principal = { sub: 'kari.saksbehandler', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: ['4601'] };
let token: string;

beforeAll(async () => {
  h = await openHarness();
  await h.stopWorker(); // this file runs the worker as its own process
  api = await openApi(h.taskQueue);
  token = await api.token(kari);
  workerProcess = await startWorkerProcess(h.taskQueue);
});
afterAll(async () => {
  await stop(workerProcess, 'SIGKILL');
  await api?.close();
  await h?.close();
});

const send = (caseId: string, body: Record<string, unknown>) =>
  api.http.post(`/cases/${caseId}/events`).set('Authorization', `Bearer ${token}`).send(body);

it('survives SIGKILL of the worker process, with a command sent while no worker runs', async () => {
  const res = await api.http.post('/cases').set('Authorization', `Bearer ${token}`).send(notificationBody({ notifier: { type: 'HOSPITAL', name: 'Sykehuset', relation: 'innlagt pasient' } }));
  expect(res.status).toBe(201);
  const caseId = res.body.caseId;
  expect((await send(caseId, { type: 'REGISTER' })).status).toBe(200);

  await stop(workerProcess, 'SIGKILL');
  const pending = send(caseId, { type: 'START_ASSESSMENT' }); // accepted by the server, waits for a worker
  await new Promise((r) => setTimeout(r, 500));
  workerProcess = await startWorkerProcess(h.taskQueue);
  const after = await pending;
  expect(after.status).toBe(200);
  expect(after.body.status).toBe('ASSESSMENT');

  const history = await h.db.query('SELECT seq, event_type FROM case_history WHERE case_id = $1 ORDER BY seq', [caseId]);
  expect(history).toEqual([
    { seq: 1, event_type: 'NOTIFICATION_RECEIVED' },
    { seq: 2, event_type: 'REGISTER' },
    { seq: 3, event_type: 'START_ASSESSMENT' },
  ]);
  const view = await api.http.get(`/cases/${caseId}`).set('Authorization', `Bearer ${token}`);
  expect(view.body.seq).toBe(3);
  expect(peopleDeadlines(view.body).map((d: { kind: string }) => d.kind).sort()).toEqual(['DECISION', 'PRELIMINARY_REPLY']);
});
