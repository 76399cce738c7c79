// The case workflow: hosts the IP-case machine, turns Updates and durable timers into machine events,
// and runs one projection activity per accepted transition. No business rule lives here.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { AnyMachineSnapshot, initialTransition, transition } from 'xstate';
import {
  allowedCommands,
  caseStatus,
  IpCaseCommand,
  IpCaseContext,
  IpCaseEvent,
  ipCaseMachine,
  isTimerEvent,
  MunicipalitySettings,
  openDeadlines,
  openTasks,
  transitionLegalBasis,
} from '../../libs/case-machine/src';
import { addYears, osloStartOfDay } from '../../libs/calendar/src/civil-date';
import type { CaseActivities } from '../../libs/contracts/src/ip-case.activities';
import {
  Actor,
  applyEventUpdate,
  CASE_STATUS_ATTR,
  CaseCommand,
  CaseView,
  caseViewQuery,
  EVENT_NOT_ALLOWED,
  IpCaseWorkflowInput,
  MUNICIPALITY_ATTR,
  NEXT_DEADLINE_ATTR,
  SubjectIdentity,
  SYSTEM_ACTOR,
} from '../../libs/contracts/src/ip-case.messages';
import { Mutex } from './mutex';

// Projection retries until PostgreSQL answers: an accepted transition must reach the read model.
const { projectTransition } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const { loadMunicipalitySettings } = proxyLocalActivities<CaseActivities>({ startToCloseTimeout: '10 seconds' });

const DEFAULT_CONTINUE_AS_NEW_AFTER = 500;

interface TimerDue {
  at: number;
  event: IpCaseCommand;
}

