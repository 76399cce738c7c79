// The caseworker's inbox. Reads come from the read model; claims, assignments and completions go to the
// case workflow (the only writer), which refuses what has moved on.
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  canAssignTask, canClaimTask, canCompleteTask, canReadCase, canReadWorkLists, canSeeMunicipality, canUnclaimTask, Principal,
} from '../../../../libs/auth/src';
import { osloDateOf } from '../../../../libs/calendar/src/civil-date';
import type { CommandEventType, TaskAction } from '../../../../libs/case-machine/src';
import { AccessLogService } from '../access-log/access-log.service';
import { actorOf, CaseCommandsService, TaskConflictError } from '../cases/case-commands.service';
import { EVENT_PAYLOADS } from '../cases/dto/case-event.dto';
import { IdempotencyService } from '../common/idempotency.service';
import { OpenApiSchemas } from '../common/openapi-schemas';
import { ProblemException, problems } from '../problem/problem';
import { decodeCursor, encodeCursor } from '../common/cursor';
import type { TaskQueryDto } from './dto/task-query.dto';
import { inboxQuery, inboxSortKeys, TASK_COLUMNS, TaskRow } from './tasks.queries';

const { notFound, forbidden } = problems;

/** Who closed a task, as the read model has it. */
const closedByOf = (t: TaskRow) => (t.closedBy ? { sub: t.closedBy, name: t.closedByName, at: t.closedAt } : null);

/** If-Match: "3", W/"3" or 3. */
function parseIfMatch(value?: string): number | undefined {
  if (value === undefined || value.trim() === '' || value.trim() === '*') return undefined; // '*': any current version
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(value.trim());
  if (!m) throw new ProblemException(HttpStatus.BAD_REQUEST, 'Bad Request', 'If-Match must be the task version as an ETag, e.g. "3"');
  return Number(m[1]);
}

@Injectable()
export class TasksService {
  constructor(
    private readonly db: DataSource,
    private readonly commands: CaseCommandsService,
    private readonly accessLog: AccessLogService,
    private readonly idempotency: IdempotencyService,
    private readonly schemas: OpenApiSchemas,
  ) {}

  private view(t: TaskRow) {
    return {
      id: t.id,
      caseId: t.caseId,
      municipality: t.municipality,
      kind: t.kind,
      candidateRole: t.candidateRole,
      assignee: t.assignee,
      status: t.status,
      priority: t.priority,
      due: t.due,
      overdue: !!t.due && ['OPEN', 'CLAIMED'].includes(t.status) && t.due < osloDateOf(Date.now()),
      deadlineKey: t.deadlineKey,
      completes: t.completes,
      createdAt: t.createdAt,
      closedAt: t.closedAt,
      closedBy: t.closedBy ? { sub: t.closedBy, name: t.closedByName } : null,
      closeReason: t.closeReason,
      version: t.version,
      caseStatus: t.caseStatus,
    };
  }

  async list(p: Principal, q: TaskQueryDto) {
    if (!canReadWorkLists(p)) throw forbidden('Your role has no task inbox.');
    if (q.municipality && !canSeeMunicipality(p, q.municipality)) throw forbidden('That municipality is not in your token.');
    const after = q.cursor ? decodeCursor(q.cursor, inboxSortKeys(q).length) : undefined;
    const query = inboxQuery(p, q, osloDateOf(Date.now()), after);
    const [rows, [counts]] = await Promise.all([
      this.db.query(query.page.sql, query.page.params) as Promise<TaskRow[]>,
      this.db.query(query.counts.sql, query.counts.params),
    ]);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > query.limit && last ? encodeCursor(query.cursorOf(last)) : null;
    await this.accessLog.record(p, 'LIST', 'tasks', 200);
    return { items: page.map((t) => this.view(t)), nextCursor, counts };
  }

  private async visibleTask(p: Principal, id: string): Promise<TaskRow> {
    const [row]: TaskRow[] = await this.db.query(`SELECT ${TASK_COLUMNS} FROM case_task t JOIN ip_case c ON c.case_id = t.case_id WHERE t.task_id = $1`, [id]);
    if (!row || !canReadWorkLists(p) || !canReadCase(p, row)) {
      await this.accessLog.record(p, 'READ', `tasks/${id}`, 404);
      throw notFound('task');
    }
    return row;
  }

