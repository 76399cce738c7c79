import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessBasis, listBasis, Principal } from '../../../../libs/auth/src';
import { CaseAccessService } from './case-access.service';
import { CaseDecision, requestContext } from './request-context';

/** What a person did: READ (one case or a part of it), LIST, CREATE, COMMAND (an update), EXPORT and PRINT (renderings). */
export type AccessAction = 'READ' | 'LIST' | 'CREATE' | 'COMMAND' | 'EXPORT' | 'PRINT';

/**
 * How a read is logged by the representation it was answered in (Normen: export and print are actions of their own): a
 * file to take away (CSV, FHIR for a SIEM) is an export, the printable HTML page a print, anything else a read.
 */
export function readActionFor(mediaType: string | undefined, read: 'READ' | 'LIST' = 'READ'): AccessAction {
  if (mediaType === 'text/csv' || mediaType === 'application/fhir+json') return 'EXPORT';
  if (mediaType === 'text/html') return 'PRINT';
  return read;
}

/** What a list was asked for and which cases it showed (no personal data: filters are codes, dates and ids). */
export interface ListContext {
  filters: Record<string, unknown>;
  caseIds: string[];
}

/** Who: the principal, or `anonymous` for a refused token. */
export type Actor = Pick<Principal, 'sub' | 'role'> & Partial<Pick<Principal, 'name' | 'municipalities' | 'clientId'>>;

const succeeded = (outcome: number) => outcome >= 200 && outcome < 300;

/**
 * Appends who read or changed which case, when, why and with what outcome (Normen faktaark 15), with the request it
 * belongs to. Why: the purpose the request stated, else the basis the access policy allowed it on, for this case
 * (remembered when the request read it) or, for an endpoint that did not ask the policy's decision, looked up now.
 * A refusal has no basis. Never logs personal data to stdout.
 */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly db: DataSource,
    private readonly access: CaseAccessService,
  ) {}

  async record(p: Actor, action: AccessAction, resource: string, outcome: number, caseId: string | null = null, list?: ListContext, before: AccessEntry[] = []) {
    await this.write([...before, await this.entry(p, action, resource, outcome, caseId, list)]);
  }

  /** An entry whose facts are taken now, to be written with the next one of the request (one statement for both). */
  async entry(p: Actor, action: AccessAction, resource: string, outcome: number, caseId: string | null = null, list?: ListContext): Promise<AccessEntry> {
    const ctx = requestContext();
    if (ctx) ctx.logged = true;
    let decision: Partial<CaseDecision> | undefined = caseId ? ctx?.decisions.get(caseId) : undefined;
    if (caseId && !decision && succeeded(outcome) && p.municipalities) decision = await this.access.usualDecision(p as Principal, caseId);
    let basis: AccessBasis | null = decision?.basis ?? null;
    if (!caseId && succeeded(outcome) && p.municipalities) basis = listBasis(p as Principal);
    if (!succeeded(outcome)) basis = null;
    const listMunicipality = list ? ((list.filters.municipality as string | undefined) ?? (p.municipalities?.length === 1 ? p.municipalities[0] : null)) : null;
    const purpose = ctx?.purpose ?? (basis ? { text: basis, source: 'BASIS' } : null);
    return {
      params: [
        p.sub, p.name ?? null, p.role, caseId, decision?.municipality ?? listMunicipality, action, resource, outcome, ctx?.requestId ?? null,
        list ? JSON.stringify(list.filters) : null, list ? [...new Set(list.caseIds)] : null,
        purpose?.text ?? null, purpose?.source ?? null, basis, basis === 'EMERGENCY' ? (ctx?.emergencyReason ?? null) : null,
        (p as Principal).clientId ?? null, ctx?.clientAddress ?? null,
      ],
    };
  }

  /** The entries in one INSERT, in their order (ids ascend with it). */
  async write(entries: AccessEntry[]) {
    const n = ENTRY_PARAMS;
    const rows = entries.map((_, i) => {
      const $ = (k: number) => `$${i * n + k}`;
      return `(now(), ${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}::uuid, COALESCE(${$(5)}, (SELECT municipality FROM ip_case WHERE case_id = ${$(4)}::uuid)), ${
        Array.from({ length: n - 5 }, (_, k) => $(k + 6)).join(', ')})`;
    });
    await this.db.query(
      `INSERT INTO access_log (at, actor_sub, actor_name, actor_role, case_id, municipality, action, resource, outcome, request_id, filters, case_ids,
                               purpose, purpose_source, basis, emergency_reason, client_id, client_address)
       VALUES ${rows.join(',\n              ')}`,
      entries.flatMap((e) => e.params),
    );
    for (const e of entries) e.written = true;
  }
}

/** One access-log row's parameters, as AccessLogService.entry took them. */
export interface AccessEntry {
  params: unknown[];
  written?: boolean;
}
const ENTRY_PARAMS = 17;

/** The filters of a list query as logged: the query's own fields, without paging internals. */
export const listFilters = (q: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(q).filter(([k, v]) => v !== undefined && k !== 'cursor'));
