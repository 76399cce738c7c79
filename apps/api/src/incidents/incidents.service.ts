// Incidents: commands a case accepted that PostgreSQL refused to record for good. The leader sees them across cases
// and resolves them; the resolution goes through the case workflow (the only writer of a case).
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canReadCase, canResolveIncident, canSeeIncidents, canSeeMunicipality, Principal, readScope } from '../../../../libs/auth/src';
import { AccessLogService, listFilters } from '../access-log/access-log.service';
import { actorOf, CaseCommandsService } from '../cases/case-commands.service';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { SqlFilter } from '../common/sql-filter';
import { problems } from '../problem/problem';
import type { IncidentQueryDto } from './dto/incident.dto';

const COLUMNS = `i.incident_id AS "incidentId", i.case_id AS "caseId", i.municipality, i.event_type AS "eventType", i.actor_sub AS "actorSub",
  i.actor_role AS "actorRole", i.sql_state AS "sqlState", i.constraint_name AS "constraintName", i.opened_at AS "openedAt", i.status,
  i.resolved_by AS "resolvedBy", i.resolved_at AS "resolvedAt", i.resolution`;


@Injectable()
export class IncidentsService {
  constructor(private readonly db: DataSource, private readonly accessLog: AccessLogService, private readonly commands: CaseCommandsService) {}

  async list(p: Principal, q: IncidentQueryDto) {
    if (!canSeeIncidents(p)) throw problems.forbidden('Incidents are followed up by the KE leader.');
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
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM case_incident i JOIN ip_case c ON c.case_id = i.case_id WHERE ${g} ORDER BY i.opened_at, i.incident_id LIMIT ${g.param(limit + 1)}`,
      g.params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    await this.accessLog.record(p, 'LIST', 'incidents', 200, null, { filters: listFilters(q), caseIds: page.map((i: { caseId: string }) => i.caseId) });
    return { items: page, nextCursor: rows.length > limit && last ? encodeCursor([new Date(last.openedAt).toISOString(), last.incidentId]) : null };
  }

  async resolve(p: Principal, incidentId: string, resolution: string) {
    const [row] = await this.db.query(
      `SELECT ${COLUMNS}, c.coordinator_employee_id AS "coordinatorEmployeeId", c.proposed_coordinator_employee_id AS "proposedCoordinatorEmployeeId"
       FROM case_incident i JOIN ip_case c ON c.case_id = i.case_id WHERE i.incident_id = $1`,
      [incidentId],
    );
    if (!row || !canSeeIncidents(p) || !canReadCase(p, row)) {
      await this.accessLog.record(p, 'COMMAND', `incidents/${incidentId}/resolve`, 404);
      throw problems.notFound('incident');
    }
    if (!canResolveIncident(p)) {
      await this.accessLog.record(p, 'COMMAND', `incidents/${incidentId}/resolve`, 403, row.caseId);
      throw problems.forbidden('Only a KE leader resolves an incident.');
    }
    await this.commands.resolveIncident(row.caseId, { incidentId, actor: actorOf(p), resolution });
    await this.accessLog.record(p, 'COMMAND', `incidents/${incidentId}/resolve`, 200, row.caseId);
    const [done] = await this.db.query(`SELECT ${COLUMNS} FROM case_incident i WHERE i.incident_id = $1`, [incidentId]);
    return done;
  }
}
