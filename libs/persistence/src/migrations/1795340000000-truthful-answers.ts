import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8: the case's blocked commands with their rules, tasks completed by more than one command, what the case
 * will do by itself (scheduled transitions, kept beside the deadlines), and Idempotency-Keys scoped to the caller
 * and the endpoint with the request's fingerprint and an in-flight lock.
 */
export class TruthfulAnswers1795340000000 implements MigrationInterface {
  name = 'TruthfulAnswers1795340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ip_case ADD COLUMN blocked_events jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE case_task ADD COLUMN commands text[]`);
    await q.query(`UPDATE case_task SET commands = ARRAY[completes]`);
    // Scheduled transitions (source AUTOMATIC) have no reminder of their own and escalate to nobody.
    await q.query(`ALTER TABLE case_deadline ADD COLUMN effect text, ADD COLUMN fires_at timestamptz, ADD COLUMN for_deadline varchar(120),
      ALTER COLUMN remind_on DROP NOT NULL, ALTER COLUMN breach_at DROP NOT NULL, ALTER COLUMN escalate_to DROP NOT NULL`);
    // Rows from before keep working: a null fingerprint matches any body, and they are complete.
    await q.query(`ALTER TABLE api_idempotency DROP CONSTRAINT api_idempotency_pkey,
      ADD COLUMN request_hash varchar(64), ADD COLUMN headers jsonb, ADD COLUMN completed_at timestamptz, ADD COLUMN locked_until timestamptz,
      ALTER COLUMN status DROP NOT NULL, ALTER COLUMN response DROP NOT NULL`);
    await q.query(`UPDATE api_idempotency SET completed_at = created_at`);
    await q.query(`ALTER TABLE api_idempotency ADD PRIMARY KEY (actor_sub, route, idempotency_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM api_idempotency WHERE completed_at IS NULL`);
    await q.query(`ALTER TABLE api_idempotency DROP CONSTRAINT api_idempotency_pkey, DROP COLUMN request_hash, DROP COLUMN headers,
      DROP COLUMN completed_at, DROP COLUMN locked_until`);
    await q.query(`ALTER TABLE api_idempotency ADD PRIMARY KEY (actor_sub, idempotency_key)`);
    await q.query(`DELETE FROM case_deadline WHERE source = 'AUTOMATIC'`);
    await q.query(`ALTER TABLE case_deadline DROP COLUMN effect, DROP COLUMN fires_at, DROP COLUMN for_deadline`);
    await q.query(`ALTER TABLE case_task DROP COLUMN commands`);
    await q.query(`ALTER TABLE ip_case DROP COLUMN blocked_events`);
  }
}
