import { MigrationInterface, QueryRunner } from 'typeorm';
import { append, AuditEntry, payloadDigest } from '../../../audit/src/audit-chain';
import { insertAuditEntry } from '../../../audit/src/audit-store';
import { LIMITS } from '../limits';

/** What a backfilled entry says of its purpose: the transition was recorded before the audit trail existed. */
export const BACKFILL_PURPOSE = 'backfilled: recorded in case_history before the audit trail existed';

/**
 * The internal-control audit trail (issue 10): one hash chain per municipality, append-only. The application role gets
 * SELECT and INSERT only (roles.ts); the trigger refuses UPDATE, DELETE and TRUNCATE by anyone, the owner included,
 * as a second wall (only a superuser or the owner disabling it gets past, and the chain and checkpoints then tell).
 * Transitions already in case_history are chained here once, in the order they happened, so no case lacks a trail.
 */
export class AuditTrail1795365000000 implements MigrationInterface {
  name = 'AuditTrail1795365000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_entry (
        municipality varchar(${LIMITS.municipality}) NOT NULL,
        position bigint NOT NULL,
        prev_hash varchar(64) NOT NULL,
        hash varchar(64) NOT NULL,
        kind varchar(16) NOT NULL,
        case_id uuid,
        seq int,
        at timestamptz NOT NULL,
        actor_sub varchar(${LIMITS.personRef}) NOT NULL,
        actor_name text NOT NULL,
        actor_role varchar(20) NOT NULL,
        actor_municipalities text[] NOT NULL,
        event varchar(64) NOT NULL,
        payload_digest varchar(64) NOT NULL,
        from_status varchar(40),
        to_status varchar(40),
        legal_basis text,
        request_id varchar(64),
        purpose varchar(${LIMITS.purpose}),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (municipality, position),
        CONSTRAINT audit_entry_case_seq UNIQUE (case_id, seq)
      )`);
    await q.query(`CREATE INDEX audit_entry_municipality_at ON audit_entry (municipality, at)`);
    await q.query(`CREATE INDEX audit_entry_actor_at ON audit_entry (actor_sub, at)`);
    await q.query(`
      CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit trail is append-only: % on % is refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry FOR EACH ROW EXECUTE FUNCTION refuse_audit_change()`);
    await q.query(`CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()`);
    await this.backfill(q);
  }

  private async backfill(q: QueryRunner) {
    const heads = new Map<string, AuditEntry>();
    for (let after = { at: '-infinity', caseId: '00000000-0000-0000-0000-000000000000', seq: -1 }; ; ) {
      const rows: { municipality: string; case_id: string; seq: number; event_type: string; actor_sub: string; actor_name: string; actor_role: string;
        occurred_at: Date; from_status: string; to_status: string; legal_basis: string | null; payload: unknown; at_text: string }[] = await q.query(
        `SELECT c.municipality, h.case_id, h.seq, h.event_type, h.actor_sub, h.actor_name, h.actor_role, h.occurred_at, h.from_status, h.to_status,
           h.legal_basis, h.payload, h.occurred_at::text AS at_text
         FROM case_history h JOIN ip_case c USING (case_id)
         WHERE (h.occurred_at, h.case_id, h.seq) > ($1::timestamptz, $2::uuid, $3::int)
         ORDER BY h.occurred_at, h.case_id, h.seq LIMIT 2000`,
        [after.at, after.caseId, after.seq],
      );
      if (!rows.length) return;
      for (const r of rows) {
        const e = append(heads.get(r.municipality), {
          kind: 'CASE_EVENT', municipality: r.municipality, caseId: r.case_id, seq: r.seq, at: new Date(r.occurred_at).toISOString(),
          actor: { sub: r.actor_sub, name: r.actor_name, role: r.actor_role, municipalities: [] }, event: r.event_type, payloadDigest: payloadDigest(r.payload),
          fromStatus: r.from_status, toStatus: r.to_status, legalBasis: r.legal_basis, requestId: null, purpose: BACKFILL_PURPOSE,
        });
        heads.set(r.municipality, e);
        await insertAuditEntry(q, e);
      }
      const last = rows[rows.length - 1];
      after = { at: last.at_text, caseId: last.case_id, seq: last.seq };
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_entry`);
    await q.query(`DROP FUNCTION refuse_audit_change()`);
  }
}
