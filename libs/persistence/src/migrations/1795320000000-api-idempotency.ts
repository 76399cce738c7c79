import { MigrationInterface, QueryRunner } from 'typeorm';

/** First answers to requests sent with an Idempotency-Key, so a retry gets the same answer. */
export class ApiIdempotency1795320000000 implements MigrationInterface {
  name = 'ApiIdempotency1795320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE api_idempotency (
      actor_sub varchar(200) NOT NULL,
      idempotency_key varchar(200) NOT NULL,
      route text NOT NULL,
      status int NOT NULL,
      response jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (actor_sub, idempotency_key))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_idempotency`);
  }
}
