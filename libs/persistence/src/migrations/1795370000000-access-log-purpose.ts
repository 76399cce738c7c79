import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access log says why (Normen faktaark 15): the purpose stated or the relationship that allowed the access, an
 * emergency access with its reason, who by name, the case's municipality and the client. Append-only twice over: the
 * application role may only INSERT and SELECT (roles.ts), and a trigger refuses UPDATE, DELETE and TRUNCATE to
 * everyone, the owner too. The monthly log review (K18) is kept the same way, once per municipality and month.
 */
export class AccessLogPurpose1795370000000 implements MigrationInterface {
  name = 'AccessLogPurpose1795370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE access_log
      ADD COLUMN actor_name varchar(200),
      ADD COLUMN municipality varchar(4),
      ADD COLUMN purpose varchar(200),
      ADD COLUMN purpose_source varchar(8),
      ADD COLUMN basis varchar(30),
      ADD COLUMN emergency_reason varchar(1000),
      ADD COLUMN client_id varchar(200),
      ADD COLUMN client_address varchar(64)`);
    // A case's own log, newest first (GET /cases/:id/access-log), lists that showed it, and a municipality's month (the review).
    await q.query(`CREATE INDEX access_log_case_id ON access_log (case_id, id)`);
    await q.query(`CREATE INDEX access_log_case_ids ON access_log USING gin (case_ids)`);
    await q.query(`CREATE INDEX access_log_municipality_at ON access_log (municipality, at)`);

    await q.query(`CREATE TABLE access_log_review (
      review_id uuid PRIMARY KEY,
      municipality varchar(4) NOT NULL,
      month varchar(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      reviewed_by varchar(200) NOT NULL,
      reviewed_by_name varchar(200) NOT NULL,
      reviewed_at timestamptz NOT NULL,
      findings text NOT NULL,
      proposal_counts jsonb NOT NULL,
      request_id varchar(64),
      CONSTRAINT access_log_review_once UNIQUE (municipality, month))`);

    await q.query(`CREATE FUNCTION refuse_access_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['access_log', 'access_log_review']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_access_log_change()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_access_log_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_log_review`);
    await q.query(`DROP TRIGGER access_log_append_only ON access_log`);
    await q.query(`DROP TRIGGER access_log_no_truncate ON access_log`);
    await q.query(`DROP FUNCTION refuse_access_log_change()`);
    await q.query(`DROP INDEX access_log_case_id, access_log_case_ids, access_log_municipality_at`);
    await q.query(`ALTER TABLE access_log DROP COLUMN actor_name, DROP COLUMN municipality, DROP COLUMN purpose, DROP COLUMN purpose_source,
      DROP COLUMN basis, DROP COLUMN emergency_reason, DROP COLUMN client_id, DROP COLUMN client_address`);
  }
}
