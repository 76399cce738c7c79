import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stored monthly internal-control reports (domain § 5.2; issue 10): one per municipality and month, written once by
 * the monthly report workflow and never changed. The unique period makes a retried activity store it once. The
 * application role may only SELECT and INSERT (APP_TABLE_PRIVILEGES); the triggers refuse UPDATE, DELETE and TRUNCATE to
 * the owner too. `sha256` is the digest of the body in canonical JSON (RFC 8785), the one the audit trail records for it.
 */
export class InternalControlReports1795410000000 implements MigrationInterface {
  name = 'InternalControlReports1795410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE internal_control_report (
      report_id uuid PRIMARY KEY,
      municipality varchar(4) NOT NULL,
      period_from date NOT NULL,
      period_to date NOT NULL,
      generated_at timestamptz NOT NULL,
      body jsonb NOT NULL,
      sha256 varchar(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      created_by_run varchar(200) NOT NULL,
      CONSTRAINT internal_control_report_period_order CHECK (period_from <= period_to),
      CONSTRAINT internal_control_report_period UNIQUE (municipality, period_from, period_to))`);
    // The list, newest first per municipality.
    await q.query(`CREATE INDEX internal_control_report_newest ON internal_control_report (municipality, period_from DESC, report_id DESC)`);
    await q.query(`CREATE FUNCTION refuse_report_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a stored internal-control report is immutable (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER internal_control_report_immutable BEFORE UPDATE OR DELETE ON internal_control_report
      FOR EACH ROW EXECUTE FUNCTION refuse_report_change()`);
    await q.query(`CREATE TRIGGER internal_control_report_no_truncate BEFORE TRUNCATE ON internal_control_report
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_report_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE internal_control_report`);
    await q.query(`DROP FUNCTION refuse_report_change()`);
  }
}
