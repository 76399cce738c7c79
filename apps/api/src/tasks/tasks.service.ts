// The caseworker's inbox. Reads come from the read model; claims, assignments and completions go to the
// case workflow (the only writer), which refuses what has moved on.
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  canAssignTask, canClaimTask, canCompleteTask, canReadCase, canReadWorkLists, canRetryArchiveIncident, canSeeMunicipality, canSendEvent, canUnclaimTask, Principal,
} from '../../../../libs/auth/src';
import { ARCHIVE_INCIDENT_TASK, ARCHIVE_RETRY_COMMAND, incidentOfTaskKey } from '../../../../libs/contracts/src/archive-delivery';
import { ArchiveService } from '../archive/archive.service';
import { osloDateOf } from '../../../../libs/calendar/src/civil-date';
import type { CommandEventType, TaskAction } from '../../../../libs/case-machine/src';
import { AccessLogService, listFilters } from '../access-log/access-log.service';
import { CaseAccessService } from '../access-log/case-access.service';
import { actorOf, CaseCommandsService, TaskConflictError } from '../cases/case-commands.service';
import { EVENT_PAYLOADS } from '../cases/dto/case-event.dto';
import { parseIfMatch, preconditionFailed } from '../common/etag';
import { OpenApiSchemas } from '../common/openapi-schemas';
import { ProblemException, problems } from '../problem/problem';
import { decodeCursor, encodeCursor } from '../common/cursor';
import type { TaskQueryDto } from './dto/task-query.dto';
import { inboxCursorKeys, inboxQuery, TASK_COLUMNS, TaskRow } from './tasks.queries';

const { notFound, forbidden } = problems;

/** Who closed a task, as the read model has it. */
const closedByOf = (t: TaskRow) => (t.closedBy ? { sub: t.closedBy, name: t.closedByName, at: t.closedAt } : null);

const OPEN = ['OPEN', 'CLAIMED'];

@Injectable()
export class TasksService {
  constructor(
    private readonly db: DataSource,
    private readonly commands: CaseCommandsService,
    private readonly accessLog: AccessLogService,
    private readonly schemas: OpenApiSchemas,
    private readonly caseAccess: CaseAccessService,
    private readonly archive: ArchiveService,
  ) {}

