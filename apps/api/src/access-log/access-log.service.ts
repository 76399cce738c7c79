import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../../libs/auth/src';
import { requestContext } from './request-context';

export type AccessAction = 'READ' | 'LIST' | 'CREATE' | 'COMMAND';

/** What a list was asked for and which cases it showed (no personal data: filters are codes, dates and ids). */
export interface ListContext {
  filters: Record<string, unknown>;
  caseIds: string[];
}

/** Appends who read or changed which case (Normen faktaark 15), with the request it belongs to. Never logs personal data to stdout. */
@Injectable()
export class AccessLogService {
  constructor(private readonly db: DataSource) {}

  async record(p: Pick<Principal, 'sub' | 'role'>, action: AccessAction, resource: string, outcome: number, caseId: string | null = null, list?: ListContext) {
    const ctx = requestContext();
    if (ctx) ctx.logged = true;
    await this.db.query(
      `INSERT INTO access_log (at, actor_sub, actor_role, case_id, action, resource, outcome, request_id, filters, case_ids)
       VALUES (now(), $1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [p.sub, p.role, caseId, action, resource, outcome, ctx?.requestId ?? null, list ? JSON.stringify(list.filters) : null, list ? [...new Set(list.caseIds)] : null],
    );
  }
}

/** The filters of a list query as logged: the query's own fields, without paging internals. */
export const listFilters = (q: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(q).filter(([k, v]) => v !== undefined && k !== 'cursor'));
