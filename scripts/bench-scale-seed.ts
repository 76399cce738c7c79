// What the scale bench adds to seedOpenCases' cases: each case's intake in case_history (received, registered,
// assessment started), the same three transitions in the audit trail, linked into each municipality's hash chain with
// the real chain code (append: canonical JSON, SHA-256, position and predecessor), so GET /audit/verify checks a chain
// as the projection would have written it; and access-log rows (reads of the case, lists that showed it).
// Case i's events happen at EPOCH + i · step (+ 0, 1, 2 s), so a chain's positions follow time as they do in production.
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { append, AuditEntry, AuditFacts, chainHead, payloadDigest } from '../libs/audit/src';
import { MUNICIPALITIES, municipalityOf } from './bench-seed';

const DAY = 86_400_000;
/** Rows per INSERT … jsonb_to_recordset. */
const BATCH = 4000;

/** The instants the seeded cases' events happen at: `span` days ending now, spread over `maxCases` cases. */
export interface ScaleClock {
  epoch: number;
  stepMs: number;
}
export const scaleClock = (maxCases: number, spanDays = 400): ScaleClock => ({ epoch: Date.now() - spanDays * DAY, stepMs: (spanDays * DAY) / maxCases });
export const eventAt = (c: ScaleClock, i: number, seq: number) => new Date(Math.round(c.epoch + i * c.stepMs) + (seq - 1) * 1000);

/** PostgreSQL's md5(text)::uuid. */
export const md5Uuid = (text: string) => createHash('md5').update(text).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

const caseworker = (m: string) => ({ sub: `bench-kw-${m}`, name: 'Saksbehandler', role: 'KE_CASEWORKER', municipalities: [m] });

/** The three intake transitions of case i. No personal data: the notification's channel and lines only. */
function intake(i: number): { event: string; from: string; to: string; legalBasis: string; payload: object }[] {
  return [
    { event: 'NOTIFICATION_RECEIVED', from: 'NEW', to: 'RECEIVED', legalBasis: 'hpl § 38 a',
      payload: { type: 'NOTIFICATION_RECEIVED', channel: 'ELECTRONIC_MESSAGE', notifierType: i % 3 ? 'HEALTH_PERSONNEL' : 'HOSPITAL', requestedLines: ['IP', 'KOORDINATOR'] } },
    { event: 'REGISTER', from: 'RECEIVED', to: 'REGISTERED', legalBasis: 'pbrl § 2-5', payload: { type: 'REGISTER' } },
    { event: 'START_ASSESSMENT', from: 'REGISTERED', to: 'ASSESSMENT', legalBasis: 'pbrl § 2-5', payload: { type: 'START_ASSESSMENT' } },
  ];
}

async function insertJson(db: DataSource, table: string, columns: string, rows: object[]): Promise<void> {
  for (let k = 0; k < rows.length; k += BATCH) {
    await db.query(`INSERT INTO ${table} (${columns.replace(/ [\w[\]]+(,|$)/g, '$1')}) SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${columns})`,
      [JSON.stringify(rows.slice(k, k + BATCH))]);
  }
}

const HISTORY = 'case_id uuid, seq int, event_type text, actor_sub text, actor_name text, actor_role text, occurred_at timestamptz, from_status text, to_status text, legal_basis text, payload jsonb';
const AUDIT = 'kind text, municipality text, position bigint, prev_hash text, hash text, case_id uuid, seq int, at timestamptz, actor_sub text, actor_name text, ' +
  'actor_role text, actor_municipalities text[], event text, payload_digest text, from_status text, to_status text, legal_basis text, request_id text, purpose text';

