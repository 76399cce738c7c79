// Each request gets an id (the caller's X-Request-Id when it is a plain token, else a new UUID), answered in the
// X-Request-Id header and written with every access-log entry of the request. Node's AsyncLocalStorage carries it,
// and with it what the access log needs to say why: the purpose stated, an emergency reason, the client's address,
// and the policy's decision on each case the request read.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { AccessBasis } from '../../../../libs/auth/src';

export interface StatedPurpose {
  text: string;
  source: 'TOKEN' | 'HEADER';
}

/** The policy's decision on one case: why it was allowed, and the case's municipality. */
export interface CaseDecision {
  basis: AccessBasis;
  municipality: string;
}

export interface RequestContext {
  requestId: string;
  /** Set once the request has written an access-log entry (the error filter then adds none). */
  logged: boolean;
  clientAddress: string | null;
  /** Set by AccessPurposeGuard once the token and headers are checked. */
  purpose?: StatedPurpose;
  emergencyReason?: string;
  decisions: Map<string, CaseDecision>;
}

const storage = new AsyncLocalStorage<RequestContext>();
export const requestContext = (): RequestContext | undefined => storage.getStore();

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function requestIdMiddleware(req: Request, res: Response, next: NextFunction) {
  const given = req.header('x-request-id');
  const requestId = given && SAFE_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', requestId);
  storage.run({ requestId, logged: false, clientAddress: req.ip?.slice(0, 64) ?? null, decisions: new Map() }, next);
}
