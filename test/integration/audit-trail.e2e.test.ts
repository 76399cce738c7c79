// The internal-control audit trail over HTTP: every accepted command leaves one hash-chained entry, written with its
// projection (a retried projection adds none); the application role cannot change it; tampering done directly in
// PostgreSQL, as its owner or a superuser could, is found at its position, and a consistent rewrite of a whole chain
// by the signed checkpoints (kept in Temporal, outside the database).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProjectionActivities } from '../../apps/worker/src/activities/projection.activities';
import { append, AuditEntry, insertAuditEntry, payloadDigest, readChain, signCheckpoint } from '../../libs/audit/src';
import { TEST_CHECKPOINT_KEY } from '../support/audit-keys';
import type { Principal } from '../../libs/auth/src';
import { AUDIT_CHECKPOINT_SCHEDULE_ID, type TransitionRecord } from '../../libs/contracts/src';
import { ensureAuditCheckpointSchedule } from '../../apps/worker/src/schedules';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';
import { notificationBody } from '../support/notification';
import { asOwner, queryAs, tamperWithAuditTrail } from '../support/owner';

const M = '4640';
const ALL = [M, '4641', '4642', '4643', '4644', '4645', '4646', '4647'];
let h: Harness;
let api: Api;
const tokens: Record<string, string> = {};
const person = (sub: string, role: Principal['role'], municipalities = [M]): Principal => ({ sub, name: `${sub} (${role})`, role, municipalities });
const kari = person('kari.4640', 'KE_CASEWORKER', ALL);
const lars = person('lars.4640', 'KE_LEADER', ALL);
const revisor = person('revisor.4640', 'AUDITOR', ALL);
const system = person('system.archive', 'SYSTEM', [M]);
const coordinator = person('emp-4640', 'COORDINATOR');

beforeAll(async () => {
  h = await openHarness();
  api = await openApi(h.taskQueue);
  for (const p of [kari, lars, revisor, system, coordinator]) tokens[p.sub] = await api.token(p);
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});

const as = (p: Principal) => ({ Authorization: `Bearer ${tokens[p.sub]}` });

/** A case with n entries: the notification, REGISTER, then claims and unclaims of its task. */
async function caseWithEntries(municipality: string, n: number): Promise<string> {
  const body = notificationBody({ municipality, receivedAt: new Date(Date.now() - 60_000).toISOString() });
  const { body: created } = await api.http.post('/cases').set(as(kari)).send(body).expect(201);
  if (n >= 2) await api.http.post(`/cases/${created.caseId}/events`).set(as(kari)).send({ type: 'REGISTER' }).expect(200);
  for (let i = 3; i <= n; i++) {
    const { body: view } = await api.http.get(`/cases/${created.caseId}`).set(as(kari)).expect(200);
    const task = view.tasks.find((t: { candidateRole: string }) => t.candidateRole === 'KE_CASEWORKER');
    await api.http.post(`/tasks/${task.id}/${task.assignee ? 'unclaim' : 'claim'}`).set(as(kari)).expect(200);
  }
  return created.caseId;
}

const verify = async (municipality: string) => (await api.http.get(`/audit/verify?municipality=${municipality}`).set(as(revisor)).expect(200)).body;