  /** An archive incident's task is the archive delivery's, not the case's: done by retrying the incident. */
  private async completeArchiveIncident(p: Principal, id: string, t: TaskRow) {
    const incidentId = incidentOfTaskKey(t.taskKey)!;
    if (!canRetryArchiveIncident(p)) {
      await this.accessLog.record(p, 'COMMAND', `tasks/${id}/complete`, 403, t.caseId);
      throw forbidden('Only a KE leader (or the system role) retries a refused archive message.');
    }
    if (!OPEN.includes(t.status)) throw this.closed(t);
    await this.archive.retry(p, incidentId);
    await this.accessLog.record(p, 'COMMAND', `tasks/${id}/complete`, 200, t.caseId);
    return this.view((await this.taskRow(id))!);
  }

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
      commands: t.commands ?? [t.completes],
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
    const after = q.cursor ? decodeCursor(q.cursor, inboxCursorKeys(q)) : undefined;
    const query = inboxQuery(p, q, osloDateOf(Date.now()), after);
    const [rows, [counts]] = await Promise.all([
      this.db.query(query.page.sql, query.page.params) as Promise<TaskRow[]>,
      this.db.query(query.counts.sql, query.counts.params),
    ]);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > query.limit && last ? encodeCursor(query.cursorOf(last)) : null;
    await this.accessLog.record(p, 'LIST', 'tasks', 200, null, { filters: listFilters(q), caseIds: page.map((t) => t.caseId) });
    return { items: page.map((t) => this.view(t)), nextCursor, counts };
  }

  private async taskRow(id: string): Promise<TaskRow | undefined> {
    const [row]: TaskRow[] = await this.db.query(`SELECT ${TASK_COLUMNS} FROM case_task t JOIN ip_case c ON c.case_id = t.case_id WHERE t.task_id = $1`, [id]);
    return row;
  }

  /** The task if the policy lets `p` read its case; `emergency`: GET /tasks/:id may break the glass, commands never. */
  private async visibleTask(p: Principal, id: string, o: { emergency?: boolean } = {}): Promise<TaskRow> {
    const row = await this.taskRow(id);
    if (!row || !canReadWorkLists(p) || !(await this.caseAccess.decide(p, row, o)).allowed) {
      await this.accessLog.record(p, 'READ', `tasks/${id}`, 404);
      throw notFound('task');
    }
    return row;
  }

  async get(p: Principal, id: string) {
    const t = await this.visibleTask(p, id, { emergency: true });
    await this.accessLog.record(p, 'READ', `tasks/${id}`, 200, t.caseId);
    // Retrying an archive incident takes no payload.
    const inputOf = (command: string) => ({
      command,
      schema: command === ARCHIVE_RETRY_COMMAND ? { type: 'object', properties: {}, additionalProperties: false } : this.schemas.schemaOf(EVENT_PAYLOADS[command as CommandEventType]?.name ?? ''),
    });
    const commands = t.commands ?? [t.completes];
    return {
      ...this.view(t),
      // The command the task is completed by, and (accept or decline) every command it offers, each with its schema.
      input: inputOf(t.completes),
      inputs: commands.map(inputOf),
    };
  }

  private conflict(e: TaskConflictError, t: TaskRow): ProblemException {
    if (e.details.code === 'VERSION_MISMATCH') return preconditionFailed(e.details.task?.version ?? t.version);
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
    if (t.kind === ARCHIVE_INCIDENT_TASK) {
      throw new ProblemException(HttpStatus.CONFLICT, 'Task conflict', 'An archive incident is not claimed or assigned: the KE leader retries it (complete the task).', { code: 'NOT_CLAIMABLE' });
    }
    const allowed = action === 'CLAIM' ? canClaimTask(p, t, t) : action === 'UNCLAIM' ? canUnclaimTask(p, t, t) : canAssignTask(p, t);
    if (!allowed) {
      await this.accessLog.record(p, 'COMMAND', `tasks/${id}/${action.toLowerCase()}`, 403, t.caseId);
      throw forbidden(`You may not ${action.toLowerCase()} this task.`);
    }
    if (!OPEN.includes(t.status)) throw this.closed(t);
    if (expectedVersion !== undefined && expectedVersion !== t.version) throw preconditionFailed(t.version);
    try {
      await this.commands.sendTaskCommand(t.caseId, { action, taskKey: t.taskKey, actor: actorOf(p), assignee, expectedVersion: expectedVersion ?? t.version });
    } catch (e) {
      if (e instanceof TaskConflictError) throw this.conflict(e, t);
      throw e;
    }
    await this.accessLog.record(p, 'COMMAND', `tasks/${id}/${action.toLowerCase()}`, 200, t.caseId);
    return this.view(await this.visibleTask(p, id));
  }

  /** Completes the task with its command, or (a task offering several, e.g. accept or decline) the one `type` names. */
  async complete(p: Principal, id: string, body: Record<string, unknown>, ifMatch?: string, idempotencyId?: string) {
    const expectedVersion = parseIfMatch(ifMatch);
    const t = await this.visibleTask(p, id);
    if (t.kind === ARCHIVE_INCIDENT_TASK) return this.completeArchiveIncident(p, id, t);
    if (!canCompleteTask(p, t, t)) {
      await this.accessLog.record(p, 'COMMAND', `tasks/${id}/complete`, 403, t.caseId);
      throw forbidden('You may not complete this task.');
    }
    const { type, ...fields } = body ?? {};
    const commands = t.commands ?? [t.completes];
    if (type !== undefined && !commands.includes(String(type))) {
      throw problems.invalid('This task is completed by another command.', [{ field: 'type', reason: `type must be one of: ${commands.join(', ')}` }]);
    }
    const command = (type as string | undefined) ?? t.completes;
    if (!canSendEvent(p, t, command as CommandEventType)) throw forbidden(`You may not send ${command} on this case.`);
    // The escalation task names its deadline: the leader need not repeat it.
    const payload = command === 'ACKNOWLEDGE_ESCALATION' && t.deadlineKey ? { deadlineKey: t.deadlineKey, ...fields } : fields;
    const event = this.commands.toCommand(command, payload);
    // With an Idempotency-Key the workflow answers a retry (same Update id) even after the task closed.
    if (!idempotencyId && !OPEN.includes(t.status)) throw this.closed(t);
    if (!OPEN.includes(t.status) && expectedVersion !== undefined && expectedVersion !== t.version) throw preconditionFailed(t.version);
    try {
      await this.commands.send(t.caseId, { event, actor: actorOf(p), task: { key: t.taskKey, expectedVersion } }, idempotencyId && `task:${idempotencyId}`);
    } catch (e) {
      if (e instanceof TaskConflictError) {
        const fresh = await this.visibleTask(p, id);
        throw this.conflict(e, fresh);
      }
      throw e;
    }
    await this.accessLog.record(p, 'COMMAND', `tasks/${id}/complete`, 200, t.caseId);
    // Completing can take away the sender's access (a proposed coordinator declines): the task as closed, never a 404.
    const done = (await this.taskRow(id))!;
    return canReadCase(p, done) ? this.view(done) : { ...this.view(done), caseStatus: null, visible: false };
  }
}
