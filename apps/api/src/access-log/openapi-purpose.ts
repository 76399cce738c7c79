// Every operation takes X-Purpose (AccessPurposeGuard): the OpenAPI document says so once, here, for all of them.
import type { OpenAPIObject } from '@nestjs/swagger';
import { LIMITS } from '../../../../libs/persistence/src/limits';
import { PURPOSE_HEADER } from './access-purpose.guard';

const PURPOSE_PARAMETER = {
  name: PURPOSE_HEADER,
  in: 'header',
  required: false,
  description:
    'Why you access the data now, kept in the access log (Normen). A `purpose` claim in the token takes precedence (the header may only repeat it); ' +
    'without either, the log says which relationship allowed the access. Latin-1, or percent-encoded UTF-8.',
  schema: { type: 'string', minLength: 1, maxLength: LIMITS.purpose },
};

export function withPurposeHeader(document: OpenAPIObject): OpenAPIObject {
  for (const ops of Object.values(document.paths)) {
    for (const op of Object.values(ops as Record<string, { parameters?: { name: string; in: string }[]; security?: unknown[] }>)) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      if (!op.security?.length) continue; // public (health): no principal, no access log
      op.parameters = [...(op.parameters ?? []).filter((x) => !(x.in === 'header' && x.name === PURPOSE_HEADER)), structuredClone(PURPOSE_PARAMETER)];
    }
  }
  return document;
}
