import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10, internal control: each municipality's targets for the indicators K1–K19 (a row only where it differs from
 * domain § 5.2's default), and an index for the report's reads of the case history by event type.
 */
export class InternalControl1795400000000 implements MigrationInterface {
  name = 'InternalControl1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE internal_control_target (
      municipality varchar(4) NOT NULL,
      indicator varchar(3) NOT NULL,
      comparison varchar(2) NOT NULL CHECK (comparison IN ('>=', '<=', '=')),
      value numeric NOT NULL,
      updated_by varchar(200) NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (municipality, indicator))`);
    // The report reads the history by event type (EXPLAIN with 100k cases of one municipality): the events of a period
    // (decisions, first plans), and a case's events of one type (its first appointment, its evaluations).
    await q.query(`CREATE INDEX case_history_event_time ON case_history (event_type, occurred_at)`);
    await q.query(`CREATE INDEX case_history_event_case ON case_history (event_type, case_id, seq) INCLUDE (occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS case_history_event_case`);
    await q.query(`DROP INDEX IF EXISTS case_history_event_time`);
    await q.query(`DROP TABLE internal_control_target`);
  }
}
