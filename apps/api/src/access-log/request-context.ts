// Each request gets an id (the caller's X-Request-Id when it is a plain token, else a new UUID), answered in the
// X-Request-Id header and written with every access-log entry of the request. Node's AsyncLocalStorage carries it.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export interface RequestContext {
  requestId: string;
  /** Set once the request has written an access-log entry (the error filter then adds none). */
  logged: boolean;
  /** Why the person acts (Normen): set once the request's principal is known; commands carry it into the audit trail. */
  purpose?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();
export const requestContext = (): RequestContext | undefined => storage.getStore();

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function requestIdMiddleware(req: Request, res: Response, next: NextFunction) {
  const given = req.header('x-request-id');
  const requestId = given && SAFE_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', requestId);
  storage.run({ requestId, logged: false }, next);
}
