import type { Role } from '../../case-machine/src/ip-case.meta';

export const ROLES: Role[] = ['KE_CASEWORKER', 'KE_LEADER', 'COORDINATOR', 'AUDITOR', 'SYSTEM'];

/** The person (or system) behind a request, from a verified OIDC token. */
export interface Principal {
  sub: string;
  name: string;
  role: Role;
  /** Kommunenummer the person works for; an inter-municipal KE has several. */
  municipalities: string[];
}
