import { applyAssignment, assigneeAfter, checkAssignment, prune, TaskConflict, withAssignments } from '../task-assignments';
import { freeze } from '../frozen-deadlines';
import { DEFAULT_MUNICIPALITY_SETTINGS, openDeadlines } from '../ip-case.deadlines';
import { openTasks } from '../ip-case.tasks';
import { cmd, drive, PATHS, start } from './ip-case.fixtures';

const kari = { sub: 'kari', role: 'KE_CASEWORKER' as const };
const per = { sub: 'per', role: 'KE_CASEWORKER' as const };
const lars = { sub: 'lars', role: 'KE_LEADER' as const };

function tasksAt(path: keyof typeof PATHS) {
  const d = drive(start(), ...PATHS[path]);
  return openTasks(d.snapshot, openDeadlines(d.snapshot, DEFAULT_MUNICIPALITY_SETTINGS));
}

describe('task assignments', () => {
  it('a claim takes an open task and bumps its version; a second claimant is refused', () => {
    const tasks = withAssignments(tasksAt('received'), {});
    expect(tasks[0]).toMatchObject({ key: 'REGISTER_NOTIFICATION', assignee: null, version: 1, completes: 'REGISTER' });
    const claim = { action: 'CLAIM' as const, taskKey: 'REGISTER_NOTIFICATION', actor: kari, expectedVersion: 1 };
    const table = applyAssignment({}, checkAssignment(tasks, claim), claim);
    const after = withAssignments(tasksAt('received'), table);
    expect(after[0]).toMatchObject({ assignee: 'kari', version: 2 });
    expect(() => checkAssignment(after, { ...claim, actor: per, expectedVersion: 2 })).toThrow(/claimed by kari/);
    expect(() => checkAssignment(after, { ...claim, actor: per, expectedVersion: 1 })).toThrow(TaskConflict);
  });

  it('only the assignee or a leader unclaims; only a leader assigns; a claim must match the role', () => {
    const tasks = withAssignments(tasksAt('received'), { REGISTER_NOTIFICATION: { assignee: 'kari', version: 2 } });
    expect(() => checkAssignment(tasks, { action: 'UNCLAIM', taskKey: 'REGISTER_NOTIFICATION', actor: per })).toThrow(/not yours/);
    expect(() => checkAssignment(tasks, { action: 'UNCLAIM', taskKey: 'REGISTER_NOTIFICATION', actor: lars })).not.toThrow();
    expect(() => checkAssignment(tasks, { action: 'ASSIGN', taskKey: 'REGISTER_NOTIFICATION', actor: kari, assignee: 'per' })).toThrow(/leader/);
    const appeal = withAssignments(tasksAt('keReconsideration'), {});
    expect(() => checkAssignment(appeal, { action: 'CLAIM', taskKey: 'HANDLE_APPEAL', actor: kari })).toThrow(/KE_LEADER/);
  });

  it('names the proposed coordinator as assignee of the acceptance, and forgets assignments of closed tasks', () => {
    const tasks = tasksAt('coordinatorProposed');
    expect(tasks).toEqual([expect.objectContaining({ kind: 'ACCEPT_APPOINTMENT', assignee: 'emp-17', role: 'COORDINATOR' })]);
    expect(prune({ REGISTER_NOTIFICATION: { assignee: 'kari', version: 2 } }, tasks)).toEqual({});
  });

  it('splits consent pending into obtaining consent, then proposing a coordinator', () => {
    const d = drive(start(), ...PATHS.assessment, cmd.granted());
    expect(openTasks(d.snapshot, []).map((t) => t.kind)).toEqual(['OBTAIN_CONSENT']);
    expect(tasksAt('consentPending').map((t) => t.kind)).toEqual(['PROPOSE_COORDINATOR']);
  });
});

describe('frozen deadlines', () => {
  it('a running deadline keeps its due date when the settings change; a new one takes the new settings', () => {
    const d = drive(start(), ...PATHS.received);
    const first = freeze(openDeadlines(d.snapshot, DEFAULT_MUNICIPALITY_SETTINGS), {});
    const stricter = { ...DEFAULT_MUNICIPALITY_SETTINGS, periods: { ...DEFAULT_MUNICIPALITY_SETTINGS.periods, DECISION: { unit: 'weeks' as const, amount: 1 } } };
    const again = freeze(openDeadlines(d.snapshot, stricter), first.frozen);
    const due = (x: typeof again) => x.deadlines.find((k) => k.kind === 'DECISION')!.due;
    expect(due(again)).toBe(due(first));
    expect(due(freeze(openDeadlines(d.snapshot, stricter), {}))).not.toBe(due(first));
  });
});

describe('repeated requests', () => {
  it('a claim by the one who holds the task, or an assignment to the same person, changes nothing', () => {
    const tasks = withAssignments(tasksAt('received'), { REGISTER_NOTIFICATION: { assignee: 'kari', version: 2 } });
    const again = { action: 'CLAIM' as const, taskKey: 'REGISTER_NOTIFICATION', actor: kari };
    expect(checkAssignment(tasks, again).assignee).toBe(assigneeAfter(again));
    expect(assigneeAfter({ action: 'ASSIGN', taskKey: 'x', actor: lars, assignee: 'kari' })).toBe('kari');
    expect(assigneeAfter({ action: 'UNCLAIM', taskKey: 'x', actor: kari })).toBeNull();
  });
});
