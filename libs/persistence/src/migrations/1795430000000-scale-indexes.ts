import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes chosen from EXPLAIN of the deadline list and the audit trail with 100k open cases (npm run bench -- --only scale):
 * - the deadline list pages by (due, case_id, deadline_key) within a municipality: the open-deadline index carries the
 *   whole key, so its ordered scan is the page and stops at the limit;
 * - the audit trail pages by (at, municipality, position) newest first, within a municipality by (at, position): the
 *   index by municipality and time gains the position, and one by event (internal control's view) is added;
 * - a coordinator's scope is "coordinator or proposed coordinator": with the proposed one indexed too, the two indexes
 *   are OR-ed (their few cases) instead of reading every case.
 */
export class ScaleIndexes1795430000000 implements MigrationInterface {
  name = 'ScaleIndexes1795430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX case_deadline_open_page ON case_deadline (municipality, due, case_id, deadline_key) WHERE status = 'OPEN'`);
    await q.query(`DROP INDEX IF EXISTS case_deadline_open`);
    await q.query(`CREATE INDEX audit_entry_municipality_at_position ON audit_entry (municipality, at, position)`);
    await q.query(`DROP INDEX IF EXISTS audit_entry_municipality_at`);
    await q.query(`CREATE INDEX audit_entry_municipality_event_at ON audit_entry (municipality, event, at, position)`);
    await q.query(`CREATE INDEX ip_case_proposed_coordinator ON ip_case (proposed_coordinator_employee_id) WHERE proposed_coordinator_employee_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ip_case_proposed_coordinator`);
    await q.query(`DROP INDEX IF EXISTS audit_entry_municipality_event_at`);
    await q.query(`CREATE INDEX audit_entry_municipality_at ON audit_entry (municipality, at)`);
    await q.query(`DROP INDEX IF EXISTS audit_entry_municipality_at_position`);
    await q.query(`CREATE INDEX case_deadline_open ON case_deadline (municipality, due) WHERE status = 'OPEN'`);
    await q.query(`DROP INDEX IF EXISTS case_deadline_open_page`);
  }
}
