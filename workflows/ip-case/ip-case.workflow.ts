// The case workflow: hosts the IP-case machine, turns Updates and durable timers into machine events,
// and runs one projection activity per accepted transition. No business rule lives here.
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import { AnyMachineSnapshot, initialTransition, transition } from 'xstate';
import {
  applyAssignment,
  commandOptions,
  CURRENT_RULES_VERSION,
  explainRefusal,
  scheduledTransitions,
  assigneeAfter,
  AssignmentTable,
  checkAssignment,
  caseStatus,
  freeze,
  FrozenDeadlines,
  prune,
  TaskConflict,
  withAssignments,
  IpCaseCommand,
  IpCaseContext,
  IpCaseEvent,
  ipCaseMachine,
  isTimerEvent,
  MunicipalitySettings,
  openDeadlines,
  OpenDeadline,
  openTasks,
  transitionLegalBasis,
} from '../../libs/case-machine/src';
import { osloStartOfDay } from '../../libs/calendar/src/civil-date';
import { PROJECTION_REJECTED } from '../../libs/contracts/src/ip-case.activities';
import type { CaseActivities, TransitionRecord } from '../../libs/contracts/src/ip-case.activities';
import {
  Actor,
  applyEventUpdate,
  AUTOMATIC_PURPOSE,
  CommandOrigin,
  CASE_STATUS_ATTR,
  CaseCommand,
  CASE_VERSION_MISMATCH,
  COMMAND_NOT_RECORDED,
  ResolveIncidentCommand,
  resolveIncidentUpdate,
  CaseView,
  caseViewQuery,
  CommandAccepted,
  EVENT_NOT_ALLOWED,
  IpCaseWorkflowInput,
  isUntrustedPayload,
  MUNICIPALITY_ATTR,
  NEXT_DEADLINE_ATTR,
  SubjectIdentity,
  SYSTEM_ACTOR,
  TASK_CONFLICT,
  TaskCommand,
  taskCommandUpdate,
} from '../../libs/contracts/src/ip-case.messages';
import { Mutex } from './mutex';

// Projection retries until PostgreSQL answers: an accepted transition must reach the read model.
const { projectTransition } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const { loadMunicipalitySettings } = proxyLocalActivities<CaseActivities>({ startToCloseTimeout: '10 seconds' });
// The same projection, run by the worker that runs the workflow task: no activity task and no second workflow task per
// transition. As durable: the task completes (and the Update answers) only after it committed, and a task retried after
// a crash runs it again, which the history row keyed by (case, seq) makes a no-op.
const { projectTransition: projectTransitionHere } = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const { openIncident, resolveIncident } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const DEFAULT_CONTINUE_AS_NEW_AFTER = 500;
// Patch ids of the lean transition (constant: running cases replay the way they ran).
/** Settings are read again only when a new deadline opens (the only thing they decide). */
const SETTINGS_FOR_NEW_DEADLINES_ONLY = 'settings-only-when-a-deadline-opens';
/** An accepted command answers its new version, not the whole view (kept out of history: the API reads the read model). */
const LEAN_UPDATE_RESULT = 'lean-update-result';
/** The timer of the next scheduled transition stays armed while that transition stays the next one. */
const KEEP_TIMER_ARMED = 'keep-timer-armed';
/** The projection runs as a local activity, in the workflow task of the transition. */
const PROJECTION_IN_WORKFLOW_TASK = 'projection-in-workflow-task';
/** Search attributes are upserted only when one of them changes. */
const SEARCH_ATTRIBUTES_ON_CHANGE = 'search-attributes-on-change';
const UNTRUSTED_COMMAND = 'UntrustedCommand';

interface ArmedTimer {
  key: string;
  at: string;
  scope: CancellationScope;
  fired: boolean;
}

/** A durable timer for one scheduled transition; cancelling its scope cancels the timer (a fired one: nothing). */
function arm(key: string, at: string, ms: number): ArmedTimer {
  const timer: ArmedTimer = { key, at, scope: new CancellationScope(), fired: false };
  timer.scope.run(() => sleep(ms)).then(
    () => (timer.fired = true),
    () => undefined, // cancelled: the case moved on
  );
  return timer;
}

/** A command not encrypted (authenticated) with a known key is refused before it enters history. */
function refuseUntrusted(cmd: unknown) {
  if (isUntrustedPayload(cmd)) {
    throw ApplicationFailure.create({ type: UNTRUSTED_COMMAND, message: 'refused: the command is not encrypted with a known key', nonRetryable: true });
  }
}

