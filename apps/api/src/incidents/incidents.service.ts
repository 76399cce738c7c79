// Incidents: commands a case accepted that PostgreSQL refused to record for good. The leader sees them across cases
// and resolves them; the resolution goes through the case workflow (the only writer of a case).
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canReadCase, canResolveIncident, canSeeIncidents, Principal } from '../../../../libs/auth/src';
import { AccessLogService } from '../access-log/access-log.service';
import { actorOf, CaseCommandsService } from '../cases/case-commands.service';
import { incidentPage } from '../common/incident-page';
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
    return incidentPage(this.db, this.accessLog, p, q, { table: 'case_incident', columns: COLUMNS, resource: 'incidents' });
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