describe('every accepted command', () => {
  it('appends one entry with who, what (a digest, not the data), the states, the legal basis, the request and the purpose', async () => {
    const body = notificationBody({ municipality: M, receivedAt: new Date(Date.now() - 60_000).toISOString() });
    const requestId = `req-${randomUUID()}`;
    const { body: created } = await api.http.post('/cases').set(as(kari)).set('X-Request-Id', requestId).send(body).expect(201);
    await api.http.post(`/cases/${created.caseId}/events`).set(as(kari)).set('X-Purpose', 'Registrering av melding').send({ type: 'REGISTER' }).expect(200);

    const res = await api.http.get(`/cases/${created.caseId}/audit`).set(as(revisor)).expect(200);
    const [register, intake] = res.body.items;
    expect(res.body.items.map((e: AuditEntry) => e.seq)).toEqual([2, 1]); // newest first
    expect(intake).toMatchObject({
      kind: 'CASE_EVENT', municipality: M, caseId: created.caseId, seq: 1, event: 'NOTIFICATION_RECEIVED', requestId,
      actor: { sub: kari.sub, name: kari.name, role: 'KE_CASEWORKER', municipalities: kari.municipalities },
      fromStatus: expect.any(String), toStatus: 'RECEIVED',
    });
    // The purpose the person stated, else the relationship the access policy found (here the task the intake opened for her role).
    expect(register.purpose).toBe('Registrering av melding');
    expect(intake.purpose).toEqual(expect.stringMatching(/^(ASSIGNED_TASK|KE_MUNICIPALITY)$/));
    expect(register).toMatchObject({ event: 'REGISTER', fromStatus: 'RECEIVED', toStatus: register.toStatus, legalBasis: expect.any(String), prevHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The digest is of the payload as the case recorded it; the person's name and identity number are nowhere.
    const [history] = await asOwner(`SELECT payload FROM case_history WHERE case_id = $1 AND seq = 1`, [created.caseId]);
    expect(intake.payloadDigest).toBe(payloadDigest(history.payload));
    expect(JSON.stringify(res.body)).not.toContain(body.subject.nationalId);
    expect(JSON.stringify(res.body)).not.toContain(body.subject.name);
    expect((await verify(M)).valid).toBe(true);
  });

  it('is appended once however often its projection is retried', async () => {
    const caseId = await caseWithEntries(M, 2);
    const [before] = await asOwner(`SELECT count(*)::int AS n FROM audit_entry WHERE case_id = $1`, [caseId]);
    const retried = { caseId, municipality: M, seq: 2, eventType: 'REGISTER', payload: { type: 'REGISTER' }, actor: { sub: kari.sub, name: kari.name, role: kari.role },
      at: new Date().toISOString(), legalBasis: null, fromStatus: 'RECEIVED', toStatus: 'REGISTERED', stateValue: 'registered', allowedEvents: [], context: {},
      closed: false, deadlines: [], tasks: [] } as TransitionRecord;
    expect(await createProjectionActivities(h.db).projectTransition(retried)).toEqual({ applied: false });
    const [after] = await asOwner(`SELECT count(*)::int AS n FROM audit_entry WHERE case_id = $1`, [caseId]);
    expect(after.n).toBe(before.n);
  });

  it('keeps one chain per municipality without forks when many cases commit at once', async () => {
    const M2 = '4645';
    const [{ n: before }] = await asOwner(`SELECT count(*)::int AS n FROM audit_entry WHERE municipality = $1`, [M2]);
    await Promise.all(Array.from({ length: 12 }, () => caseWithEntries(M2, 2)));
    const positions = (await asOwner(`SELECT position FROM audit_entry WHERE municipality = $1 ORDER BY position`, [M2])).map((r) => Number(r.position));
    expect(positions.length).toBe(before + 24);
    expect(positions).toEqual(positions.map((_, i) => i + 1)); // 1..n, no gap, no duplicate
    expect(await verify(M2)).toMatchObject({ valid: true, checked: positions.length });
  });
});

describe('the audit tables are append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE to the application role, and the trigger refuses them to the owner too', async () => {
    await caseWithEntries(M, 1);
    for (const sql of [`UPDATE audit_entry SET event = 'X' WHERE municipality = '${M}'`, `DELETE FROM audit_entry WHERE municipality = '${M}'`, 'TRUNCATE audit_entry']) {
      await expect(queryAs(process.env.TEST_DATABASE_URL!, sql)).rejects.toThrow(/permission denied/);
      await expect(asOwner(sql)).rejects.toThrow(/append-only/);
    }
    const [{ current_user: role, rolsuper }] = await queryAs(process.env.TEST_DATABASE_URL!, `SELECT current_user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)`);
    expect(rolsuper).toBe(false);
    expect(role).not.toBe('postgres');
  });
});

