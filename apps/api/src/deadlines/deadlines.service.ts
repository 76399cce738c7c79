import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canReadWorkLists, canSeeMunicipality, Principal, readScope } from '../../../../libs/auth/src';
import { osloDateOf } from '../../../../libs/calendar/src/civil-date';
import { AccessLogService, listFilters } from '../access-log/access-log.service';
import { perMunicipality, SqlFilter } from '../common/sql-filter';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { problems } from '../problem/problem';
import type { DeadlineQueryDto } from './dto/deadline-query.dto';

/** Open deadlines across cases, each with the legal or local rule behind it. */
@Injectable()
export class DeadlinesService {
  constructor(private readonly db: DataSource, private readonly accessLog: AccessLogService) {}

  async list(p: Principal, q: DeadlineQueryDto) {
    if (!canReadWorkLists(p)) throw problems.forbidden('Your role has no deadline list.');
    if (q.municipality && !canSeeMunicipality(p, q.municipality)) throw problems.forbidden('That municipality is not in your token.');
    // The scope on the deadline's own municipality (always the case's: both are the workflow's, never changed), so the
    // partial index (municipality, due, case_id, deadline_key) gives the page's order and the scan stops at the limit.
    const scope = readScope(p);
    const f = new SqlFilter().scoped(scope, 'c', 'd.municipality').where(`d.status = 'OPEN'`);
    if (q.municipality) f.where(`d.municipality = ${f.param(q.municipality)}`);
    if (q.kind) f.where(`d.kind = ${f.param(q.kind)}`);
    if (q.dueFrom) f.where(`d.due >= ${f.param(q.dueFrom)}`);
    if (q.dueTo) f.where(`d.due <= ${f.param(q.dueTo)}`);
    if (q.overdue) f.where(`d.due < ${f.param(osloDateOf(Date.now()))}`);
    if (q.escalated !== undefined) f.where(q.escalated ? `d.breached_at IS NOT NULL` : `d.breached_at IS NULL`);
    if (q.automatic !== undefined) f.where(q.automatic ? `d.source = 'AUTOMATIC'` : `d.source <> 'AUTOMATIC'`);
    if (q.cursor) {
      const [due, caseId, key] = decodeCursor(q.cursor, ['date', 'uuid', 'text']);
      f.where(`(d.due, d.case_id, d.deadline_key) > (${f.param(due)}, ${f.param(caseId)}, ${f.param(key)})`);
    }
    const limit = q.limit ?? 100;
    const take = f.param(limit + 1);
    const sql = `SELECT d.case_id AS "caseId", d.deadline_key AS key, d.kind, d.municipality, d.source, d.rule, d.legal_basis AS "legalBasis",
              d.started_on AS "startedOn", d.due, d.remind_on AS "remindOn", d.reminded_at AS "remindedAt", d.breached_at AS "breachedAt",
              d.escalate_to AS "escalateTo", d.escalation_acknowledged_at AS "escalationAcknowledgedAt", c.status AS "caseStatus",
              d.effect, d.fires_at AS "firesAt", d.for_deadline AS "forDeadline"
       FROM case_deadline d JOIN ip_case c ON c.case_id = d.case_id WHERE ${f}
       ORDER BY d.due, d.case_id, d.deadline_key LIMIT ${take}`;
    const rows = await this.db.query(
      scope.municipalities.length > 1 && !q.municipality ? perMunicipality(f, scope.municipalities, sql, 'd.municipality', 'x.due, x."caseId", x.key', take) : sql,
      f.params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    await this.accessLog.record(p, 'LIST', 'deadlines', 200, null, { filters: listFilters(q), caseIds: page.map((d: { caseId: string }) => d.caseId) });
    return {
      items: page,
      nextCursor: rows.length > limit ? encodeCursor([last.due, last.caseId, last.key]) : null,
    };
  }
}

