import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The coordinators' training register (hol § 7-3: the KE trains and supervises the coordinators; K16 counts who had
 * training in the last 24 months). Not a case: rows are recorded by a KE leader and never changed. One record per
 * employee, course and day.
 */
export class CoordinatorTraining1795390000000 implements MigrationInterface {
  name = 'CoordinatorTraining1795390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE coordinator_training (
      id uuid PRIMARY KEY,
      municipality varchar(4) NOT NULL,
      employee_id varchar(100) NOT NULL,
      course varchar(200) NOT NULL,
      completed_on date NOT NULL,
      recorded_by varchar(200) NOT NULL,
      recorded_at timestamptz NOT NULL,
      CONSTRAINT coordinator_training_once UNIQUE (municipality, employee_id, course, completed_on))`);
    await q.query(`CREATE INDEX coordinator_training_register ON coordinator_training (municipality, completed_on DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE coordinator_training`);
  }
}