export async function ipCaseWorkflow(input: IpCaseWorkflowInput): Promise<CaseView> {
  let snapshot: AnyMachineSnapshot = input.restored
    ? ipCaseMachine.resolveState(input.restored.snapshot as never)
    : initialTransition(ipCaseMachine, { caseId: input.caseId, municipality: input.municipality })[0];
  let seq = input.restored?.seq ?? 0;
  const firstSeqOfRun = seq;
  let settings: MunicipalitySettings | undefined;
  let changes = 0;
  const lock = new Mutex();
  const ctx = () => snapshot.context as IpCaseContext;

  const view = (): CaseView => {
    const deadlines = settings ? openDeadlines(snapshot, settings) : [];
    return {
      caseId: input.caseId,
      municipality: input.municipality,
      status: caseStatus(snapshot),
      stateValue: snapshot.value,
      seq,
      allowedEvents: allowedCommands(snapshot, new Date().toISOString()),
      deadlines,
      tasks: openTasks(snapshot, deadlines),
      context: ctx(),
    };
  };

  const refuse = (message: string): never => {
    throw ApplicationFailure.create({
      type: EVENT_NOT_ALLOWED,
      message,
      nonRetryable: true,
      details: [{ status: caseStatus(snapshot), allowedEvents: allowedCommands(snapshot, new Date().toISOString()) }],
    });
  };

  const canTake = (event: IpCaseEvent): boolean => {
    try {
      return snapshot.can(event);
    } catch {
      return false; // a malformed payload that a guard could not read
    }
  };

  async function step(command: IpCaseCommand, actor: Actor, subject?: SubjectIdentity): Promise<CaseView> {
    const event = { ...command, at: new Date().toISOString() } as IpCaseEvent;
    if (!canTake(event)) refuse(`${command.type} is not allowed in ${caseStatus(snapshot)}`);
    const fromStatus = caseStatus(snapshot);
    const legalBasis = transitionLegalBasis(snapshot, event);
    snapshot = transition(ipCaseMachine, snapshot, event)[0];
    seq += 1;
    changes += 1;
    const current = view();
    await projectTransition({
      caseId: input.caseId,
      municipality: input.municipality,
      seq,
      eventType: command.type,
      payload: command as unknown as Record<string, unknown>,
      actor,
      at: event.at,
      legalBasis,
      fromStatus,
      toStatus: current.status,
      stateValue: current.stateValue,
      allowedEvents: current.allowedEvents,
      context: current.context as unknown as Record<string, unknown>,
      closed: snapshot.status === 'done',
      deadlines: current.deadlines,
      tasks: current.tasks,
      subject,
    });
    if (input.searchAttributes !== false) {
      const next = current.deadlines.map((d) => d.due).sort()[0];
      upsertSearchAttributes([
        { key: CASE_STATUS_ATTR, value: current.status },
        { key: MUNICIPALITY_ATTR, value: input.municipality },
        { key: NEXT_DEADLINE_ATTR, value: next ? osloStartOfDay(next) : null },
      ] as never);
    }
    return current;
  }

  // Queued first: setHandler dispatches buffered Updates (e.g. Update-with-Start) at once, and they need the settings.
  const settingsLoaded = lock.run(async () => {
    settings = await loadMunicipalitySettings(input.municipality);
  });
  setHandler(caseViewQuery, view);
  setHandler(applyEventUpdate, (cmd: CaseCommand) => lock.run(() => step(cmd.event, cmd.actor, cmd.subject)), {
    // Runs before the Update enters history: refuse what the machine cannot take now.
    validator: (cmd: CaseCommand) => {
      if (!cmd?.event?.type || !cmd.actor?.sub || !cmd.actor.role) throw new Error('a command needs an event type and an actor');
      if (isTimerEvent(cmd.event.type)) refuse(`${cmd.event.type} is raised by the case's own timers`);
      if (!canTake({ ...cmd.event, at: new Date().toISOString() } as IpCaseEvent)) {
        refuse(`${cmd.event.type} is not allowed in ${caseStatus(snapshot)}`);
      }
    },
  });


  await settingsLoaded;

  /** The earliest timer the case is waiting for: a deadline's reminder or breach, or a 16th/18th birthday. */
  function nextTimer(): TimerDue | undefined {
    const due: TimerDue[] = [];
    for (const d of openDeadlines(snapshot, settings!)) {
      if (!d.remindedAt && Date.parse(d.remindAt) < Date.parse(d.breachAt)) due.push({ at: Date.parse(d.remindAt), event: { type: 'DEADLINE_REMINDER', deadlineKey: d.key } });
      else if (!d.breachedAt) due.push({ at: Date.parse(d.breachAt), event: { type: 'DEADLINE_BREACHED', deadlineKey: d.key } });
    }
    const c = ctx();
    if (c.birthDate && snapshot.status === 'active' && c.receivedAt) {
      if (c.consentAuthority === 'PARENTS' && !c.turned16At) due.push({ at: osloStartOfDay(addYears(c.birthDate, 16)).getTime(), event: { type: 'TURNS_16' } });
      if (!c.turned18At) due.push({ at: osloStartOfDay(addYears(c.birthDate, 18)).getTime(), event: { type: 'TURNS_18' } });
    }
    return due
      .filter((t) => canTake({ ...t.event, at: new Date(Math.max(t.at, Date.now())).toISOString() } as IpCaseEvent))
      .sort((a, b) => a.at - b.at)[0];
  }

  const continueAsNewAfter = input.continueAsNewAfter ?? DEFAULT_CONTINUE_AS_NEW_AFTER;
  while (snapshot.status === 'active') {
    if (seq - firstSeqOfRun >= continueAsNewAfter || workflowInfo().continueAsNewSuggested) {
      await condition(() => lock.idle && allHandlersFinished());
      log.info('continuing as new', { seq });
      await continueAsNew<typeof ipCaseWorkflow>({
        ...input,
        restored: { snapshot: ipCaseMachine.getPersistedSnapshot(snapshot), seq },
      });
    }
    const seen = changes;
    const timer = nextTimer();
    const waitMs = timer ? timer.at - Date.now() : undefined;
    const changed = () => changes !== seen;
    let woke: boolean;
    if (waitMs === undefined) {
      await condition(changed);
      woke = true;
    } else woke = waitMs <= 0 ? false : await condition(changed, waitMs);
    if (!woke && timer) {
      await lock.run(async () => {
        // Re-check under the lock: an Update may have moved the case while the timer fired.
        if (canTake({ ...timer.event, at: new Date().toISOString() } as IpCaseEvent)) await step(timer.event, SYSTEM_ACTOR);
      });
    }
  }
  await condition(() => lock.idle && allHandlersFinished());
  return view();
}
