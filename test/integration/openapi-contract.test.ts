// The contract a client generates code from: events as a oneOf with a discriminator on `type`, each with its own
// payload; dates as `format: date`; every example in the document valid against its own schema (JSON Schema 2020-12).
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { COMMAND_TYPES } from '../../apps/api/src/cases/dto/case-event.dto';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';

let h: Harness;
let api: Api;
let doc: { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } }>>; components: { schemas: Record<string, Record<string, unknown>> } };

beforeAll(async () => {
  h = await openHarness();
  api = await openApi(h.taskQueue);
  doc = (await api.http.get('/docs/openapi.json').expect(200)).body;
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});

type Found = { path: string; schema: Record<string, unknown>; example: unknown };

/** Every schema in the document that carries an example, with where it is. */
function examples(node: unknown, path: string, found: Found[] = []): Found[] {
  if (Array.isArray(node)) node.forEach((n, i) => examples(n, `${path}/${i}`, found));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if ('example' in o && (o.type || o.$ref || o.enum || o.format)) {
      const { example, ...schema } = o;
      found.push({ path, schema, example });
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'example') examples(v, `${path}/${k}`, found);
  }
  return found;
}

describe('the OpenAPI document', () => {
  it('gives the events of POST /cases/:id/events as a oneOf with a discriminator on type, each with its own payload schema', () => {
    const body = doc.paths['/cases/{id}/events'].post.requestBody!.content['application/json'].schema as {
      oneOf: { $ref: string }[];
      discriminator: { propertyName: string; mapping: Record<string, string> };
    };
    expect(body.discriminator.propertyName).toBe('type');
    expect(Object.keys(body.discriminator.mapping).sort()).toEqual([...COMMAND_TYPES].sort());
    expect(body.oneOf.map((r) => r.$ref).sort()).toEqual(Object.values(body.discriminator.mapping).sort());
    for (const [type, ref] of Object.entries(body.discriminator.mapping)) {
      const schema = doc.components.schemas[ref.replace('#/components/schemas/', '')] as { properties: Record<string, { enum?: string[] }>; required: string[]; additionalProperties: boolean };
      expect({ type, enum: schema.properties.type.enum, required: schema.required.includes('type'), additionalProperties: schema.additionalProperties }).toEqual({
        type, enum: [type], required: true, additionalProperties: false,
      });
    }
    const decision = doc.components.schemas.RecordDecisionEvent as { required: string[] };
    expect(decision.required).toEqual(expect.arrayContaining(['type', 'decisions', 'sentAt', 'letterMethod']));
  });

  it('gives every civil-date field format: date', () => {
    const dateFields = Object.entries(doc.components.schemas).flatMap(([name, s]) =>
      Object.entries((s.properties ?? {}) as Record<string, { pattern?: string; format?: string }>)
        .filter(([, p]) => p.pattern === '^\\d{4}-\\d{2}-\\d{2}$')
        .map(([prop, p]) => ({ field: `${name}.${prop}`, format: p.format })),
    );
    expect(dateFields.map((f) => f.field)).toEqual(expect.arrayContaining(['PlanDraftDto.revisionDate', 'PauseDto.plannedResumeDate', 'UserDiedDto.dateOfDeath']));
    for (const f of dateFields) expect(f).toEqual({ field: f.field, format: 'date' });
  });

  it('bounds every free string a request can carry (maxLength from LIMITS), so no accepted value overflows its column', () => {
    // The schemas request bodies reach, following references.
    const reached = new Set<string>();
    const follow = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(follow);
      if (!node || typeof node !== 'object') return;
      const ref = (node as { $ref?: string }).$ref;
      if (ref && !reached.has(ref)) {
        reached.add(ref);
        follow(doc.components.schemas[ref.replace('#/components/schemas/', '')]);
      }
      Object.values(node).forEach(follow);
    };
    for (const ops of Object.values(doc.paths)) for (const op of Object.values(ops)) follow(op.requestBody);
    const requestSchemas = Object.entries(doc.components.schemas).filter(([name]) => reached.has(`#/components/schemas/${name}`));
    expect(requestSchemas.length).toBeGreaterThan(20);
    const unbounded = requestSchemas.flatMap(([name, s]) =>
      Object.entries((s.properties ?? {}) as Record<string, { type?: unknown; enum?: unknown; format?: string; pattern?: string; maxLength?: number; items?: { type?: string; maxLength?: number; enum?: unknown } }>)
        .filter(([, p]) => {
          const str = (x: { type?: unknown; enum?: unknown; format?: string; pattern?: string; maxLength?: number }) =>
            (x.type === 'string' || (Array.isArray(x.type) && x.type.includes('string'))) && !x.enum && !x.format && !x.pattern && x.maxLength === undefined;
          return str(p) || (p.type === 'array' && p.items && str(p.items));
        })
        .map(([prop]) => `${name}.${prop}`),
    );
    expect(unbounded).toEqual([]);
  });

  it('has examples, and every example validates against its own schema', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const found = examples(doc, '#');
    expect(found.length).toBeGreaterThan(20);
    const invalid = found
      .map((f) => {
        const validate = ajv.compile({ ...f.schema, components: doc.components });
        return validate(f.example) ? null : { path: f.path, example: f.example, errors: ajv.errorsText(validate.errors) };
      })
      .filter(Boolean);
    expect(invalid).toEqual([]);
  });

  it('documents every answer exactly: closed response schemas, X-Request-Id everywhere, ETag and Location where they are sent, 413 and 415 where a body is taken, 429 everywhere', () => {
    type Op = { requestBody?: unknown; responses: Record<string, { headers?: Record<string, { required?: boolean }>; content?: Record<string, { schema: unknown }> }> };
    const ops = Object.entries(doc.paths).flatMap(([path, o]) => Object.entries(o as unknown as Record<string, Op>).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })));
    const refs = (node: unknown, out = new Set<string>()): Set<string> => {
      if (Array.isArray(node)) node.forEach((n) => refs(n, out));
      else if (node && typeof node === 'object') {
        const ref = (node as { $ref?: string }).$ref;
        if (ref && !out.has(ref)) {
          out.add(ref);
          refs(doc.components.schemas[ref.replace('#/components/schemas/', '')], out);
        }
        Object.values(node).forEach((n) => refs(n, out));
      }
      return out;
    };
    const open = [...refs(ops.map(({ op }) => Object.values(op.responses).map((r) => r.content)))]
      .map((r) => r.replace('#/components/schemas/', ''))
      .filter((name) => doc.components.schemas[name].properties && doc.components.schemas[name].additionalProperties !== false);
    expect(open).toEqual(['ProblemDto']); // problem details carry extension members (RFC 9457)
    for (const { name, op } of ops) {
      for (const [status, r] of Object.entries(op.responses)) expect({ name, status, requestId: r.headers?.['X-Request-Id']?.required }).toEqual({ name, status, requestId: true });
      if (op.requestBody) expect({ name, body: ['413', '415'].filter((st) => st in op.responses) }).toEqual({ name, body: ['413', '415'] });
      expect({ name, retryAfter: op.responses['429']?.headers?.['Retry-After']?.required }).toEqual({ name, retryAfter: true });
      for (const [status, r] of Object.entries(op.responses)) {
        if (Number(status) >= 400) expect({ name, status, types: Object.keys(r.content ?? {}) }).toEqual({ name, status, types: name === 'GET /health' && status === '503' ? ['application/json'] : ['application/problem+json'] }); // /health's 503 is its own status body
      }
    }
    const header = (name: string, status: string, h: string) => ops.find((o) => o.name === name)!.op.responses[status].headers?.[h]?.required;
    expect(header('POST /cases', '201', 'Location')).toBe(true);
    expect(header('POST /cases', '201', 'ETag')).toBe(true);
    expect(header('GET /cases/{id}', '200', 'ETag')).toBe(true);
    expect(header('POST /cases/{id}/events', '200', 'ETag')).toBe(false); // a receipt has none
    for (const t of ['GET /tasks/{id}', 'POST /tasks/{id}/claim', 'POST /tasks/{id}/unclaim', 'POST /tasks/{id}/assign', 'POST /tasks/{id}/complete']) expect(header(t, '200', 'ETag')).toBe(true);
  });
});
