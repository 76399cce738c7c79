// The work a case waits for: one task per state that waits for a person (state meta `task`),
// plus the cross-cutting tasks that follow from the case's context and its breached deadlines.
import type { AnyMachineSnapshot } from 'xstate';
import type { OpenDeadline } from './ip-case.deadlines';
import type { DeadlineKind, Role, StateMeta } from './ip-case.meta';
import type { IpCaseContext } from './ip-case.types';

export interface CaseTask {
  /** Stable within the case while the task is open: the projection keeps one row per key. */
  key: string;
  kind: string;
  role: Role;
  due: string | null;
  deadlineKey: string | null;
}

function earliestDue(deadlines: OpenDeadline[], kinds: readonly DeadlineKind[]): OpenDeadline | undefined {
  return deadlines.filter((d) => kinds.includes(d.kind)).sort((a, b) => a.due.localeCompare(b.due))[0];
}

function task(kind: string, role: Role, deadline?: OpenDeadline, key = kind): CaseTask {
  return { key, kind, role, due: deadline?.due ?? null, deadlineKey: deadline?.key ?? null };
}

export function openTasks(snapshot: AnyMachineSnapshot, deadlines: OpenDeadline[]): CaseTask[] {
  if (snapshot.status !== 'active') return [];
  const ctx = snapshot.context as IpCaseContext;
  const tasks: CaseTask[] = [];
  for (const meta of Object.values(snapshot.getMeta() as Record<string, StateMeta | undefined>)) {
    if (meta?.task) tasks.push(task(meta.task.kind, meta.task.role, earliestDue(deadlines, meta.deadlines ?? [])));
  }
  const preliminary = deadlines.find((d) => d.kind === 'PRELIMINARY_REPLY');
  if (preliminary?.remindedAt) tasks.push(task('SEND_PRELIMINARY_REPLY', 'KE_CASEWORKER', preliminary));
  const vacancy = deadlines.find((d) => d.kind === 'COORDINATOR_VACANCY');
  if (vacancy) tasks.push(task('APPOINT_NEW_COORDINATOR', 'KE_LEADER', vacancy));
  const reconsent = deadlines.find((d) => d.kind === 'RECONSENT_AT_16');
  if (reconsent) tasks.push(task('RECONFIRM_CONSENT', 'KE_CASEWORKER', reconsent));
  const age18 = deadlines.find((d) => d.kind === 'AGE_18_TRANSITION');
  if (age18) tasks.push(task('HANDLE_TURNS_18', 'KE_CASEWORKER', age18));
  for (const d of deadlines) {
    if (d.breachedAt && !d.escalationAcknowledgedAt) tasks.push(task('ACT_ON_ESCALATION', 'KE_LEADER', d, `ESCALATION:${d.key}`));
  }
  void ctx;
  return tasks;
}