describe('tampering done directly in PostgreSQL', () => {
  it('a changed entry is found at its position', async () => {
    await caseWithEntries('4641', 5);
    await tamperWithAuditTrail((q) => q(`UPDATE audit_entry SET event = 'CONSENT_GIVEN' WHERE municipality = '4641' AND position = 3`));
    expect((await verify('4641')).firstBroken).toEqual({ position: 3, reason: 'its content does not match its hash (changed)' });
  });

  it('a removed entry is found at its position, also when the positions after it were closed up', async () => {
    await caseWithEntries('4642', 6);
    await tamperWithAuditTrail((q) => q(`DELETE FROM audit_entry WHERE municipality = '4642' AND position = 3`));
    expect(await verify('4642')).toMatchObject({ valid: false, checked: 2, firstBroken: { position: 3, reason: 'entry 3 is missing (removed)' } });
    await tamperWithAuditTrail(async (q) => {
      await q(`UPDATE audit_entry SET position = -position WHERE municipality = '4642' AND position > 3`);
      await q(`UPDATE audit_entry SET position = -position - 1 WHERE municipality = '4642' AND position < 0`);
    });
    expect((await verify('4642')).firstBroken?.position).toBe(3);
  });

  it('an inserted entry is found at its position', async () => {
    await caseWithEntries('4643', 5);
    const chain = await readChain(h.db, '4643', 0, 100);
    const forged = append(chain[1], { ...chain[2], event: 'CONSENT_WITHDRAWN', seq: 99 });
    await tamperWithAuditTrail(async (q) => {
      await q(`UPDATE audit_entry SET position = -position WHERE municipality = '4643' AND position >= 3`);
      await q(`UPDATE audit_entry SET position = -position + 1 WHERE municipality = '4643' AND position < 0`);
      await insertAuditEntry({ query: q }, forged);
    });
    expect((await verify('4643')).firstBroken).toEqual({ position: 3, reason: 'entry 3 was inserted: entry 4 links to entry 2' });
  });

  it('reordered entries are found at the first of them', async () => {
    await caseWithEntries('4644', 5);
    await tamperWithAuditTrail(async (q) => {
      await q(`UPDATE audit_entry SET position = 0 WHERE municipality = '4644' AND position = 3`);
      await q(`UPDATE audit_entry SET position = 3 WHERE municipality = '4644' AND position = 4`);
      await q(`UPDATE audit_entry SET position = 4 WHERE municipality = '4644' AND position = 0`);
    });
    expect((await verify('4644')).firstBroken).toEqual({ position: 3, reason: 'entries were reordered: entry 3 links to entry 4, which comes after it' });
  });

  it('a consistent rewrite of a whole chain passes the chain check but not the signed checkpoint; a cut-off end neither', async () => {
    const M3 = '4646';
    await caseWithEntries(M3, 4);
    // Only the system role writes checkpoints.
    for (const p of [kari, lars, revisor]) expect((await api.http.post('/audit/checkpoints').set(as(p))).status).toBe(403);
    const signed = await api.http.post('/audit/checkpoints').set(as({ ...system, municipalities: [M3] }));
    expect(signed.status).toBe(201);
    const mine = signed.body.checkpoints.find((c: { municipality: string }) => c.municipality === M3);
    expect(mine).toMatchObject({ position: 4, kid: 'test-audit-1', jws: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
    expect(await verify(M3)).toMatchObject({ valid: true, checked: 4, checkpoints: { configured: true, checked: expect.any(Number) } });

    const real = await readChain(h.db, M3, 0, 100);
    const rewritten: AuditEntry[] = [];
    for (const e of real) rewritten.push(append(rewritten[rewritten.length - 1], e.position === 2 ? { ...e, actor: { ...e.actor, sub: 'someone.else' } } : e));
    await tamperWithAuditTrail(async (q) => {
      await q(`DELETE FROM audit_entry WHERE municipality = $1`, [M3]);
      for (const e of rewritten) await insertAuditEntry({ query: q }, e);
    });
    const found = await verify(M3);
    expect(found).toMatchObject({ valid: false, firstBroken: { position: 4 } });
    expect(found.firstBroken.reason).toMatch(/does not pass through the hash the checkpoint of .* signed: it was rewritten/);

    // The real chain back, minus its last entry: the checkpoint vouches for a position the chain no longer has.
    await tamperWithAuditTrail(async (q) => {
      await q(`DELETE FROM audit_entry WHERE municipality = $1`, [M3]);
      for (const e of real.slice(0, 3)) await insertAuditEntry({ query: q }, e);
    });
    expect((await verify(M3)).firstBroken).toEqual({ position: 4, reason: expect.stringMatching(/the chain ends at position 3, but the checkpoint of .* vouches for position 4/) });
  });
});

describe('the checkpoint schedule', () => {
  it('is created once and brought up to date by any worker start, and a run it starts signs every chain', async () => {
    await ensureAuditCheckpointSchedule(h.client, h.taskQueue, 7200);
    await ensureAuditCheckpointSchedule(h.client, h.taskQueue, 3600); // a second worker start, with another interval
    const handle = h.client.schedule.getHandle(AUDIT_CHECKPOINT_SCHEDULE_ID);
    try {
      const schedule = await handle.describe();
      expect(schedule.spec.intervals).toEqual([expect.objectContaining({ every: 3_600_000 })]);
      expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'auditCheckpointWorkflow', taskQueue: h.taskQueue });
      await caseWithEntries(M, 1);
      const before = (await api.http.get(`/audit/checkpoints?municipality=${M}`).set(as(revisor)).expect(200)).body.items.length;
      await handle.trigger();
      let after = before;
      for (let i = 0; i < 60 && after === before; i++) {
        await new Promise((r) => setTimeout(r, 500));
        after = (await api.http.get(`/audit/checkpoints?municipality=${M}`).set(as(revisor)).expect(200)).body.items.length;
      }
      expect(after).toBe(before + 1);
    } finally {
      await handle.delete();
    }
  });
});

