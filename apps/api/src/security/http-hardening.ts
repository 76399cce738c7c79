// The HTTP layer in front of the routes: security headers (helmet), no X-Powered-By, JSON bodies only (no urlencoded
// parser), an explicit body limit, and bad input as 4xx problem+json before it reaches a DTO, a query or the
// workflow: too large → 413, not JSON → 415, malformed → 400, nested too deep or holding NUL characters (which
// PostgreSQL refuses in text) → 422 naming the field. No message here quotes what the client sent.
import { HttpStatus, INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { EnvConfig } from '../../../../libs/config/src';
import { ProblemException, problems } from '../problem/problem';

/** Far deeper than any DTO nests; deeper input is refused before validation (which recurses) sees it. */
export const MAX_JSON_DEPTH = 32;
const JSON_TYPES = ['application/json', 'application/*+json'];

export function hardenHttp(nest: INestApplication, config: EnvConfig): void {
  const app = nest as NestExpressApplication;
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(requireJsonBody);
  // createApiApp creates the app with bodyParser: false, so this is the only parser: JSON, nothing urlencoded.
  app.useBodyParser('json', { limit: config.HTTP_BODY_LIMIT, type: JSON_TYPES, strict: true });
  app.use(bodyParserProblems(config.HTTP_BODY_LIMIT));
  app.use(refuseUnstorableInput);
}

/** A request with a body must say it is JSON (415 otherwise); an empty body needs no type. */
function requireJsonBody(req: Request, _res: Response, next: NextFunction) {
  const hasBody = req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
  if (!hasBody || req.is(JSON_TYPES)) return next();
  next(new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'Unsupported Media Type', 'The request body must be application/json.'));
}

/** body-parser's errors (plain http-errors, a 500 in the problem filter) as problems with fixed texts. */
function bodyParserProblems(limit: string) {
  return (err: { type?: string; status?: number; expose?: boolean }, _req: Request, _res: Response, next: NextFunction) => {
    if (!err || typeof err.type !== 'string' || !err.expose || !err.status || err.status >= 500) return next(err);
    const problem: Record<string, [HttpStatus, string, string]> = {
      'entity.too.large': [HttpStatus.PAYLOAD_TOO_LARGE, 'Payload Too Large', `The request body is larger than ${limit}.`],
      'entity.parse.failed': [HttpStatus.BAD_REQUEST, 'Bad Request', 'The request body is not a JSON object or array.'],
      'encoding.unsupported': [HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'Unsupported Media Type', 'The request body has a content encoding this API does not take.'],
      'charset.unsupported': [HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'Unsupported Media Type', 'The request body must be UTF-8 JSON.'],
    };
    const [status, title, detail] = problem[err.type] ?? [err.status, 'Bad Request', 'The request body could not be read.'];
    next(new ProblemException(status, title, detail));
  };
}

/** Bodies nested deeper than MAX_JSON_DEPTH, and NUL characters in the body or the query (PostgreSQL cannot store them). */
function refuseUnstorableInput(req: Request, _res: Response, next: NextFunction) {
  const query = firstUnstorable(req.query, '');
  if (query) return next(problems.invalid('A query parameter cannot be used.', [query]));
  const body = req.body === undefined ? undefined : firstUnstorable(req.body, '');
  if (body) return next(problems.invalid('The request body breaks one or more rules.', [body]));
  next();
}

/** The first field (as `a.b.0.c`) that is nested too deep or holds U+0000, walking without recursion. */
function firstUnstorable(root: unknown, rootPath: string): { field: string; reason: string } | undefined {
  const stack: [unknown, string, number][] = [[root, rootPath, 0]];
  while (stack.length) {
    const [value, path, depth] = stack.pop()!;
    const name = path || 'body';
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { field: name, reason: `${name} must not contain the NUL character (U+0000)` };
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_JSON_DEPTH) return { field: name, reason: `${name} is nested deeper than ${MAX_JSON_DEPTH} levels` };
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        if (key.includes('\u0000')) return { field: path || 'body', reason: `${path || 'body'} has a property name with the NUL character (U+0000)` };
        stack.push([child, childPath, depth + 1]);
      }
    }
  }
  return undefined;
}