export async function ipCaseWorkflow(input: IpCaseWorkflowInput): Promise<CaseView> {
  // Only the engine's own services hold the payload key: a start by anyone else is refused before anything happens.
  if (isUntrustedPayload(input)) throw ApplicationFailure.nonRetryable('refused: the workflow input is not encrypted with a known key', UNTRUSTED_COMMAND);
  // A case started before rule versions keeps the rules it started with (its history replays as it ran).
  const rulesVersion = input.restored || !patched('rules-version') ? undefined : CURRENT_RULES_VERSION;
  let snapshot: AnyMachineSnapshot = input.restored
    ? ipCaseMachine.resolveState(input.restored.snapshot as never)
    : initialTransition(ipCaseMachine, { caseId: input.caseId, municipality: input.municipality, rulesVersion })[0];
  let seq = input.restored?.seq ?? 0;
  const firstSeqOfRun = seq;
  let settings: MunicipalitySettings | undefined;
  /** The settings were read since the last transition (at start): a deadline opening now may take them as they are. */
  let settingsFresh = false;
  /** The search attributes last upserted, to upsert only a change. */
  let upserted: string | undefined;
  let assignments: AssignmentTable = input.restored?.assignments ?? {};
  let frozen: FrozenDeadlines = input.restored?.deadlines ?? {};
  /** Open incidents; a timer whose transition could not be recorded waits until its incident is resolved. */
  let incidents: { id: string; timerKey?: string }[] = input.restored?.incidents ?? [];
  let changes = 0;
  const lock = new Mutex();
  const ctx = () => snapshot.context as IpCaseContext;

  /** Open deadlines, each with the due date it got when it was set: computed once per (snapshot, settings, frozen). */
  let deadlinesMemo: { snapshot: AnyMachineSnapshot; settings: MunicipalitySettings; frozen: FrozenDeadlines; deadlines: ReturnType<typeof openDeadlines> } | undefined;
  const deadlinesNow = () => {
    if (!settings) return [];
    const m = deadlinesMemo;
    if (m && m.snapshot === snapshot && m.settings === settings && m.frozen === frozen) return m.deadlines;
    deadlinesMemo = { snapshot, settings, frozen, deadlines: freeze(openDeadlines(snapshot, settings), frozen).deadlines };
    return deadlinesMemo.deadlines;
  };

  /** The open tasks with their assignees: what task checks need, without the rest of the view. */
  const tasksNow = (deadlines = deadlinesNow()) => withAssignments(openTasks(snapshot, deadlines), assignments);

  const view = (): CaseView => {
    const deadlines = deadlinesNow();
    const options = commandOptions(snapshot, new Date().toISOString());
    return {
      caseId: input.caseId,
      municipality: input.municipality,
      status: caseStatus(snapshot),
      stateValue: snapshot.value,
      seq,
      allowedEvents: options.allowed,
      blockedEvents: options.blocked,
      deadlines,
      scheduled: scheduledTransitions(snapshot, deadlines, Date.now()),
      tasks: tasksNow(deadlines),
      context: ctx(),
    };
  };

  // Who completed which task lately, so the loser of a race hears who won even before the read model has it.
  const completedBy: Record<string, { sub: string; name: string; at: string }> = {};
  const taskConflict = (e: TaskConflict, key?: string): never => {
    throw ApplicationFailure.create({
      type: TASK_CONFLICT,
      message: e.message,
      nonRetryable: true,
      details: [{ code: e.code, task: e.current ?? null, completedBy: key ? completedBy[key] ?? null : null }],
    });
  };
  const checkTask = (check: () => unknown) => {
    try {
      check();
    } catch (e) {
      if (e instanceof TaskConflict) taskConflict(e);
      throw e;
    }
  };
  /** A task completion must name an open task at the version the sender saw, completed by its own command. */
  const checkCompletion = (cmd: CaseCommand) => {
    if (!cmd.task) return;
    const task = tasksNow().find((t) => t.key === cmd.task!.key);
    if (!task) taskConflict(new TaskConflict('NOT_OPEN', `task ${cmd.task.key} is no longer open`), cmd.task.key);
    if (cmd.task.expectedVersion !== undefined && task!.version !== cmd.task.expectedVersion) {
      taskConflict(new TaskConflict('VERSION_MISMATCH', `task ${cmd.task.key} is at version ${task!.version}, not ${cmd.task.expectedVersion}`, task));
    }
    const commands = task!.commands ?? [task!.completes];
    if (!(commands as string[]).includes(cmd.event.type)) taskConflict(new TaskConflict('WRONG_COMMAND', `task ${task!.kind} is completed by ${commands.join(' or ')}`, task));
  };

  /** A refused command says which rule refused it, and what the case takes instead. */
  const refuse = (event: IpCaseEvent, message?: string): never => {
    const why = message ? { code: 'TIMER_ONLY', reason: message, legalBasis: '' } : explainRefusal(snapshot, event);
    const options = commandOptions(snapshot, event.at);
    throw ApplicationFailure.create({
      type: EVENT_NOT_ALLOWED,
      message: why.reason,
      nonRetryable: true,
      details: [{ status: caseStatus(snapshot), ...why, allowedEvents: options.allowed, blockedEvents: options.blocked }],
    });
  };

  /** If-Match on the case: the sender saw the case at `expectedSeq`; anything since is a lost update. */
  const checkVersion = (cmd: CaseCommand) => {
    if (cmd.expectedSeq === undefined || cmd.expectedSeq === seq) return;
    throw ApplicationFailure.create({
      type: CASE_VERSION_MISMATCH,
      message: `the case is at version ${seq}, not ${cmd.expectedSeq}`,
      nonRetryable: true,
      details: [{ currentVersion: seq }],
    });
  };

  const canTake = (event: IpCaseEvent): boolean => {
    try {
      return snapshot.can(event);
    } catch {
      return false; // a malformed payload that a guard could not read
    }
  };

  /**
   * Whether a transition must read the settings again: a deadline's key does not depend on them and a running one keeps
   * its frozen dates, so only a deadline that opens now needs today's settings (unless they were read in this task).
   */
  const needFreshSettings = (computed: OpenDeadline[]) => {
    if (!patched(SETTINGS_FOR_NEW_DEADLINES_ONLY)) return true;
    return !settingsFresh && computed.some((d) => !(d.key in frozen));
  };

  /** After a change: new deadlines get today's settings and keep them; assignments of closed tasks go. */
  async function settle(): Promise<CaseView> {
    let computed = openDeadlines(snapshot, settings!);
    if (patched('settings-for-each-new-deadline') && needFreshSettings(computed)) {
      settings = await loadMunicipalitySettings(input.municipality);
      computed = openDeadlines(snapshot, settings);
    }
    settingsFresh = false;
    frozen = freeze(computed, frozen).frozen;
    assignments = prune(assignments, openTasks(snapshot, deadlinesNow()));
    return view();
  }

  async function step(command: IpCaseCommand, actor: Actor, origin: CommandOrigin, subject?: SubjectIdentity, completedTaskKey?: string, firedKey?: string): Promise<CommandAccepted> {
    const event = { ...command, at: new Date().toISOString() } as IpCaseEvent;
    if (!canTake(event)) refuse(event);
    return recordedOrRolledBack(command.type, actor, firedKey, async () => {
      const fromStatus = caseStatus(snapshot);
      const legalBasis = transitionLegalBasis(snapshot, event);
      snapshot = transition(ipCaseMachine, snapshot, event)[0];
      seq += 1;
      changes += 1;
      if (completedTaskKey) completedBy[completedTaskKey] = { sub: actor.sub, name: actor.name, at: event.at };
      const current = await settle();
      const payload = command as unknown as Record<string, unknown>;
      await record({ eventType: command.type, payload, actor, at: event.at, legalBasis, fromStatus, subject, completedTaskKey, firedKey, origin }, current);
      if (!patched(LEAN_UPDATE_RESULT)) return current;
      return { caseId: current.caseId, municipality: current.municipality, status: current.status, seq: current.seq };
    });
  }

  /**
   * Applies a change and records it. When PostgreSQL refuses the record for good (a data or integrity error that no
   * retry fixes), the case goes back to where it was, an incident opens for the KE leader, and the command is refused:
   * nothing accepted is silently lost, and the case keeps taking commands.
   */
  async function recordedOrRolledBack<T>(eventType: string, actor: Actor, timerKey: string | undefined, change: () => Promise<T>): Promise<T> {
    const before = { snapshot, seq, assignments, frozen, completedBy: { ...completedBy } };
    try {
      return await change();
    } catch (e) {
      const rejected = projectionRejected(e);
      if (!rejected) throw e;
      ({ snapshot, seq, assignments, frozen } = before);
      for (const key of Object.keys(completedBy)) if (!(key in before.completedBy)) delete completedBy[key];
      const { sqlState, constraint } = (rejected.details?.[0] ?? {}) as { sqlState: string; constraint: string | null };
      const incidentId = uuid4();
      await openIncident({ incidentId, caseId: input.caseId, municipality: input.municipality, eventType, actor, sqlState, constraint, at: new Date().toISOString() });
      incidents = [...incidents, { id: incidentId, ...(timerKey ? { timerKey } : {}) }];
      throw ApplicationFailure.create({
        type: COMMAND_NOT_RECORDED,
        message: `${eventType} could not be recorded (SQLSTATE ${sqlState}); nothing changed, and incident ${incidentId} is open on the case`,
        nonRetryable: true,
        details: [{ incidentId, sqlState, constraint }],
      });
    }
  }

  type Change = Pick<TransitionRecord, 'eventType' | 'payload' | 'actor' | 'at' | 'legalBasis' | 'fromStatus' | 'subject' | 'completedTaskKey' | 'firedKey' | 'origin'>;

  /** One projection per change, then the search attributes. */
  async function record(change: Change, current: CaseView) {
    const project = patched(PROJECTION_IN_WORKFLOW_TASK) ? projectTransitionHere : projectTransition;
    await project({
      ...change,
      caseId: input.caseId,
      municipality: input.municipality,
      seq,
      toStatus: current.status,
      stateValue: current.stateValue,
      allowedEvents: current.allowedEvents,
      blockedEvents: current.blockedEvents,
      scheduled: current.scheduled,
      context: current.context as unknown as Record<string, unknown>,
      closed: snapshot.status === 'done',
      deadlines: current.deadlines,
      tasks: current.tasks,
    });
    if (input.searchAttributes !== false) {
      const due = current.deadlines.map((d) => d.due).sort()[0];
      const next = due ? osloStartOfDay(due) : null;
      const values = JSON.stringify([current.status, next]);
      if (values === upserted && patched(SEARCH_ATTRIBUTES_ON_CHANGE)) return;
      upserted = values;
      upsertSearchAttributes([
        { key: CASE_STATUS_ATTR, value: current.status },
        { key: MUNICIPALITY_ATTR, value: input.municipality },
        { key: NEXT_DEADLINE_ATTR, value: next },
      ] as never);
    }
  }

  /** Claim, unclaim or assign a task: recorded in the case history like any other change. */
  async function assign(cmd: TaskCommand) {
    let task!: ReturnType<typeof checkAssignment>;
    checkTask(() => (task = checkAssignment(tasksNow(), cmd)));
    if (assigneeAfter(cmd) === task.assignee) return task; // a retry, or nothing to change: no new version, no history
    const eventType = { CLAIM: 'TASK_CLAIMED', UNCLAIM: 'TASK_UNCLAIMED', ASSIGN: 'TASK_ASSIGNED' }[cmd.action];
    return recordedOrRolledBack(eventType, cmd.actor, undefined, async () => {
      assignments = applyAssignment(assignments, task, cmd);
      seq += 1;
      changes += 1;
      const current = view();
      const payload = { taskKey: cmd.taskKey, assignee: assignments[task.key].assignee };
      await record({ eventType, payload, actor: cmd.actor, at: new Date().toISOString(), legalBasis: null, fromStatus: current.status, origin: cmd.origin ?? {} }, current);
      return current.tasks.find((t) => t.key === task.key)!;
    });
  }

  // Queued first: setHandler dispatches buffered Updates (e.g. Update-with-Start) at once, and they need the settings.
  const settingsLoaded = lock.run(async () => {
    settings = await loadMunicipalitySettings(input.municipality);
    settingsFresh = true;
  });
  setHandler(caseViewQuery, view);
  setHandler(
    applyEventUpdate,
    (cmd: CaseCommand) =>
      lock.run(() => {
        checkVersion(cmd); // again under the lock, as the completion below
        checkCompletion(cmd); // again under the lock: another Update may have completed the task meanwhile
        return step(cmd.event, cmd.actor, cmd.origin ?? {}, cmd.subject, cmd.task?.key);
      }),
    {
      // Runs before the Update enters history: refuse what the machine cannot take now.
      validator: (cmd: CaseCommand) => {
        refuseUntrusted(cmd);
        if (!cmd?.event?.type || !cmd.actor?.sub || !cmd.actor.role) throw new Error('a command needs an event type and an actor');
        const event = { ...cmd.event, at: new Date().toISOString() } as IpCaseEvent;
        if (isTimerEvent(cmd.event.type)) refuse(event, `${cmd.event.type} is raised by the case's own timers`);
        checkVersion(cmd);
        checkCompletion(cmd);
        if (!canTake(event)) refuse(event);
      },
    },
  );
  setHandler(
    resolveIncidentUpdate,
    (cmd: ResolveIncidentCommand) =>
      lock.run(async () => {
        await resolveIncident({ incidentId: cmd.incidentId, actor: cmd.actor, resolution: cmd.resolution, at: new Date().toISOString() });
        incidents = incidents.filter((i) => i.id !== cmd.incidentId);
        changes += 1; // a held-back timer may be due again
        return { incidentId: cmd.incidentId, status: 'RESOLVED' as const };
      }),
    {
      validator: (cmd: ResolveIncidentCommand) => {
        refuseUntrusted(cmd);
        if (cmd?.actor?.role !== 'KE_LEADER') throw new Error('only a KE leader resolves an incident');
        if (!cmd.resolution?.trim()) throw new Error('a resolution says what was done');
        if (!incidents.some((i) => i.id === cmd.incidentId)) throw new Error(`incident ${cmd.incidentId} is not open on this case`);
      },
    },
  );
  setHandler(taskCommandUpdate, (cmd: TaskCommand) => lock.run(() => assign(cmd)), {
    validator: (cmd: TaskCommand) => {
      refuseUntrusted(cmd);
      if (!cmd?.taskKey || !cmd.actor?.sub) throw new Error('a task command names the task and the actor');
      checkTask(() => checkAssignment(tasksNow(), cmd));
    },
  });

  await settingsLoaded;

  /** The earliest timer the case is waiting for: a deadline's reminder or breach, or a 16th/18th birthday. */
  const nextTimer = () => scheduledTransitions(snapshot, deadlinesNow(), Date.now()).find((t) => !incidents.some((i) => i.timerKey === t.key));

  const continueAsNewAfter = input.continueAsNewAfter ?? DEFAULT_CONTINUE_AS_NEW_AFTER;
  /** Once per run: a run that began without it waits as it always did (its history replays). */
  const keepArmed = patched(KEEP_TIMER_ARMED);
  let armed: ArmedTimer | undefined;
  const disarm = () => {
    armed?.scope.cancel();
    armed = undefined;
  };
  while (snapshot.status === 'active') {
    if (seq - firstSeqOfRun >= continueAsNewAfter || workflowInfo().continueAsNewSuggested) {
      await condition(() => lock.idle && allHandlersFinished());
      log.info('continuing as new', { seq });
      await continueAsNew<typeof ipCaseWorkflow>({
        ...input,
        restored: { snapshot: ipCaseMachine.getPersistedSnapshot(snapshot), seq, assignments, deadlines: frozen, ...(incidents.length ? { incidents } : {}) },
      });
    }
    const seen = changes;
    const timer = nextTimer();
    const waitMs = timer ? Date.parse(timer.at) - Date.now() : undefined;
    const changed = () => changes !== seen;
    let woke: boolean;
    if (keepArmed) {
      // The timer stays armed across transitions that leave the next one as it was: no cancel and start per transition.
      if (!timer || waitMs! <= 0 || armed?.key !== timer.key || armed.at !== timer.at) disarm();
      if (timer && waitMs! > 0 && !armed) armed = arm(timer.key, timer.at, waitMs!);
      const waiting = armed;
      if (timer && waitMs! <= 0) woke = false;
      else {
        await condition(() => changed() || waiting?.fired === true);
        woke = changed();
      }
      if (!woke) armed = undefined; // fired (or due): the timer below takes it
    } else if (waitMs === undefined) {
      await condition(changed);
      woke = true;
    } else woke = waitMs <= 0 ? false : await condition(changed, waitMs);
    if (!woke && timer) {
      await lock.run(async () => {
        // Re-check under the lock: an Update may have moved the case while the timer fired.
        if (!canTake({ ...timer.command, at: new Date().toISOString() } as IpCaseEvent)) return;
        // A timer transition that could not be recorded is an incident; the case goes on without it until resolved.
        await step(timer.command, SYSTEM_ACTOR, { purpose: AUTOMATIC_PURPOSE }, undefined, undefined, timer.key).catch((e) => {
          if (!(e instanceof ApplicationFailure && e.type === COMMAND_NOT_RECORDED)) throw e;
        });
      });
    }
  }
  await condition(() => lock.idle && allHandlersFinished());
  return view();
}

/**
 * The projection's refusal for good: an activity's failure wraps it in an ActivityFailure, a local activity's (the
 * projection in the workflow task) arrives as the ApplicationFailure itself.
 */
function projectionRejected(e: unknown): ApplicationFailure | undefined {
  const failure = e instanceof ActivityFailure ? e.cause : e;
  return failure instanceof ApplicationFailure && failure.type === PROJECTION_REJECTED ? failure : undefined;
}
