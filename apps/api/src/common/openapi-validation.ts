// Adds what class-validator enforces (lengths, item counts, required fields, no unknown fields) to the OpenAPI
// schemas @nestjs/swagger generates, so the document says what the API accepts (class-validator-jsonschema).
import type { OpenAPIObject } from '@nestjs/swagger';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the storage is not in the package's typed exports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; required?: string[] };

/** Swagger's annotations (descriptions, examples, patterns, refs) win; validation adds the constraints swagger lacks. */
function mergeProperty(fromValidation: Schema, fromSwagger: Schema): Schema {
  // A nested DTO or list of DTOs keeps swagger's reference; validation only adds list bounds.
  if (fromSwagger.$ref || fromSwagger.allOf) return fromSwagger;
  // date/date-time alternatives: swagger's format is exact. A custom validator (e.g. OnlyWhen) on a list makes
  // class-validator-jsonschema write `$ref` to the design type (`#/components/schemas/Array`): swagger's type is exact.
  const { oneOf: _formats, $ref: _designType, ...constraints } = fromValidation;
  return { ...constraints, ...fromSwagger };
}

export function withValidationConstraints(document: OpenAPIObject): OpenAPIObject {
  const validated = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: defaultMetadataStorage,
  }) as Record<string, Schema>;
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const [name, swagger] of Object.entries(schemas)) {
    const v = validated[name];
    if (!v?.properties || !swagger.properties) continue; // response DTOs carry no validation
    const properties: Record<string, Schema> = {};
    for (const [prop, s] of Object.entries(swagger.properties)) properties[prop] = v.properties[prop] ? mergeProperty(v.properties[prop], s) : s;
    // Unknown fields are refused (forbidNonWhitelisted).
    schemas[name] = { ...swagger, properties, required: v.required ?? [], additionalProperties: false };
  }
  return document;
}
