import { MigrationInterface, QueryRunner } from 'typeorm';

/** The access log (Normen) says which request did it, what a list was asked for and which cases it showed. */
export class AccessLogContext1795360000000 implements MigrationInterface {
  name = 'AccessLogContext1795360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE access_log ADD COLUMN request_id varchar(64), ADD COLUMN filters jsonb, ADD COLUMN case_ids uuid[]`);
    await q.query(`CREATE INDEX access_log_request ON access_log (request_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE access_log DROP COLUMN request_id, DROP COLUMN filters, DROP COLUMN case_ids`);
  }
}
