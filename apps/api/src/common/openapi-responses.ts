// The answers' side of the OpenAPI document, as exact as the requests': every response schema lists every property
// the API sends (closed: `additionalProperties: false`, problem+json excepted, whose extensions are open by RFC 9457),
// and every answer documents the X-Request-Id header (access-log/request-context.ts). The fuzz pass
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

/** Express parses every body before any route: one that is too large is 413 wherever a body is taken. */
const TOO_LARGE = {
  description: 'The body is larger than the API takes',
  content: { 'application/problem+json': { schema: { $ref: `${SCHEMA_PREFIX}ProblemDto` } } },
};

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
      if (op.requestBody && !op.responses['413']) op.responses['413'] = structuredClone(TOO_LARGE);
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
