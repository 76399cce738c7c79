// Who works on which open task of a case, with a version per task so that no update is lost (If-Match).
// Kept by the case workflow (the only writer); pure so it replays the same way every time.
import type { Role } from './ip-case.meta';
import type { CaseTask } from './ip-case.tasks';

export type TaskAction = 'CLAIM' | 'UNCLAIM' | 'ASSIGN';

export interface Assignment {
  assignee: string | null;
  version: number;
}

export type AssignmentTable = Record<string, Assignment>;

export interface AssignedTask extends CaseTask {
  version: number;
}

export type TaskConflictCode = 'NOT_OPEN' | 'VERSION_MISMATCH' | 'HELD_BY_OTHER' | 'WRONG_ROLE' | 'NOT_YOURS' | 'LEADER_ONLY' | 'NO_ASSIGNEE' | 'WRONG_COMMAND';

export class TaskConflict extends Error {
  constructor(readonly code: TaskConflictCode, message: string, readonly current?: AssignedTask) {
    super(message);
  }
}

/** The open tasks with their assignee (explicit, else the person the case names) and version. */
export function withAssignments(tasks: CaseTask[], table: AssignmentTable): AssignedTask[] {
  return tasks.map((t) => {
    const a = table[t.key];
    return { ...t, assignee: a ? a.assignee : t.assignee, version: a?.version ?? 1 };
  });
}

/** Drops entries of tasks that are no longer open, so a re-opened task starts unassigned at version 1. */
export function prune(table: AssignmentTable, tasks: CaseTask[]): AssignmentTable {
  const open = new Set(tasks.map((t) => t.key));
  return Object.fromEntries(Object.entries(table).filter(([key]) => open.has(key)));
}

export interface AssignmentRequest {
  action: TaskAction;
  taskKey: string;
  actor: { sub: string; role: Role };
  assignee?: string;
  expectedVersion?: number;
}

/** Checks a claim, unclaim or assignment against the task as it is now; throws TaskConflict when refused. */
export function checkAssignment(tasks: AssignedTask[], r: AssignmentRequest): AssignedTask {
  const task = tasks.find((t) => t.key === r.taskKey);
  if (!task) throw new TaskConflict('NOT_OPEN', `task ${r.taskKey} is no longer open`);
  if (r.expectedVersion !== undefined && r.expectedVersion !== task.version) {
    throw new TaskConflict('VERSION_MISMATCH', `task ${r.taskKey} is at version ${task.version}, not ${r.expectedVersion}`, task);
  }
  switch (r.action) {
    case 'CLAIM':
      if (task.role !== r.actor.role) throw new TaskConflict('WRONG_ROLE', `task ${r.taskKey} is for ${task.role}`, task);
      if (task.assignee && task.assignee !== r.actor.sub) throw new TaskConflict('HELD_BY_OTHER', `task ${r.taskKey} is claimed by ${task.assignee}`, task);
      break;
    case 'UNCLAIM':
      if (task.assignee !== null && task.assignee !== r.actor.sub && r.actor.role !== 'KE_LEADER') {
        throw new TaskConflict('NOT_YOURS', `task ${r.taskKey} is not yours`, task);
      }
      break;
    case 'ASSIGN':
      if (r.actor.role !== 'KE_LEADER') throw new TaskConflict('LEADER_ONLY', 'only a KE leader assigns tasks', task);
      if (!r.assignee) throw new TaskConflict('NO_ASSIGNEE', 'an assignment names the assignee', task);
      break;
  }
  return task;
}

/** Who holds the task after the request; when that is who holds it now, the request changes nothing (a retry). */
export function assigneeAfter(r: AssignmentRequest): string | null {
  return r.action === 'CLAIM' ? r.actor.sub : r.action === 'ASSIGN' ? r.assignee! : null;
}

export function applyAssignment(table: AssignmentTable, task: AssignedTask, r: AssignmentRequest): AssignmentTable {
  return { ...table, [task.key]: { assignee: assigneeAfter(r), version: task.version + 1 } };
}
