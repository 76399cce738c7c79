// The coordinators' training register (hol § 7-3; K16). Not a case, so not a workflow: the API writes it directly,
// a KE leader for their municipality; KE and internal control read it within the municipalities of their token.
import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { canReadTrainings, canRecordTraining, canSeeMunicipality, Principal } from '../../../../libs/auth/src';
import { AccessAction, AccessLogService, listFilters } from '../access-log/access-log.service';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { SqlFilter } from '../common/sql-filter';
import { ProblemException, problems } from '../problem/problem';
import type { RecordTrainingDto, TrainingRegisterQueryDto } from './dto/coordinator-training.dto';

const COLUMNS = `t.id, t.municipality, t.employee_id AS "employeeId", t.course, t.completed_on AS "completedOn", t.recorded_by AS "recordedBy",
  t.recorded_at AS "recordedAt"`;

@Injectable()
export class CoordinatorTrainingsService {
  constructor(private readonly db: DataSource, private readonly accessLog: AccessLogService) {}

  async record(p: Principal, employeeId: string, dto: RecordTrainingDto) {
    const resource = `coordinators/${employeeId}/trainings`;
    if (!canRecordTraining(p, dto.municipality)) {
      await this.accessLog.record(p, 'CREATE', resource, 403);
      throw problems.forbidden('Only a KE leader of that municipality records coordinator training.');
    }
    const [row] = await this.db.query(
      `INSERT INTO coordinator_training AS t (id, municipality, employee_id, course, completed_on, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT ON CONSTRAINT coordinator_training_once DO NOTHING RETURNING ${COLUMNS}`,
      [randomUUID(), dto.municipality, employeeId, dto.course, dto.completedOn, p.sub],
    );
    if (!row) {
      await this.accessLog.record(p, 'CREATE', resource, 409);
      throw new ProblemException(HttpStatus.CONFLICT, 'Training already recorded', `${dto.course} on ${dto.completedOn} is already recorded for this coordinator.`, {
        code: 'training-already-recorded',
      });
    }
    await this.accessLog.record(p, 'CREATE', resource, 201);
    return row;
  }

  /** One coordinator's courses, in the municipalities of the caller's token. */
  async ofCoordinator(p: Principal, employeeId: string) {
    const resource = `coordinators/${employeeId}/trainings`;
    await this.mayRead(p, 'READ', resource);
    const items = await this.db.query(
      `SELECT ${COLUMNS} FROM coordinator_training t WHERE t.employee_id = $1 AND t.municipality = ANY($2) ORDER BY t.completed_on DESC, t.id DESC`,
      [employeeId, p.municipalities],
    );
    await this.accessLog.record(p, 'READ', resource, 200);
    return { items };
  }

  /** The register of a municipality (or all of the caller's), newest first, in keyset pages like the other lists. */
  async register(p: Principal, q: TrainingRegisterQueryDto) {
    await this.mayRead(p, 'LIST', 'coordinator-trainings');
    if (q.municipality && !canSeeMunicipality(p, q.municipality)) throw problems.forbidden('That municipality is not in your token.');
    const f = new SqlFilter().scoped({ municipalities: q.municipality ? [q.municipality] : p.municipalities, coordinator: null }, 't');
    if (q.cursor) {
      const [completedOn, id] = decodeCursor(q.cursor, ['date', 'uuid']);
      f.where(`(t.completed_on, t.id) < (${f.param(completedOn)}::date, ${f.param(id)}::uuid)`);
    }
    const limit = q.limit ?? 100;
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM coordinator_training t WHERE ${f} ORDER BY t.completed_on DESC, t.id DESC LIMIT ${f.param(limit + 1)}`,
      f.params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    await this.accessLog.record(p, 'LIST', 'coordinator-trainings', 200, null, { filters: listFilters(q), caseIds: [] });
    return { items: page, nextCursor: rows.length > limit && last ? encodeCursor([last.completedOn, last.id]) : null };
  }

  private async mayRead(p: Principal, action: AccessAction, resource: string) {
    if (canReadTrainings(p)) return;
    await this.accessLog.record(p, action, resource, 403);
    throw problems.forbidden('The training register is for the KE and internal control.');
  }
}
