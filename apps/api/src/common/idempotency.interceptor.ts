// Applies Idempotency-Key to a POST endpoint (see IdempotencyService): replays the first answer, or runs the request
// and keeps its answer. The key is scoped to the caller (token subject) and the endpoint (method and path).
import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, Observable, of } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import type { Principal } from '../../../../libs/auth/src';
import { LIMITS } from '../../../../libs/persistence/src/limits';
import { ProblemException, problems } from '../problem/problem';
import { DataSource } from 'typeorm';
import { canReadCase } from '../../../../libs/auth/src';
import { fingerprint, IdempotencyService } from './idempotency.service';

/** Response headers a replay gives again. */
const KEPT_HEADERS = ['location', 'etag'];
const MAX_KEY_LENGTH = LIMITS.idempotencyKey;

export interface IdempotentRequest extends Request {
  principal: Principal;
  /** A stable id for this (caller, endpoint, key, first use), for the case id and the case workflow's Update id. */
  idempotencyId?: string;
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyService, private readonly db: DataSource) {}

  /** A replay shows a case again: only while the caller may still see it (access can have changed since). */
  private async mayStillSee(req: IdempotentRequest, answer: unknown): Promise<boolean> {
    const id = String(req.params?.id ?? '');
    const resource = req.path.split('/')[1];
    const caseId =
      resource === 'tasks'
        ? (await this.db.query(`SELECT case_id AS "caseId" FROM case_task WHERE task_id = $1`, [id]))[0]?.caseId
        : resource === 'cases'
          ? id || (answer as { caseId?: string } | null)?.caseId
          : undefined;
    if (!caseId) return true;
    const [row] = await this.db.query(
      `SELECT municipality, coordinator_employee_id AS "coordinatorEmployeeId", proposed_coordinator_employee_id AS "proposedCoordinatorEmployeeId"
       FROM ip_case WHERE case_id = $1`,
      [caseId],
    );
    // A receipt (the command took the caller's access away) shows nothing of the case.
    const receipt = (answer as { visible?: boolean } | null)?.visible === false;
    return receipt || (!!row && canReadCase(req.principal, row));
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<IdempotentRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const key = req.header('idempotency-key');
    if (key === undefined) return next.handle();
    if (key.trim() === '' || key.length > MAX_KEY_LENGTH) {
      throw ProblemException.invalidHeader('idempotency-key', `must be 1 to ${MAX_KEY_LENGTH} characters`);
    }
    const sub = req.principal.sub;
    const route = `${req.method} ${req.path}`;
    // If-Match is part of the request: the same body under another precondition is another request.
    const hash = fingerprint({ body: req.body ?? {}, ifMatch: req.header('if-match') ?? null });
    return from(this.store.claim(sub, route, key, hash)).pipe(
      mergeMap((claim) => {
        if (claim.kind === 'replay') {
          return from(this.mayStillSee(req, claim.answer.response)).pipe(
            mergeMap((visible) => {
              if (!visible) throw problems.notFound('case');
              for (const [h, v] of Object.entries(claim.answer.headers ?? {})) res.setHeader(h, v);
              res.status(claim.answer.status);
              return of(claim.answer.response);
            }),
          );
        }
        req.idempotencyId = createHash('sha256').update(`${sub}\n${route}\n${key}\n${claim.since}`).digest('hex').slice(0, 32);
        return next.handle().pipe(
          mergeMap((body) =>
            from(
              this.store
                .complete(sub, route, key, {
                  status: res.statusCode,
                  response: body,
                  headers: Object.fromEntries(KEPT_HEADERS.filter((h) => res.getHeader(h) !== undefined).map((h) => [h, String(res.getHeader(h))])),
                })
                .then(() => body),
            ),
          ),
          catchError((e) => from(this.store.release(sub, route, key).then(() => Promise.reject(e)))),
        );
      }),
    );
  }
}

export const IDEMPOTENCY_DESCRIPTION =
  'Optional. Makes the request safe to retry (IETF draft-ietf-httpapi-idempotency-key-header): the key is scoped to you and this endpoint. ' +
  'A retry with the same key and the same body gets the first answer again (same status and body); the same key with another body is ' +
  '422 (code idempotency-key-reused); while the first request is still in flight, 409 (code idempotency-key-in-flight). ' +
  'A request that failed keeps no answer, so its retry runs again. Keys are remembered for 24 hours; a replay shows a case only while you may still see it.';

/** Idempotency-Key on this endpoint, documented in the OpenAPI description. */
export const Idempotent = () =>
  applyDecorators(UseInterceptors(IdempotencyInterceptor), ApiHeader({ name: 'idempotency-key', required: false, description: IDEMPOTENCY_DESCRIPTION }));
