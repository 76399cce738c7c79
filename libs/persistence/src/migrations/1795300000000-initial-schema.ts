import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795300000000 implements MigrationInterface {
  name = 'InitialSchema1795300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ip_case (
      case_id uuid PRIMARY KEY,
      municipality varchar(4) NOT NULL,
      status varchar(40) NOT NULL,
      state_value jsonb NOT NULL,
      seq int NOT NULL,
      allowed_events text[] NOT NULL,
      coordinator_employee_id varchar(100),
      proposed_coordinator_employee_id varchar(100),
      context jsonb NOT NULL,
      received_at timestamptz,
      closed_at timestamptz,
      closure_reason varchar(40),
      next_due date,
      updated_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX ip_case_municipality_status ON ip_case (municipality, status, received_at DESC)`);
    await q.query(`CREATE INDEX ip_case_coordinator ON ip_case (coordinator_employee_id) WHERE coordinator_employee_id IS NOT NULL`);
    await q.query(`CREATE TABLE case_subject (
      case_id uuid PRIMARY KEY,
      national_id varchar(11) NOT NULL,
      id_type varchar(10) NOT NULL,
      name text NOT NULL,
      birth_date date)`);
    await q.query(`CREATE INDEX case_subject_national_id ON case_subject (national_id)`);
    await q.query(`CREATE TABLE case_history (
      case_id uuid NOT NULL,
      seq int NOT NULL,
      event_type varchar(40) NOT NULL,
      actor_sub varchar(200) NOT NULL,
      actor_name text NOT NULL,
      actor_role varchar(20) NOT NULL,
      occurred_at timestamptz NOT NULL,
      from_status varchar(40) NOT NULL,
      to_status varchar(40) NOT NULL,
      legal_basis text,
      payload jsonb NOT NULL,
      PRIMARY KEY (case_id, seq))`);
    await q.query(`CREATE TABLE case_task (
      task_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL,
      task_key varchar(120) NOT NULL,
      kind varchar(60) NOT NULL,
      candidate_role varchar(20) NOT NULL,
      municipality varchar(4) NOT NULL,
      assignee varchar(200),
      status varchar(12) NOT NULL,
      due date,
      deadline_key varchar(120),
      created_at timestamptz NOT NULL,
      created_seq int NOT NULL,
      closed_at timestamptz,
      closed_seq int,
      close_reason text,
      version int NOT NULL DEFAULT 1)`);
    await q.query(`CREATE UNIQUE INDEX case_task_one_open_per_key ON case_task (case_id, task_key) WHERE status IN ('OPEN', 'CLAIMED')`);
    await q.query(`CREATE INDEX case_task_inbox ON case_task (municipality, candidate_role, due) WHERE status IN ('OPEN', 'CLAIMED')`);
    await q.query(`CREATE INDEX case_task_case ON case_task (case_id)`);
    await q.query(`CREATE TABLE case_deadline (
      case_id uuid NOT NULL,
      deadline_key varchar(120) NOT NULL,
      kind varchar(40) NOT NULL,
      municipality varchar(4) NOT NULL,
      source varchar(12) NOT NULL,
      rule text NOT NULL,
      legal_basis text NOT NULL,
      started_on date NOT NULL,
      due date NOT NULL,
      remind_on date NOT NULL,
      breach_at timestamptz NOT NULL,
      escalate_to varchar(20) NOT NULL,
      status varchar(12) NOT NULL,
      reminded_at timestamptz,
      breached_at timestamptz,
      escalation_acknowledged_at timestamptz,
      opened_seq int NOT NULL,
      closed_seq int,
      PRIMARY KEY (case_id, deadline_key))`);
    await q.query(`CREATE INDEX case_deadline_open ON case_deadline (municipality, due) WHERE status = 'OPEN'`);
    await q.query(`CREATE TABLE municipality_settings (
      municipality varchar(4) PRIMARY KEY,
      settings jsonb NOT NULL,
      updated_by varchar(200) NOT NULL,
      updated_at timestamptz NOT NULL)`);
    await q.query(`CREATE TABLE access_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_sub varchar(200) NOT NULL,
      actor_role varchar(20) NOT NULL,
      case_id uuid,
      action varchar(20) NOT NULL,
      resource text NOT NULL,
      outcome int NOT NULL)`);
    await q.query(`CREATE INDEX access_log_case ON access_log (case_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['access_log', 'municipality_settings', 'case_deadline', 'case_task', 'case_history', 'case_subject', 'ip_case']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
