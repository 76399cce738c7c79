// The inbox queries, kept apart so the benchmark can EXPLAIN exactly what the API runs.
import { CaseScope, Principal, readScope } from '../../../../libs/auth/src';
import type { CursorKey } from '../common/cursor';
import { perMunicipality, SqlFilter } from '../common/sql-filter';
import type { TaskQueryDto } from './dto/task-query.dto';

export interface TaskRow extends CaseScope {
  id: string;
  caseId: string;
  taskKey: string;
  kind: string;
  candidateRole: string;
  assignee: string | null;
  status: string;
  priority: number;
  due: string | null;
  deadlineKey: string | null;
  completes: string;
  /** Every command that completes it (null in rows from before alternatives). */
  commands: string[] | null;
  createdAt: Date;
  closedAt: Date | null;
  closedBy: string | null;
  closedByName: string | null;
  closeReason: string | null;
  version: number;
  caseStatus: string;
}

export const TASK_COLUMNS = `t.task_id AS id, t.case_id AS "caseId", t.task_key AS "taskKey", t.kind, t.candidate_role AS "candidateRole", t.assignee,
  t.status, t.priority, t.due, t.deadline_key AS "deadlineKey", t.completes, t.commands, t.created_at AS "createdAt", t.closed_at AS "closedAt",
  t.closed_by AS "closedBy", t.closed_by_name AS "closedByName", t.close_reason AS "closeReason", t.version, c.municipality,
  c.status AS "caseStatus", c.coordinator_employee_id AS "coordinatorEmployeeId", c.proposed_coordinator_employee_id AS "proposedCoordinatorEmployeeId"`;

export interface SqlQuery {
  sql: string;
  params: unknown[];
}

export interface InboxQuery {
  page: SqlQuery;
  counts: SqlQuery;
  limit: number;
  cursorOf(row: TaskRow): unknown[];
}

const NO_DUE = '9999-12-31'; // tasks without a deadline sort last

/** The keyset the inbox sorts and pages by; a cursor holds one value per key. */
export const inboxSortKeys = (q: Pick<TaskQueryDto, 'sort'>) =>
  q.sort === 'priority' ? ['t.priority', `COALESCE(t.due, '${NO_DUE}')`, 't.task_id'] : [`COALESCE(t.due, '${NO_DUE}')`, 't.task_id'];

/** The type of each sort key, for the cursor. */
export const inboxCursorKeys = (q: Pick<TaskQueryDto, 'sort'>): CursorKey[] => (q.sort === 'priority' ? ['smallint', 'date', 'uuid'] : ['date', 'uuid']);

/** One page of the inbox (keyset-paged) and the counts for dashboards, over the caller's scope. */
export function inboxQuery(p: Principal, q: TaskQueryDto, today: string, after?: unknown[]): InboxQuery {
  const scope = readScope(p);
  const f = new SqlFilter().scoped(scope, 'c', 't.municipality');
  // The case is joined for counting only when the scope needs it (a coordinator sees only their cases).
  const countFrom = scope.coordinator ? 'case_task t JOIN ip_case c ON c.case_id = t.case_id' : 'case_task t';
  if (q.municipality) f.where(`t.municipality = ${f.param(q.municipality)}`);
  const status = q.status ?? 'ACTIVE';
  f.where(status === 'ACTIVE' ? `t.status IN ('OPEN', 'CLAIMED')` : `t.status = ${f.param(status)}`);

  // Counts over the same scope and status, before the narrowing filters.
  const c = new SqlFilter();
  c.params.push(...f.params);
  const counts = {
    sql: `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE t.assignee = ${c.param(p.sub)})::int AS mine,
            count(*) FILTER (WHERE t.assignee IS NULL AND t.candidate_role = ${c.param(p.role)})::int AS "myRoleUnassigned",
            count(*) FILTER (WHERE t.due < ${c.param(today)})::int AS overdue,
            count(*) FILTER (WHERE t.priority = 1)::int AS escalated
          FROM ${countFrom} WHERE ${f}`,
    params: c.params,
  };

  if (q.mine) f.where(`t.assignee = ${f.param(p.sub)}`);
  if (q.unassigned) f.where(`t.assignee IS NULL AND t.candidate_role = ${f.param(p.role)}`);
  if (q.kind) f.where(`t.kind = ${f.param(q.kind)}`);
  if (q.caseId) f.where(`t.case_id = ${f.param(q.caseId)}`);
  if (q.dueBefore) f.where(`t.due < ${f.param(q.dueBefore)}`);
  if (q.dueAfter) f.where(`t.due > ${f.param(q.dueAfter)}`);
  if (q.overdue) f.where(`t.due < ${f.param(today)}`);
  const byPriority = q.sort === 'priority';
  const keys = inboxSortKeys(q);
  if (after) {
    f.where(`(${keys.join(', ')}) > (${after.map((v) => f.param(v)).join(', ')})`);
  }
  const limit = q.limit ?? 50;
  const take = f.param(limit + 1);
  const page = `SELECT ${TASK_COLUMNS} FROM case_task t JOIN ip_case c ON c.case_id = t.case_id WHERE ${f} ORDER BY ${keys.join(', ')} LIMIT ${take}`;
  // Several municipalities (an inter-municipal KE): one ordered index scan per municipality, merged,
  // instead of sorting every open task of all of them.
  const merged = scope.municipalities.length > 1 && !q.municipality;
  const outerKeys = keys.map((k) => k.replace('t.task_id', 'x.id').replace(/t\./g, 'x.'));
  return {
    page: {
      sql: merged ? perMunicipality(f, scope.municipalities, page, 't.municipality', outerKeys.join(', '), take) : page,
      params: f.params,
    },
    counts,
    limit,
    cursorOf: (row) => (byPriority ? [row.priority, row.due ?? NO_DUE, row.id] : [row.due ?? NO_DUE, row.id]),
  };
}
