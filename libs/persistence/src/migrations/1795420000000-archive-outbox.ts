import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The archive delivery (issue 11): the case folder and its records as the archive knows them, the transactional
 * outbox they are delivered from, the documents filed with them, the archive's refusals (incidents) and each
 * municipality's AGREE settings. The outbox rows are written in the projection's transaction of the transition that
 * makes the record; the external keys (referanseEksternNoekkel) are generated here once and never again.
 */
export class ArchiveOutbox1795420000000 implements MigrationInterface {
  name = 'ArchiveOutbox1795420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE archive_folder (
      case_id uuid PRIMARY KEY,
      municipality varchar(4) NOT NULL,
      external_key varchar(100) NOT NULL UNIQUE,
      opened_at timestamptz NOT NULL,
      closed_at timestamptz,
      system_id varchar(100),
      saksaar integer,
      sakssekvensnummer integer)`);
    // One row per message (an entry, an avskrivning of an incoming entry, the closing), delivered in position order per case: one in flight, the next after its kvittering.
    await q.query(`CREATE TABLE archive_record (
      record_id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES archive_folder (case_id),
      municipality varchar(4) NOT NULL,
      position integer NOT NULL,
      seq integer NOT NULL,
      event_type varchar(60) NOT NULL,
      kind varchar(20) NOT NULL CHECK (kind IN ('ENTRY', 'AVSKRIVNING', 'CLOSE_FOLDER')),
      spec jsonb,
      external_key varchar(100) UNIQUE,
      answers_key varchar(100) UNIQUE,
      document_id uuid UNIQUE,
      document_key varchar(100) UNIQUE,
      message_id uuid NOT NULL UNIQUE,
      status varchar(20) NOT NULL CHECK (status IN ('PENDING', 'SENT', 'RECEIVED', 'DELIVERED', 'REFUSED')),
      payload text,
      attempts integer NOT NULL DEFAULT 0,
      last_attempt_at timestamptz,
      last_error text,
      created_at timestamptz NOT NULL,
      delivered_at timestamptz,
      existed boolean,
      system_id varchar(100),
      journalaar integer,
      journalsekvensnummer integer,
      journalpostnummer integer,
      CONSTRAINT archive_record_position UNIQUE (case_id, position))`);
    // One entry and one closing per transition; an incoming entry is avskrevet once (answers_key).
    await q.query(`CREATE UNIQUE INDEX archive_record_once ON archive_record (case_id, seq, kind) WHERE kind <> 'AVSKRIVNING'`);
    await q.query(`CREATE INDEX archive_record_undelivered ON archive_record (case_id, position) WHERE status <> 'DELIVERED'`);
    await q.query(`CREATE TABLE archive_document (
      document_id uuid PRIMARY KEY,
      record_id uuid NOT NULL UNIQUE REFERENCES archive_record (record_id),
      case_id uuid NOT NULL,
      external_key varchar(100) NOT NULL UNIQUE,
      kind varchar(40) NOT NULL,
      title varchar(255) NOT NULL,
      file_name varchar(255) NOT NULL,
      file_ref varchar(100) NOT NULL,
      mime_type varchar(100) NOT NULL,
      sha256 char(64) NOT NULL,
      size integer NOT NULL,
      content bytea NOT NULL,
      created_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX archive_document_case ON archive_document (case_id)`);
    await q.query(`CREATE TABLE archive_incident (
      incident_id uuid PRIMARY KEY,
      record_id uuid NOT NULL REFERENCES archive_record (record_id),
      case_id uuid NOT NULL,
      municipality varchar(4) NOT NULL,
      message_id uuid NOT NULL,
      reply_type varchar(120) NOT NULL,
      error_id varchar(200),
      error_text text NOT NULL,
      opened_at timestamptz NOT NULL,
      status varchar(20) NOT NULL CHECK (status IN ('OPEN', 'RETRIED')),
      retried_at timestamptz,
      retried_by varchar(200),
      CONSTRAINT archive_incident_once UNIQUE (message_id))`);
    await q.query(`CREATE INDEX archive_incident_open ON archive_incident (municipality, opened_at DESC) WHERE status = 'OPEN'`);
    await q.query(`CREATE TABLE archive_settings (
      municipality varchar(4) PRIMARY KEY,
      settings jsonb NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by varchar(200) NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE archive_settings`);
    await q.query(`DROP TABLE archive_incident`);
    await q.query(`DROP TABLE archive_document`);
    await q.query(`DROP TABLE archive_record`);
    await q.query(`DROP TABLE archive_folder`);
  }
}
