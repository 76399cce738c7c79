// The events of POST /cases/:id/events in the OpenAPI document: one schema per event (its `type` and its own payload),
// and the request body a `oneOf` with a `discriminator` on `type`, so a client generates one typed class per event.
import type { OpenAPIObject } from '@nestjs/swagger';
import { LEGAL_BASIS } from '../../../../libs/case-machine/src';
import { COMMAND_TYPES, EVENT_PAYLOADS } from './dto/case-event.dto';

type Schema = Record<string, unknown> & { properties?: Record<string, unknown>; required?: string[] };

export const eventSchemaName = (type: string) => `${type.toLowerCase().replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase())}Event`;

export function withEventSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components!.schemas ??= {}) as Record<string, Schema>;
  const mapping: Record<string, string> = {};
  for (const type of COMMAND_TYPES) {
    const payload = schemas[EVENT_PAYLOADS[type].name] ?? {};
    const name = eventSchemaName(type);
    schemas[name] = {
      type: 'object',
      description: `${type} (${LEGAL_BASIS[type]})`,
      properties: { type: { type: 'string', enum: [type] }, ...(payload.properties ?? {}) },
      required: ['type', ...(payload.required ?? [])],
      additionalProperties: false,
    };
    mapping[type] = `#/components/schemas/${name}`;
  }
  const body = document.paths['/cases/{id}/events']?.post?.requestBody as { content: Record<string, { schema: unknown }> } | undefined;
  if (body) {
    body.content['application/json'].schema = {
      oneOf: Object.values(mapping).map(($ref) => ({ $ref })),
      discriminator: { propertyName: 'type', mapping },
    };
  }
  return document;
}
