import { MigrationInterface, QueryRunner } from 'typeorm';

/** An instant in jsonb as the workflow writes it (`toISOString()`), whatever the session's time zone. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The state of each case that has no version at its current seq, rebuilt from the read model (ip_case, its open tasks
 * and its open people's deadlines): for cases from before this table, the one version that can still be known. Each
 * transition afterwards adds its own. Idempotent (ON CONFLICT DO NOTHING), so it can run again.
 */
export const BACKFILL_CASE_VERSIONS = `
  INSERT INTO case_version (case_id, seq, at, event_type, status, state_value, context, tasks, deadlines)
  SELECT c.case_id, c.seq, c.updated_at, COALESCE(h.event_type, 'UNKNOWN'), c.status, c.state_value, c.context,
    COALESCE((SELECT jsonb_agg(jsonb_build_object('key', t.task_key, 'kind', t.kind, 'role', t.candidate_role, 'assignee', t.assignee, 'due', t.due,
        'deadlineKey', t.deadline_key, 'version', t.version, 'priority', t.priority, 'completes', t.completes,
        'commands', COALESCE(t.commands, ARRAY[t.completes])) ORDER BY t.created_seq, t.task_key)
      FROM case_task t WHERE t.case_id = c.case_id AND t.status IN ('OPEN', 'CLAIMED')), '[]'),
    COALESCE((SELECT jsonb_agg(jsonb_build_object('key', d.deadline_key, 'kind', d.kind, 'source', d.source, 'legalBasis', d.legal_basis, 'rule', d.rule,
        'startedOn', d.started_on, 'due', d.due, 'remindOn', d.remind_on, 'breachAt', ${iso('d.breach_at')}, 'escalateTo', d.escalate_to,
        'remindedAt', ${iso('d.reminded_at')}, 'breachedAt', ${iso('d.breached_at')}, 'escalationAcknowledgedAt', ${iso('d.escalation_acknowledged_at')})
        ORDER BY d.due, d.deadline_key)
      FROM case_deadline d WHERE d.case_id = c.case_id AND d.status = 'OPEN' AND d.source <> 'AUTOMATIC'), '[]')
  FROM ip_case c LEFT JOIN case_history h ON h.case_id = c.case_id AND h.seq = c.seq
  ON CONFLICT (case_id, seq) DO NOTHING`;

/**
 * What a case was at each of its transitions (internal control: "what did the KE know on 3 March?"). The projection
 * adds one row per transition in the transaction that records its history row, and never changes one: immutable, like
 * case_history. GET /cases/:id/as-of reads the latest row at or before an instant.
 */
export class CaseVersions1795380000000 implements MigrationInterface {
  name = 'CaseVersions1795380000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE case_version (
      case_id uuid NOT NULL,
      seq int NOT NULL,
      at timestamptz NOT NULL,
      event_type varchar(40) NOT NULL,
      status varchar(40) NOT NULL,
      state_value jsonb NOT NULL,
      context jsonb NOT NULL,
      tasks jsonb NOT NULL,
      deadlines jsonb NOT NULL,
      PRIMARY KEY (case_id, seq))`);
    await q.query(BACKFILL_CASE_VERSIONS);
    // What the KE knew when is evidence too: as append-only as the audit trail (its refuse_audit_change()).
    await q.query(`CREATE TRIGGER case_version_append_only BEFORE UPDATE OR DELETE ON case_version FOR EACH ROW EXECUTE FUNCTION refuse_audit_change()`);
    await q.query(`CREATE TRIGGER case_version_no_truncate BEFORE TRUNCATE ON case_version FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_version`);
  }
}