  async get(p: Principal, id: string) {
    const t = await this.visibleTask(p, id);
    await this.accessLog.record(p, 'READ', `tasks/${id}`, 200, t.caseId);
    const dto = EVENT_PAYLOADS[t.completes as CommandEventType];
    return {
      ...this.view(t),
      input: { command: t.completes, schema: this.schemas.schemaOf(dto?.name ?? '') },
    };
  }

  private conflict(e: TaskConflictError, t: TaskRow): ProblemException {
    if (e.details.code === 'VERSION_MISMATCH') {
      return new ProblemException(HttpStatus.PRECONDITION_FAILED, 'Precondition Failed', e.message, { currentVersion: e.details.task?.version });
    }
    return new ProblemException(HttpStatus.CONFLICT, 'Task conflict', e.message, {
      code: e.details.code,
      completedBy: e.details.completedBy ?? closedByOf(t),
      assignee: e.details.task?.assignee ?? null,
    });
  }

  private closed(t: TaskRow) {
    return new ProblemException(HttpStatus.CONFLICT, 'Task conflict', `The task is ${t.status.toLowerCase()}.`, {
      code: 'NOT_OPEN',
      taskStatus: t.status,
      completedBy: closedByOf(t),
      closeReason: t.closeReason,
    });
  }

  async assignment(p: Principal, id: string, action: TaskAction, ifMatch?: string, assignee?: string) {
    const expectedVersion = parseIfMatch(ifMatch);
    const t = await this.visibleTask(p, id);
    const allowed = action === 'CLAIM' ? canClaimTask(p, t, t) : action === 'UNCLAIM' ? canUnclaimTask(p, t, t) : canAssignTask(p, t);
    if (!allowed) {
      await this.accessLog.record(p, 'COMMAND', `tasks/${id}/${action.toLowerCase()}`, 403, t.caseId);
      throw forbidden(`You may not ${action.toLowerCase()} this task.`);
    }
    if (!['OPEN', 'CLAIMED'].includes(t.status)) throw this.closed(t);
    if (expectedVersion !== undefined && expectedVersion !== t.version) {
      throw new ProblemException(HttpStatus.PRECONDITION_FAILED, 'Precondition Failed', `The task is at version ${t.version}.`, { currentVersion: t.version });
    }
    try {
      await this.commands.sendTaskCommand(t.caseId, { action, taskKey: t.taskKey, actor: actorOf(p), assignee, expectedVersion: expectedVersion ?? t.version });
    } catch (e) {
      if (e instanceof TaskConflictError) throw this.conflict(e, t);
      throw e;
    }
    await this.accessLog.record(p, 'COMMAND', `tasks/${id}/${action.toLowerCase()}`, 200, t.caseId);
    return this.view(await this.visibleTask(p, id));
  }

  async complete(p: Principal, id: string, body: Record<string, unknown>, ifMatch?: string, idempotencyKey?: string) {
    const route = `POST /tasks/${id}/complete`;
    if (idempotencyKey) {
      const earlier = await this.idempotency.find(p.sub, idempotencyKey, route);
      if (earlier) return earlier.response;
    }
    const expectedVersion = parseIfMatch(ifMatch);
    const t = await this.visibleTask(p, id);
    if (!canCompleteTask(p, t, t)) {
      await this.accessLog.record(p, 'COMMAND', `tasks/${id}/complete`, 403, t.caseId);
      throw forbidden('You may not complete this task.');
    }
    // The escalation task names its deadline: the leader need not repeat it.
    const payload = t.completes === 'ACKNOWLEDGE_ESCALATION' && t.deadlineKey ? { deadlineKey: t.deadlineKey, ...body } : body;
    const event = this.commands.toCommand(t.completes, payload ?? {});
    // With an Idempotency-Key the workflow answers a retry (same Update id) even after the task closed.
    if (!idempotencyKey && !['OPEN', 'CLAIMED'].includes(t.status)) throw this.closed(t);
    try {
      await this.commands.send(t.caseId, { event, actor: actorOf(p), task: { key: t.taskKey, expectedVersion } }, idempotencyKey ? `task:${id}:${idempotencyKey}` : undefined);
    } catch (e) {
      if (e instanceof TaskConflictError) {
        const fresh = await this.visibleTask(p, id);
        throw this.conflict(e, fresh);
      }
      throw e;
    }
    await this.accessLog.record(p, 'COMMAND', `tasks/${id}/complete`, 200, t.caseId);
    const answer = this.view(await this.visibleTask(p, id));
    if (idempotencyKey) await this.idempotency.remember(p.sub, idempotencyKey, route, { status: 200, response: answer });
    return answer;
  }
}
