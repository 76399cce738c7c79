// Rate limiting per principal: one budget per token subject across all routes, or per client address without a valid token.
import { ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { Authenticator } from '../auth/auth.guard';
import { ProblemException } from '../problem/problem';

@Injectable()
export class PrincipalThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {
    super(options, storage, reflector);
  }

  /** The verified subject (a forged token cannot spend someone else's budget), else the address. */
  protected async getTracker(req: Record<string, unknown>): Promise<string> {
    const authentication = await this.authenticator.authenticate(req as unknown as Request);
    return 'principal' in authentication ? `sub:${authentication.principal.sub}` : `ip:${await super.getTracker(req)}`;
  }

  /** One budget per principal, not one per route. */
  protected generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return createHash('sha256').update(`${name}:${tracker}`).digest('hex');
  }

  /** 429 problem+json; the guard has set Retry-After (seconds) already. */
  protected async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, 'Too Many Requests', `More than ${detail.limit} requests in ${detail.ttl / 1000} s; retry after ${detail.timeToBlockExpire} s.`, {
      retryAfter: detail.timeToBlockExpire,
    });
  }
}
