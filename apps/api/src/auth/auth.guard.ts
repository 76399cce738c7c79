import { CanActivate, createParamDecorator, ExecutionContext, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { InvalidTokenError, JwtVerifier, Principal, TokenExpiredError } from '../../../../libs/auth/src';
import { EnvConfig } from '../../../../libs/config/src';
import { CONFIG } from '../config/config.module';
import { ProblemException } from '../problem/problem';

export const JWT_VERIFIER = Symbol('JWT_VERIFIER');

/** The request's bearer token, verified: the principal, or the 401 to answer (and the header that goes with it). */
export type Authentication = { principal: Principal } | { refused: ProblemException; wwwAuthenticate: string };

const AUTHENTICATION = Symbol('authentication');
type WithAuthentication = Request & { [AUTHENTICATION]?: Promise<Authentication> };

/**
 * Verifies a request's bearer token once, however many ask (the rate limiter keys on the principal before the guard
 * runs; the docs in `authenticated` mode ask too). Why a token was refused goes to the log as a code, never a value
 * from the token. The answer says why only outside production: production keeps the problem's type and title
 * (`token-expired` stays its own type) and leaves the reason out.
 */
@Injectable()
export class Authenticator {
  private readonly log = new Logger('Auth');
  private readonly production: boolean;

  constructor(
    @Inject(JWT_VERIFIER) private readonly verifier: JwtVerifier,
    @Inject(CONFIG) config: EnvConfig,
  ) {
    this.production = config.NODE_ENV === 'production';
  }

  authenticate(req: Request): Promise<Authentication> {
    const r = req as WithAuthentication;
    return (r[AUTHENTICATION] ??= this.verify(req));
  }

  private async verify(req: Request): Promise<Authentication> {
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      return { refused: new ProblemException(HttpStatus.UNAUTHORIZED, 'Unauthorized', 'A bearer token is required.'), wwwAuthenticate: 'Bearer' };
    }
    try {
      return { principal: await this.verifier.verify(token) };
    } catch (e) {
      const refusal = e instanceof InvalidTokenError ? e.refusal : 'unverifiable';
      this.log.warn(`bearer token refused (${refusal}) on ${req.method} ${req.route?.path ?? req.baseUrl ?? ''}`);
      if (e instanceof TokenExpiredError) {
        // Its own problem type, so a client knows to get a new token rather than that the token is wrong (RFC 6750 § 3).
        const wwwAuthenticate = 'Bearer error="invalid_token", error_description="The token expired"';
        if (this.production) return { refused: new ProblemException(HttpStatus.UNAUTHORIZED, 'Token Expired', 'The bearer token expired; get a new token.'), wwwAuthenticate };
        const detail = e.refusal === 'too-old' ? `The bearer token is older than this API accepts (since ${e.expiredAt.toISOString()}); get a new token.` : `The bearer token expired at ${e.expiredAt.toISOString()}; get a new token.`;
        return { refused: new ProblemException(HttpStatus.UNAUTHORIZED, 'Token Expired', detail, { expiredAt: e.expiredAt.toISOString() }), wwwAuthenticate };
      }
      const detail = this.production || !(e instanceof InvalidTokenError) ? 'The bearer token was refused.' : `The bearer token was refused: ${e.message}.`;
      return { refused: new ProblemException(HttpStatus.UNAUTHORIZED, 'Unauthorized', detail), wwwAuthenticate: 'Bearer error="invalid_token"' };
    }
  }
}

/** Every route needs a verified bearer token, except those marked public (health; the docs are served outside the routes). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly authenticator: Authenticator) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (Reflect.getMetadata('public', ctx.getHandler())) return true;
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const authentication = await this.authenticator.authenticate(req);
    if ('refused' in authentication) {
      ctx.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', authentication.wwwAuthenticate);
      throw authentication.refused;
    }
    req.principal = authentication.principal;
    return true;
  }
}

export const Public = () => (_target: object, _key: string, descriptor: PropertyDescriptor) => {
  Reflect.defineMetadata('public', true, descriptor.value);
  return descriptor;
};

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});
