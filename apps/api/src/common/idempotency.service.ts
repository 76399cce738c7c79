// Idempotency-Key, as the IETF HTTP Idempotency-Key draft (draft-ietf-httpapi-idempotency-key-header) describes it:
// a key names one request of one caller to one endpoint. The first answer is kept and given again to a retry with
// the same body; the same key with another body is refused (422); while the first is still in flight, 409.
import { HttpStatus, Injectable } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ProblemException } from '../problem/problem';

export interface StoredAnswer {
  status: number;
  response: unknown;
  headers?: Record<string, string>;
}

/** How long a request holds its key before a retry may take it over (a crashed API process holds it no longer). */
const LEASE_SECONDS = 60;

export const fingerprint = (body: unknown) => createHash('sha256').update(canonicalize(body ?? {}) ?? '').digest('hex');

export type Claim = { kind: 'fresh' } | { kind: 'replay'; answer: StoredAnswer };

@Injectable()
export class IdempotencyService {
  constructor(private readonly db: DataSource) {}

  /** Takes the key for this request, or says what the first request with it answered. */
  async claim(sub: string, route: string, key: string, requestHash: string): Promise<Claim> {
    const taken = await this.db.query(
      `INSERT INTO api_idempotency (actor_sub, route, idempotency_key, request_hash, locked_until)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5)) ON CONFLICT DO NOTHING RETURNING 1`,
      [sub, route, key, requestHash, LEASE_SECONDS],
    );
    if (taken.length) return { kind: 'fresh' };
    const [row] = await this.db.query(
      `SELECT request_hash AS "requestHash", status, response, headers, completed_at AS "completedAt", locked_until < now() AS "leaseOver"
       FROM api_idempotency WHERE actor_sub = $1 AND route = $2 AND idempotency_key = $3`,
      [sub, route, key],
    );
    if (!row) return this.claim(sub, route, key, requestHash); // released meanwhile
    if (row.requestHash !== null && row.requestHash !== requestHash) {
      throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, 'Idempotency-Key reused', 'This Idempotency-Key was used for a request with another body.', {
        code: 'idempotency-key-reused',
      });
    }
    if (row.completedAt) return { kind: 'replay', answer: { status: row.status, response: row.response, headers: row.headers ?? undefined } };
    if (row.leaseOver) {
      const [again] = await this.db.query(
        `UPDATE api_idempotency SET locked_until = now() + make_interval(secs => $4)
         WHERE actor_sub = $1 AND route = $2 AND idempotency_key = $3 AND completed_at IS NULL AND locked_until < now() RETURNING 1`,
        [sub, route, key, LEASE_SECONDS],
      );
      if (again) return { kind: 'fresh' };
    }
    throw new ProblemException(HttpStatus.CONFLICT, 'Request in progress', 'A request with this Idempotency-Key is still being processed; retry shortly.', {
      code: 'idempotency-key-in-flight',
    });
  }

  async complete(sub: string, route: string, key: string, answer: StoredAnswer) {
    await this.db.query(
      `UPDATE api_idempotency SET status = $4, response = $5, headers = $6, completed_at = now(), locked_until = NULL
       WHERE actor_sub = $1 AND route = $2 AND idempotency_key = $3`,
      [sub, route, key, answer.status, JSON.stringify(answer.response), JSON.stringify(answer.headers ?? {})],
    );
  }

  /** A request that failed keeps no answer: its retry runs again (the case workflow dedups the command itself). */
  async release(sub: string, route: string, key: string) {
    await this.db.query(`DELETE FROM api_idempotency WHERE actor_sub = $1 AND route = $2 AND idempotency_key = $3 AND completed_at IS NULL`, [sub, route, key]);
  }
}
