import type { Role } from '../../case-machine/src/ip-case.meta';

export const ROLES: Role[] = ['KE_CASEWORKER', 'KE_LEADER', 'COORDINATOR', 'AUDITOR', 'SYSTEM'];

/** The person (or system) behind a request, from a verified OIDC token. */
export interface Principal {
  sub: string;
  name: string;
  role: Role;
  /** Kommunenummer the person works for; an inter-municipal KE has several. */
  municipalities: string[];
  /** Why the person works now, when the token states it (`purpose` claim): the access log's purpose. */
  purpose?: string;
  /** The OAuth client the token was issued to (`azp`, or RFC 9068 `client_id`), for the access log. */
  clientId?: string;
}
