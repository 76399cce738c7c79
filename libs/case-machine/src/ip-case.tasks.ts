// The work a case waits for: the tasks its states declare (state meta `tasks`), plus the cross-cutting
// tasks that follow from its data and its deadlines (reminders reached, vacancies, age events, escalations).
import type { AnyMachineSnapshot } from 'xstate';
import type { CommandEventType } from './ip-case.events';
import type { OpenDeadline } from './ip-case.deadlines';
import { hasAppointmentConsent, partiesToNotify, planWorkAllowed } from './ip-case.guards';
import { RULES } from './ip-case.rules';
import type { DeadlineKind, Role, StateMeta, TaskCondition, TaskDeclaration } from './ip-case.meta';
import type { IpCaseContext } from './ip-case.types';

export type TaskPriority = 1 | 2 | 3; // 1 urgent (escalated), 2 statutory deadline, 3 normal

export interface CaseTask {
  /** Stable within the case while the task is open: the projection keeps one row per open key. */
  key: string;
  kind: string;
  role: Role;
  completes: CommandEventType;
  /** Every command that completes the task: `completes` first, then the alternatives (accept or decline). */
  commands: CommandEventType[];
  due: string | null;
  deadlineKey: string | null;
  /** The person the case names for the task (a coordinator's own appointment), if any. */
  assignee: string | null;
  priority: TaskPriority;
}

const CONDITIONS: Record<TaskCondition, (c: IpCaseContext) => boolean> = {
  hasAppointmentConsent,
  awaitsAppointmentConsent: (c) => !hasAppointmentConsent(c),
  planWorkAllowed,
  coordinatorOnly: (c) => !planWorkAllowed(c),
  hasPlanDraft: (c) => c.planDraft !== null,
  awaitsPlanDraft: (c) => c.planDraft === null,
  appealLatenessPending: (c) => RULES.lateAppealPending.holds(c, undefined as never),
  appealReadyForReconsideration: (c) => RULES.lateAppealAssessed.holds(c, undefined as never),
};

function assigneeFor(c: IpCaseContext, d: Pick<TaskDeclaration, 'assignTo'>): string | null {
  if (d.assignTo === 'coordinator') return c.coordinator?.employeeId ?? null;
  if (d.assignTo === 'proposedCoordinator') return c.proposedCoordinator?.employeeId ?? null;
  return null;
}

function priorityOf(deadline: OpenDeadline | undefined, escalation = false): TaskPriority {
  if (escalation || deadline?.breachedAt) return 1;
  return deadline?.source === 'STATUTORY' ? 2 : 3;
}

export function openTasks(snapshot: AnyMachineSnapshot, deadlines: OpenDeadline[]): CaseTask[] {
  if (snapshot.status !== 'active') return [];
  const ctx = snapshot.context as IpCaseContext;
  const byKind = (kinds: readonly DeadlineKind[]) =>
    deadlines.filter((d) => kinds.includes(d.kind)).sort((a, b) => a.due.localeCompare(b.due))[0];
  const make = (d: TaskDeclaration, deadline?: OpenDeadline, key = d.kind, escalation = false): CaseTask => ({
    key,
    kind: d.kind,
    role: d.role,
    completes: d.completes,
    commands: [d.completes, ...(d.alsoCompletedBy ?? [])],
    due: deadline?.due ?? null,
    deadlineKey: deadline?.key ?? null,
    assignee: assigneeFor(ctx, d),
    priority: priorityOf(deadline, escalation),
  });

  const tasks: CaseTask[] = [];
  for (const meta of Object.values(snapshot.getMeta() as Record<string, StateMeta | undefined>)) {
    for (const d of meta?.tasks ?? []) {
      if (!d.when || CONDITIONS[d.when](ctx)) tasks.push(make(d, byKind(meta?.deadlines ?? [])));
    }
  }
  const deadline = (kind: DeadlineKind) => deadlines.find((d) => d.kind === kind);
  const reminded = (kind: DeadlineKind) => (deadline(kind)?.remindedAt ? deadline(kind) : undefined);
  const crossCutting: [OpenDeadline | undefined, TaskDeclaration][] = [
    [reminded('PRELIMINARY_REPLY'), { kind: 'SEND_PRELIMINARY_REPLY', role: 'KE_CASEWORKER', completes: 'SEND_PRELIMINARY_REPLY' }],
    // Only while the plan runs: once the evaluation has started, its own task (EVALUATE_PLAN) takes over.
    [snapshot.matches({ open: { coordinated: 'active' } }) ? reminded('EVALUATION') : undefined, { kind: 'START_EVALUATION', role: 'COORDINATOR', completes: 'START_EVALUATION', assignTo: 'coordinator' }],
    [reminded('PLANNED_RESUME'), { kind: 'RESUME_PLAN', role: 'COORDINATOR', completes: 'RESUME', assignTo: 'coordinator' }],
    [deadline('COORDINATOR_VACANCY'), { kind: 'APPOINT_NEW_COORDINATOR', role: 'KE_LEADER', completes: 'COORDINATOR_CHANGED' }],
    [deadline('RECONSENT_AT_16'), { kind: 'RECONFIRM_CONSENT', role: 'KE_CASEWORKER', completes: 'CONSENT_GIVEN' }],
    [deadline('AGE_18_TRANSITION'), { kind: 'HANDLE_TURNS_18', role: 'KE_CASEWORKER', completes: 'CONVERT_TO_COORDINATOR' }],
  ];
  for (const [d, decl] of crossCutting) if (d) tasks.push(make(decl, d));
  // A party lost its consent: the coordinator (or, before one is appointed, the KE) tells the parties sharing ended.
  if (partiesToNotify(ctx).length) {
    const decl: TaskDeclaration = ctx.coordinator
      ? { kind: 'NOTIFY_SHARING_ENDED', role: 'COORDINATOR', completes: 'SHARING_END_NOTIFIED', assignTo: 'coordinator' }
      : { kind: 'NOTIFY_SHARING_ENDED', role: 'KE_CASEWORKER', completes: 'SHARING_END_NOTIFIED' };
    tasks.push(make(decl));
  }
  for (const d of deadlines) {
    if (d.breachedAt && !d.escalationAcknowledgedAt) {
      tasks.push(make({ kind: 'ACT_ON_ESCALATION', role: d.escalateTo, completes: 'ACKNOWLEDGE_ESCALATION' }, d, `ESCALATION:${d.key}`, true));
    }
  }
  return tasks;
}
