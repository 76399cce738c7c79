// The answers' side of the OpenAPI document, as exact as the requests': every response schema lists every property
// the API sends (closed: `additionalProperties: false`, problem+json excepted, whose extensions are open by RFC 9457),
// every answer documents the X-Request-Id header (access-log/request-context.ts), and every operation the answers the
// HTTP layer gives before any route (413 and 415 where a body is taken, 429 everywhere). The fuzz pass
// (scripts/fuzz-ci.sh) holds the API to this document.
import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown> & { properties?: Record<string, unknown>; additionalProperties?: unknown };

/** Schemas that stay open: problem details carry extension members. */
const OPEN = new Set(['ProblemDto']);

export const REQUEST_ID_HEADER = {
  description: "The request's id (the caller's X-Request-Id when it is 8–64 of A–Z a–z 0–9 . _ -, else a new UUID); the access log has it",
  required: true,
  schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{8,64}$' },
};

const SCHEMA_PREFIX = '#/components/schemas/';

const problem = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/problem+json': { schema: { $ref: `${SCHEMA_PREFIX}ProblemDto` } } },
});

/** What the HTTP layer answers before any route (security/http-hardening.ts): wherever a body is taken. */
const BODY_PROBLEMS = {
  '413': problem('The body is larger than HTTP_BODY_LIMIT'),
  '415': problem('The body is not application/json'),
};

/** The rate limit (security/principal-throttler.guard.ts) is every route's. */
const TOO_MANY = problem('More than RATE_LIMIT_REQUESTS requests in RATE_LIMIT_WINDOW from this principal (or address, without a valid token)', {
  'Retry-After': { description: 'Seconds until the budget is back', required: true, schema: { type: 'string', pattern: '^\\d+$' } },
});

export function withResponseContract(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const reached = new Set<string>();
  const follow = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(follow);
    if (!node || typeof node !== 'object') return;
    const ref = (node as { $ref?: string }).$ref;
    if (typeof ref === 'string' && ref.startsWith(SCHEMA_PREFIX)) {
      const name = ref.slice(SCHEMA_PREFIX.length);
      if (!reached.has(name)) {
        reached.add(name);
        follow(schemas[name]);
      }
    }
    Object.values(node).forEach(follow);
  };
  for (const ops of Object.values(document.paths)) {
    for (const op of Object.values(ops as Record<string, { requestBody?: unknown; responses?: Record<string, { headers?: Record<string, unknown>; content?: unknown }> }>)) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      if (op.requestBody) for (const [status, r] of Object.entries(BODY_PROBLEMS)) op.responses[status] ??= structuredClone(r);
      op.responses['429'] ??= structuredClone(TOO_MANY);
      for (const response of Object.values(op.responses)) {
        response.headers = { 'X-Request-Id': REQUEST_ID_HEADER, ...(response.headers ?? {}) };
        follow(response.content);
      }
    }
  }
  for (const name of reached) {
    const s = schemas[name];
    if (s && s.properties && s.additionalProperties === undefined && !OPEN.has(name)) s.additionalProperties = false;
  }
  return document;
}

/** The ETag response header: a case's or a task's version, what If-Match takes (common/etag.ts). */
export const ETAG_HEADER = { description: 'The version of the resource, for If-Match', required: true, schema: { type: 'string', pattern: '^"\\d+"$' } };
