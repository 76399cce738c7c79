// OpenAPI 3.1 schemas are JSON Schema 2020-12, which has no `nullable` (an OpenAPI 3.0 keyword @nestjs/swagger still
// writes): a nullable string becomes `type: ['string', 'null']`, a nullable reference `anyOf: [ref, null]`.
import type { OpenAPIObject } from '@nestjs/swagger';

type Node = Record<string, unknown>;

function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (!node || typeof node !== 'object') return node;
  const { nullable, ...rest } = Object.fromEntries(Object.entries(node as Node).map(([k, v]) => [k, convert(v)])) as Node;
  if (nullable !== true) return nullable === undefined ? rest : { ...rest };
  if (typeof rest.type === 'string') return { ...rest, type: [rest.type, 'null'] };
  if (rest.$ref || rest.allOf) {
    const { description, ...schema } = rest;
    return { ...(description ? { description } : {}), anyOf: [schema, { type: 'null' }] };
  }
  return rest; // no type: null is already allowed
}

export function withJsonSchemaNullable(document: OpenAPIObject): OpenAPIObject {
  return { ...document, paths: convert(document.paths) as OpenAPIObject['paths'], components: convert(document.components) as OpenAPIObject['components'] };
}
