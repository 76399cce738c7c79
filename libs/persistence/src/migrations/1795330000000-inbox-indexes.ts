import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inbox indexes chosen from EXPLAIN of the inbox queries with 100k open tasks (npm run bench):
 * - the page sorts by COALESCE(due, '9999-12-31'), so plain (municipality, due) still sorted every open task of
 *   the municipality: expression indexes give the order and let LIMIT stop early;
 * - the dashboard counts read only a few columns: a covering index allows index-only scans.
 */
export class InboxIndexes1795330000000 implements MigrationInterface {
  name = 'InboxIndexes1795330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS case_task_open_due`);
    await q.query(`DROP INDEX IF EXISTS case_task_open_priority`);
    await q.query(
      `CREATE INDEX case_task_inbox_due ON case_task (municipality, (COALESCE(due, '9999-12-31'::date)), task_id) WHERE status IN ('OPEN', 'CLAIMED')`,
    );
    await q.query(
      `CREATE INDEX case_task_inbox_priority ON case_task (municipality, priority, (COALESCE(due, '9999-12-31'::date)), task_id) WHERE status IN ('OPEN', 'CLAIMED')`,
    );
    await q.query(
      `CREATE INDEX case_task_inbox_counts ON case_task (municipality) INCLUDE (assignee, candidate_role, due, priority) WHERE status IN ('OPEN', 'CLAIMED')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS case_task_inbox_counts`);
    await q.query(`DROP INDEX IF EXISTS case_task_inbox_priority`);
    await q.query(`DROP INDEX IF EXISTS case_task_inbox_due`);
    await q.query(`CREATE INDEX case_task_open_due ON case_task (municipality, due, task_id) WHERE status IN ('OPEN', 'CLAIMED')`);
    await q.query(`CREATE INDEX case_task_open_priority ON case_task (municipality, priority, due, task_id) WHERE status IN ('OPEN', 'CLAIMED')`);
  }
}
