import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

/** The generated OpenAPI document, so a task can show the JSON schema of the payload that completes it. */
@Injectable()
export class OpenApiSchemas {
  private document?: OpenAPIObject;

  use(document: OpenAPIObject) {
    this.document = document;
  }

  /** The schema of a DTO class with every $ref inlined (our DTOs have no cycles). */
  schemaOf(name: string): Schema {
    const all = (this.document?.components?.schemas ?? {}) as Record<string, Schema>;
    const inline = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(inline);
      if (!node || typeof node !== 'object') return node;
      const ref = (node as { $ref?: string }).$ref;
      if (ref) return inline(all[ref.replace('#/components/schemas/', '')] ?? {});
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(v)]));
    };
    return (inline(all[name] ?? { type: 'object', properties: {}, additionalProperties: false }) as Schema) ?? {};
  }
}
