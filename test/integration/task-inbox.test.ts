// The inbox query for an inter-municipal KE (one ordered scan per municipality, merged) pages like the simple one.
import type { Principal } from '../../libs/auth/src';
import { notificationBody } from '../support/notification';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';

let h: Harness;
let api: Api;
const inter: Principal = { sub: 'ti-ivar', name: 'Ivar', role: 'KE_LEADER', municipalities: ['4611', '4612'] };
let auth: string;

beforeAll(async () => {
  h = await openHarness();
  api = await openApi(h.taskQueue);
  auth = `Bearer ${await api.token(inter)}`;
  for (const [i, municipality] of ['4611', '4612', '4611', '4612', '4612'].entries()) {
    await api.http
      .post('/cases')
      .set('Authorization', auth)
      // Different receipt times give different due dates (recent enough that no deadline has passed yet).
      .send(notificationBody({ municipality, requestedLines: ['KOORDINATOR'], receivedAt: new Date(Date.now() - i * 0.4 * 86_400_000).toISOString() }))
      .expect(201);
  }
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});

it.each(['due', 'priority'])('pages an inter-municipal inbox sorted by %s without gaps or repeats', async (sort) => {
  const all = (await api.http.get(`/tasks?sort=${sort}&limit=200`).set('Authorization', auth)).body;
  expect(all.items).toHaveLength(5);
  expect(new Set(all.items.map((t: { municipality: string }) => t.municipality))).toEqual(new Set(['4611', '4612']));
  const dues = all.items.map((t: { due: string }) => t.due);
  if (sort === 'due') expect(dues).toEqual([...dues].sort());
  const paged: string[] = [];
  let cursor: string | null = null;
  do {
    const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await api.http
      .get(`/tasks?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      .set('Authorization', auth);
    paged.push(...res.body.items.map((t) => t.id));
    cursor = res.body.nextCursor;
  } while (cursor);
  expect(paged).toEqual(all.items.map((t: { id: string }) => t.id));
  expect(all.counts.total).toBe(5);
});

it('refuses a cursor it did not give out, on every paged list (422, not a server error)', async () => {
  for (const path of ['/tasks?cursor=bm90LWpzb24', '/deadlines?cursor=bm90LWpzb24', '/deadlines?cursor=WzFd']) {
    const res = await api.http.get(path).set('Authorization', auth);
    expect({ path, status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ path, status: 422, field: 'cursor' });
  }
});

it('refuses a cursor from another sort', async () => {
  const first = (await api.http.get('/tasks?sort=priority&limit=1').set('Authorization', auth)).body;
  const res = await api.http.get(`/tasks?sort=due&cursor=${first.nextCursor}`).set('Authorization', auth);
  expect(res.status).toBe(422);
  expect(res.body.errors[0].field).toBe('cursor');
});
