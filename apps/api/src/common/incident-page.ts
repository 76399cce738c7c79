// One page of incidents — a case's commands PostgreSQL refused, the archive's refusals — in the cases the reader may
// see, oldest first, by cursor; the page is access-logged with the cases it shows.
import type { DataSource } from 'typeorm';
import { canSeeMunicipality, Principal, readScope } from '../../../../libs/auth/src';
import { AccessLogService, listFilters } from '../access-log/access-log.service';
import { problems } from '../problem/problem';
import { decodeCursor, encodeCursor } from './cursor';
import { SqlFilter } from './sql-filter';

export interface IncidentPageQuery {
  status?: string;
  municipality?: string;
  caseId?: string;
  cursor?: string;
  limit?: number;
}

/** `table` is aliased `i` and joined to the case (`c`); `columns` name at least caseId, openedAt and incidentId. */
export async function incidentPage(db: DataSource, accessLog: AccessLogService, p: Principal, q: IncidentPageQuery, o: { table: string; columns: string; resource: string }) {
  if (q.municipality && !canSeeMunicipality(p, q.municipality)) throw problems.forbidden('That municipality is not in your token.');
  const g = new SqlFilter().scoped(readScope(p), 'c');
  g.where(`i.status = ${g.param(q.status ?? 'OPEN')}`);
  if (q.municipality) g.where(`i.municipality = ${g.param(q.municipality)}`);
  if (q.caseId) g.where(`i.case_id = ${g.param(q.caseId)}`);
  if (q.cursor) {
    const [openedAt, id] = decodeCursor(q.cursor, ['timestamptz', 'uuid']);
    g.where(`(i.opened_at, i.incident_id) > (${g.param(openedAt)}::timestamptz, ${g.param(id)}::uuid)`);
  }
  const limit = q.limit ?? 100;
  const rows = await db.query(
    `SELECT ${o.columns} FROM ${o.table} i JOIN ip_case c ON c.case_id = i.case_id WHERE ${g} ORDER BY i.opened_at, i.incident_id LIMIT ${g.param(limit + 1)}`,
    g.params,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  await accessLog.record(p, 'LIST', o.resource, 200, null, { filters: listFilters(q), caseIds: page.map((i: { caseId: string }) => i.caseId) });
  return { items: page, nextCursor: rows.length > limit && last ? encodeCursor([new Date(last.openedAt).toISOString(), last.incidentId]) : null };
}