describe('checkpoints in the export folder', () => {
  it('count as much as those in Temporal (they outlive its retention): one that the chain does not pass through breaks it', async () => {
    const M4 = '4647';
    await caseWithEntries(M4, 3);
    const [head] = await readChain(h.db, M4, 2, 1);
    const dir = mkdtempSync(join(tmpdir(), 'ke-ip-checkpoints-'));
    const at = new Date().toISOString();
    const signed = { municipality: M4, position: head.position, hash: head.hash, at };
    const forgedHash = { ...signed, hash: 'f'.repeat(64) };
    const line = async (c: typeof signed) => `${JSON.stringify({ ...c, kid: TEST_CHECKPOINT_KEY.kid, jws: await signCheckpoint(c, TEST_CHECKPOINT_KEY) })}\n`;
    writeFileSync(join(dir, `audit-checkpoints-${at.slice(0, 7)}.jsonl`), await line(signed));
    const reader = await openApi(h.taskQueue, { AUDIT_CHECKPOINT_EXPORT_DIR: dir });
    try {
      const token = await reader.token(revisor);
      const ok = (await reader.http.get(`/audit/verify?municipality=${M4}`).set('Authorization', `Bearer ${token}`).expect(200)).body;
      expect(ok).toMatchObject({ valid: true, checkpoints: { checked: 1 } });
      // A checkpoint signed for this position with another hash: the chain was rewritten after it was signed.
      writeFileSync(join(dir, `audit-checkpoints-${at.slice(0, 7)}.jsonl`), await line(forgedHash), { flag: 'a' });
      const broken = (await reader.http.get(`/audit/verify?municipality=${M4}`).set('Authorization', `Bearer ${token}`).expect(200)).body;
      expect(broken).toMatchObject({ valid: false, firstBroken: { position: head.position } });
    } finally {
      await reader.close();
    }
  });
});

