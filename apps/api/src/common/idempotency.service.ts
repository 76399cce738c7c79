// Idempotency-Key, as the IETF HTTP Idempotency-Key draft (draft-ietf-httpapi-idempotency-key-header) describes it:
// a key names one request of one caller to one endpoint. The first answer is kept and given again to a retry with
// the same body; the same key with another body is refused (422); while the first is still in flight, 409.
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { EnvConfig } from '../../../../libs/config/src';
import { CONFIG } from '../config/config.module';
import { ProblemException } from '../problem/problem';

export interface StoredAnswer {
  status: number;
  response: unknown;
  headers?: Record<string, string>;
}

/**
 * How long a request holds its key before a retry may take it over: the longest it can wait for its case
 * (TEMPORAL_UPDATE_TIMEOUT_MS, then it answers 504) and a margin for its own reads and writes. A crashed API process
 * holds the key no longer than that; while it could still answer, a retry is 409, never a second run.
 */
export const leaseSeconds = (config: Pick<EnvConfig, 'TEMPORAL_UPDATE_TIMEOUT_MS'>) => Math.ceil(config.TEMPORAL_UPDATE_TIMEOUT_MS / 1000) + 15;
/** How long a key is remembered: a retry later than this is a new request (README). */
export const IDEMPOTENCY_TTL_HOURS = 24;

export const fingerprint = (body: unknown) => createHash('sha256').update(canonicalize(body ?? {}) ?? '').digest('hex');

/** `since` is when the key was first used: with it, the request's id outlives retries but not the key's expiry. */
export type Claim = { kind: 'fresh'; since: string } | { kind: 'replay'; answer: StoredAnswer };

@Injectable()
export class IdempotencyService {
  private readonly lease: number;
  constructor(private readonly db: DataSource, @Inject(CONFIG) config: EnvConfig) {
    this.lease = leaseSeconds(config);
  }

  /** Takes the key for this request, or says what the first request with it answered. */
  async claim(sub: string, route: string, key: string, requestHash: string): Promise<Claim> {
    // Expired keys are forgotten: this one, and a bounded batch of others (no sweeper of our own).
    await this.db.query(
      `DELETE FROM api_idempotency WHERE ctid IN (
         SELECT ctid FROM api_idempotency WHERE created_at < now() - make_interval(hours => $1) AND (locked_until IS NULL OR locked_until < now())
         ORDER BY created_at LIMIT 100)`,
      [IDEMPOTENCY_TTL_HOURS],
    );
    const [taken] = await this.db.query(
      `INSERT INTO api_idempotency (actor_sub, route, idempotency_key, request_hash, locked_until)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5)) ON CONFLICT DO NOTHING RETURNING created_at AS since`,
      [sub, route, key, requestHash, this.lease],
    );
    if (taken) return { kind: 'fresh', since: new Date(taken.since).toISOString() };
    const [row] = await this.db.query(
      `SELECT request_hash AS "requestHash", status, response, headers, completed_at AS "completedAt", locked_until < now() AS "leaseOver", created_at AS since
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
        [sub, route, key, this.lease],
      );
      if (again) return { kind: 'fresh', since: new Date(row.since).toISOString() };
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

  /**
   * A request that failed keeps no answer: its retry runs again, under the same request id, so a command that was
   * applied after all (a timeout) is the same Update and the case workflow applies it once.
   */
  async release(sub: string, route: string, key: string) {
    await this.db.query(
      `UPDATE api_idempotency SET locked_until = now() - interval '1 second' WHERE actor_sub = $1 AND route = $2 AND idempotency_key = $3 AND completed_at IS NULL`,
      [sub, route, key],
    );
  }
}