/** History and audit entries of cases from … to, chained on after each municipality's head. Answers the entries added. */
export async function seedTrail(db: DataSource, clock: ScaleClock, from: number, to: number, prefix: string): Promise<number> {
  const heads = new Map<string, Pick<AuditEntry, 'position' | 'hash'> | undefined>();
  for (const m of MUNICIPALITIES) heads.set(m, await chainHead(db, m));
  let added = 0;
  for (let start = from; start <= to; start += BATCH) {
    const history: object[] = [];
    const audit: object[] = [];
    for (let i = start; i <= Math.min(to, start + BATCH - 1); i++) {
      const m = MUNICIPALITIES[i % MUNICIPALITIES.length];
      const caseId = md5Uuid(prefix + i);
      const actor = caseworker(m);
      for (const [n, t] of intake(i).entries()) {
        const seq = n + 1;
        const at = eventAt(clock, i, seq).toISOString();
        history.push({ case_id: caseId, seq, event_type: t.event, actor_sub: actor.sub, actor_name: actor.name, actor_role: actor.role, occurred_at: at,
          from_status: t.from, to_status: t.to, legal_basis: t.legalBasis, payload: t.payload });
        const facts: AuditFacts = { kind: 'CASE_EVENT', municipality: m, caseId, seq, at, actor, event: t.event, payloadDigest: payloadDigest(t.payload),
          fromStatus: t.from, toStatus: t.to, legalBasis: t.legalBasis, requestId: null, purpose: null };
        const e = append(heads.get(m), facts);
        heads.set(m, e);
        audit.push({ kind: e.kind, municipality: m, position: e.position, prev_hash: e.prevHash, hash: e.hash, case_id: caseId, seq, at, actor_sub: actor.sub,
          actor_name: actor.name, actor_role: actor.role, actor_municipalities: actor.municipalities, event: e.event, payload_digest: e.payloadDigest,
          from_status: t.from, to_status: t.to, legal_basis: t.legalBasis, request_id: null, purpose: null });
      }
    }
    await insertJson(db, 'case_history', HISTORY, history);
    // Position order within a chain: the batch is in case order, and a case's entries in seq order.
    await insertJson(db, 'audit_entry', AUDIT, audit);
    added += audit.length;
  }
  return added;
}

/**
 * The access log of cases from … to: four reads of each case (the caseworker, the leader, the coordinator, the case's
 * audit trail), and one inbox list per 25 cases naming them.
 */
export async function seedAccessLog(db: DataSource, clock: ScaleClock, from: number, to: number, prefix: string): Promise<void> {
  const at = (i: string, plus: string) => `to_timestamp((${clock.epoch}::float8 + ${i} * ${clock.stepMs}::float8) / 1000) + ${plus}`;
  await db.query(
    `INSERT INTO access_log (at, actor_sub, actor_name, actor_role, case_id, municipality, action, resource, outcome, purpose, purpose_source, basis)
     SELECT ${at('i', "(1 + r) * interval '1 day'")}, a.sub || '-' || ${municipalityOf('i')}, a.name, a.role, md5($3 || i)::uuid, ${municipalityOf('i')}, 'READ',
            'cases/' || md5($3 || i)::uuid || a.suffix, 200, 'Saksbehandling', 'HEADER', a.basis
     FROM generate_series($1::int, $2::int) i
     CROSS JOIN (VALUES (0, 'bench-kw', 'Saksbehandler', 'KE_CASEWORKER', '', 'ROLE'), (1, 'bench-leader', 'Leder', 'KE_LEADER', '', 'ROLE'),
                        (2, 'bench-coord', 'Koordinator', 'COORDINATOR', '', 'COORDINATOR'), (3, 'bench-leader', 'Leder', 'KE_LEADER', '/audit', 'ROLE'))
       a(r, sub, name, role, suffix, basis)`,
    [from, to, prefix],
  );
  await db.query(
    `INSERT INTO access_log (at, actor_sub, actor_name, actor_role, case_id, municipality, action, resource, outcome, case_ids, filters, basis)
     SELECT ${at('min(i)', "interval '2 hours'")}, 'bench-kw-' || ${municipalityOf('min(i)')}, 'Saksbehandler', 'KE_CASEWORKER', NULL, ${municipalityOf('min(i)')},
            'LIST', 'tasks', 200, array_agg(md5($3 || i)::uuid), '{"limit":50}'::jsonb, 'ROLE'
     FROM generate_series($1::int, $2::int) i GROUP BY i / 250, i % 10`,
    [from, to, prefix],
  );
}