describe('reading the trail', () => {
  it('lists entries across cases by actor, event and period, page by page, and as FHIR AuditEvents', async () => {
    await caseWithEntries(M, 3);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Oslo' });
    const first = await api.http.get(`/audit?municipality=${M}&actor=${kari.sub}&from=${today}&to=${today}&limit=2`).set(as(lars)).expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items.every((e: AuditEntry) => e.actor.sub === kari.sub && e.municipality === M)).toBe(true);
    const second = await api.http.get(`/audit?municipality=${M}&actor=${kari.sub}&from=${today}&to=${today}&limit=2&cursor=${first.body.nextCursor}`).set(as(lars)).expect(200);
    const seen = [...first.body.items, ...second.body.items].map((e: AuditEntry) => e.position);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    const registers = (await api.http.get(`/audit?municipality=${M}&event=REGISTER`).set(as(revisor)).expect(200)).body.items;
    expect(registers.length).toBeGreaterThan(0);
    expect(registers.every((e: AuditEntry) => e.event === 'REGISTER')).toBe(true);
    expect((await api.http.get(`/audit?municipality=${M}&from=2020-01-01&to=2020-12-31`).set(as(revisor)).expect(200)).body.items).toEqual([]);

    const fhir = await api.http.get(`/audit?municipality=${M}&limit=2`).set(as(revisor)).set('Accept', 'application/fhir+json').expect(200);
    expect(fhir.headers['content-type']).toContain('application/fhir+json');
    // Taken away for a SIEM: logged as an export, not a read.
    const [logged] = await asOwner(`SELECT action, resource FROM access_log WHERE request_id = $1`, [fhir.headers['x-request-id']]);
    expect(logged).toEqual({ action: 'EXPORT', resource: 'audit' });
    expect(fhir.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'next', url: expect.stringContaining('cursor=') }] });
    const [event] = fhir.body.entry.map((e: { resource: unknown }) => e.resource);
    expect(event).toMatchObject({
      resourceType: 'AuditEvent', type: { code: 'rest' }, subtype: [{ system: 'http://hl7.org/fhir/restful-interaction' }], action: expect.stringMatching(/^[CU]$/), outcome: '0',
      agent: [{ requestor: true, who: { identifier: { value: expect.any(String) } } }], source: { site: M },
      entity: [{ what: { identifier: { system: 'urn:ke-ip:case', value: expect.any(String) } } }],
    });
  });

  it('is for the KE leader and internal control across cases; a coordinator sees only the trails of their cases', async () => {
    const caseId = await caseWithEntries(M, 2);
    expect((await api.http.get('/audit').set(as(kari))).status).toBe(403);
    expect((await api.http.get('/audit').set(as(coordinator))).status).toBe(403);
    expect((await api.http.get('/audit/verify').set(as(kari))).status).toBe(403);
    expect((await api.http.get(`/cases/${caseId}/audit`).set(as(coordinator))).status).toBe(404);
    expect((await api.http.get(`/cases/${caseId}/audit`).set(as(system))).status).toBe(403);
    expect((await api.http.get(`/audit?municipality=4601`).set(as(revisor))).status).toBe(403);
    expect((await api.http.get(`/audit/verify?municipality=4601`).set(as(revisor))).status).toBe(403);
    expect((await api.http.get('/audit/verify').set(as(revisor))).status).toBe(422); // several municipalities: which chain?
    expect((await api.http.get(`/audit?cursor=nonsense`).set(as(revisor))).status).toBe(422);
  });
});
