import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface StoredAnswer {
  status: number;
  response: unknown;
}

/** Remembers the first answer to a request sent with an Idempotency-Key (per person), for retries. */
@Injectable()
export class IdempotencyService {
  constructor(private readonly db: DataSource) {}

  async find(sub: string, key: string, route: string): Promise<StoredAnswer | undefined> {
    const [row] = await this.db.query(`SELECT status, response, route FROM api_idempotency WHERE actor_sub = $1 AND idempotency_key = $2`, [sub, key]);
    if (!row) return undefined;
    if (row.route !== route) return { status: 422, response: { title: 'Idempotency-Key reused for another request', status: 422 } };
    return { status: row.status, response: row.response };
  }

  async remember(sub: string, key: string, route: string, answer: StoredAnswer) {
    await this.db.query(
      `INSERT INTO api_idempotency (actor_sub, idempotency_key, route, status, response) VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING`,
      [sub, key, route, answer.status, JSON.stringify(answer.response)],
    );
  }
}
