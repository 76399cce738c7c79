import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An incident on a case: a command the case accepted that PostgreSQL refused to record for good (a data or integrity
 * error, SQLSTATE classes 22 and 23). The case is rolled back to before the command and goes on; the incident stays
 * for the KE leader to resolve. It holds no values of the command, only what failed.
 */
export class CaseIncidents1795350000000 implements MigrationInterface {
  name = 'CaseIncidents1795350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE case_incident (
      incident_id uuid PRIMARY KEY,
      case_id uuid NOT NULL,
      municipality varchar(4) NOT NULL,
      event_type varchar(40) NOT NULL,
      actor_sub varchar(200) NOT NULL,
      actor_role varchar(20) NOT NULL,
      sql_state varchar(5) NOT NULL,
      constraint_name varchar(200),
      opened_at timestamptz NOT NULL,
      status varchar(12) NOT NULL,
      resolved_by varchar(200),
      resolved_at timestamptz,
      resolution text)`);
    await q.query(`CREATE INDEX case_incident_open ON case_incident (municipality, opened_at) WHERE status = 'OPEN'`);
    await q.query(`CREATE INDEX case_incident_case ON case_incident (case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_incident`);
  }
}
