import { CanActivate, createParamDecorator, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { InvalidTokenError, JwtVerifier, Principal, TokenExpiredError } from '../../../../libs/auth/src';
import { ProblemException } from '../problem/problem';

export const JWT_VERIFIER = Symbol('JWT_VERIFIER');

/** Every route needs a verified bearer token, except those marked public (health, docs). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(@Inject(JWT_VERIFIER) private readonly verifier: JwtVerifier) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (Reflect.getMetadata('public', ctx.getHandler())) return true;
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const header = req.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new ProblemException(HttpStatus.UNAUTHORIZED, 'Unauthorized', 'A bearer token is required.');
    }
    try {
      req.principal = await this.verifier.verify(token);
    } catch (e) {
      if (e instanceof TokenExpiredError) {
        // Its own problem type, so a client knows to get a new token rather than that the token is wrong (RFC 6750 § 3).
        ctx.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer error="invalid_token", error_description="The token expired"');
        throw new ProblemException(HttpStatus.UNAUTHORIZED, 'Token Expired', `The bearer token expired at ${e.expiredAt.toISOString()}; get a new token.`, {
          expiredAt: e.expiredAt.toISOString(),
        });
      }
      const reason = e instanceof InvalidTokenError ? e.message : 'token could not be verified';
      throw new ProblemException(HttpStatus.UNAUTHORIZED, 'Unauthorized', `The bearer token was refused: ${reason}.`);
    }
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
