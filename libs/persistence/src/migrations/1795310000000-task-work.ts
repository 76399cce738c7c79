import { MigrationInterface, QueryRunner } from 'typeorm';

/** Task inbox: priority, the completing command, who closed a task; indexes for the inbox queries. */
export class TaskWork1795310000000 implements MigrationInterface {
  name = 'TaskWork1795310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_task ADD COLUMN priority smallint NOT NULL DEFAULT 3`);
    await q.query(`ALTER TABLE case_task ADD COLUMN completes varchar(40) NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE case_task ADD COLUMN closed_by varchar(200)`);
    await q.query(`ALTER TABLE case_task ADD COLUMN closed_by_name text`);
    await q.query(`DROP INDEX IF EXISTS case_task_inbox`);
    // Inbox reads: open tasks of some municipalities, by due date or priority, keyset-paged on task_id.
    await q.query(`CREATE INDEX case_task_open_due ON case_task (municipality, due, task_id) WHERE status IN ('OPEN', 'CLAIMED')`);
    await q.query(`CREATE INDEX case_task_open_priority ON case_task (municipality, priority, due, task_id) WHERE status IN ('OPEN', 'CLAIMED')`);
    await q.query(`CREATE INDEX case_task_open_assignee ON case_task (assignee, due) WHERE status IN ('OPEN', 'CLAIMED')`);
    await q.query(`CREATE INDEX case_deadline_breached ON case_deadline (municipality, breach_at) WHERE status = 'OPEN'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS case_deadline_breached`);
    await q.query(`DROP INDEX IF EXISTS case_task_open_assignee`);
    await q.query(`DROP INDEX IF EXISTS case_task_open_priority`);
    await q.query(`DROP INDEX IF EXISTS case_task_open_due`);
    await q.query(`CREATE INDEX case_task_inbox ON case_task (municipality, candidate_role, due) WHERE status IN ('OPEN', 'CLAIMED')`);
    for (const c of ['closed_by_name', 'closed_by', 'completes', 'priority']) await q.query(`ALTER TABLE case_task DROP COLUMN ${c}`);
  }
}
