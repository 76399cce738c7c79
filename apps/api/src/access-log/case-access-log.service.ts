// A case's own access log (Normen; the person's right to know who accessed their record): every successful read,
// list that showed the case, and change, newest first, for the KE leader or the integration on the person's behalf.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canReadCase, canReadCaseAccessLog, caseAccessLogBasis, Principal } from '../../../../libs/auth/src';
import type { AccessLogRecord } from '../../../../libs/audit/src/fhir/audit-event';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { problems } from '../problem/problem';
import { AccessLogService } from './access-log.service';
import { CaseAccessService } from './case-access.service';

const COLUMNS = `id::text AS id, at, actor_sub AS "actorSub", actor_name AS "actorName", actor_role AS "actorRole", action, resource, outcome,
  municipality, purpose, purpose_source AS "purposeSource", basis, emergency_reason AS "emergencyReason", request_id AS "requestId",
  client_id AS "clientId", client_address AS "clientAddress", filters`;

export interface CaseAccessLogPage {
  caseId: string;
  entries: AccessLogRecord[];
  nextCursor: string | null;
}

@Injectable()
export class CaseAccessLogService {
  constructor(
    private readonly db: DataSource,
    private readonly accessLog: AccessLogService,
    private readonly caseAccess: CaseAccessService,
  ) {}

  async page(p: Principal, caseId: string, q: { cursor?: string; limit?: number }): Promise<CaseAccessLogPage> {
    const resource = `cases/${caseId}/access-log`;
    const [row] = await this.db.query(
      `SELECT municipality, coordinator_employee_id AS "coordinatorEmployeeId", proposed_coordinator_employee_id AS "proposedCoordinatorEmployeeId" FROM ip_case WHERE case_id = $1`,
      [caseId],
    );
    // A case the person may not read at all (another municipality's, or not their own as a coordinator) does not exist for them.
    if (!row || !canReadCase(p, row)) {
      await this.accessLog.record(p, 'READ', resource, 404, caseId);
      throw problems.notFound('case');
    }
    if (!canReadCaseAccessLog(p, row)) {
      await this.accessLog.record(p, 'READ', resource, 403, caseId);
      throw problems.forbidden("A case's access log is read by the KE leader and internal control, or by the integration on behalf of the person.");
    }
    const [after] = q.cursor ? decodeCursor(q.cursor, ['bigint']) : [];
    const limit = q.limit ?? 50;
    // ORDER BY the column: the output's `id` is its text, which would sort 9 after 25.
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM access_log
       WHERE (case_id = $1 OR case_ids @> ARRAY[$1]::uuid[]) AND outcome BETWEEN 200 AND 299 ${after ? 'AND id < $3::bigint' : ''}
       ORDER BY access_log.id DESC LIMIT $2`,
      after ? [caseId, limit + 1, after] : [caseId, limit + 1],
    );
    const page = rows.slice(0, limit);
    this.caseAccess.remember(caseId, caseAccessLogBasis(p, await this.caseAccess.relation(p, caseId)), row.municipality);
    await this.accessLog.record(p, 'READ', resource, 200, caseId);
    return {
      caseId,
      entries: page.map((r: Record<string, unknown>) => ({
        ...(r as unknown as AccessLogRecord),
        actor: { sub: r.actorSub as string, name: r.actorName as string | null, role: r.actorRole as string },
        at: new Date(r.at as string).toISOString(),
        caseId,
      })),
      nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1].id]) : null,
    };
  }
}
