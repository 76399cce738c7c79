// OpenAPI 3.1 schemas are JSON Schema 2020-12, which has no `nullable` (an OpenAPI 3.0 keyword @nestjs/swagger still
// writes): a nullable string becomes `type: ['string', 'null']` (and an enum of it takes null too), a nullable reference
// `anyOf: [ref, null]`.
import type { OpenAPIObject } from '@nestjs/swagger';

type Node = Record<string, unknown>;

function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (!node || typeof node !== 'object') return node;
  const { nullable, ...rest } = Object.fromEntries(Object.entries(node as Node).map(([k, v]) => [k, convert(v)])) as Node;
  if (nullable !== true) return nullable === undefined ? rest : { ...rest };
  if (rest.$ref || rest.allOf) {
    // @nestjs/swagger writes a nullable class as { type: 'object', nullable: true, allOf: [ref] }: the ref or null.
    const { description, type: _object, allOf, ...schema } = rest;
    const only = Array.isArray(allOf) && allOf.length === 1 && Object.keys(schema).length === 0 ? (allOf[0] as Node) : { ...schema, ...(allOf ? { allOf } : {}) };
    return { ...(description ? { description } : {}), anyOf: [only, { type: 'null' }] };
  }
  if (typeof rest.type === 'string') {
    const withNull = Array.isArray(rest.enum) && !rest.enum.includes(null) ? { enum: [...rest.enum, null] } : {};
    return { ...rest, type: [rest.type, 'null'], ...withNull };
  }
  return rest; // no type: null is already allowed
}

export function withJsonSchemaNullable(document: OpenAPIObject): OpenAPIObject {
  return { ...document, paths: convert(document.paths) as OpenAPIObject['paths'], components: convert(document.components) as OpenAPIObject['components'] };
}
