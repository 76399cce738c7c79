// What the case will do by itself, and when: each reminder and breach of a running deadline and the 16th and 18th
// birthdays that change the case. The workflow arms one durable timer for the earliest; the case view shows them all
// ahead, so a caseworker sees that a child's consent must be renewed next month before the timer fires.
import type { AnyMachineSnapshot } from 'xstate';
import { addYears, osloDateOf, osloStartOfDay } from '../../calendar/src/civil-date';
import type { OpenDeadline } from './ip-case.deadlines';
import type { IpCaseCommand, IpCaseEvent, TimerEventType } from './ip-case.events';
import { isLineGranted } from './ip-case.guards';
import type { IpCaseContext } from './ip-case.types';

export interface ScheduledTransition {
  /** Stable while scheduled: `AUTO:<event>:<deadline key or date>`. */
  key: string;
  event: TimerEventType;
  command: IpCaseCommand;
  /** The instant the workflow's timer fires, and its civil date. */
  at: string;
  due: string;
  deadlineKey: string | null;
  /** What will happen, for the caseworker. */
  effect: string;
}

function birthdayEffect(event: 'TURNS_16' | 'TURNS_18', ctx: IpCaseContext): string {
  if (event === 'TURNS_16') {
    const parental = ctx.consents.some((c) => c.status === 'ACTIVE' && c.capacity === 'PARENT' && c.scope !== 'APPOINT_CHILD_COORD');
    return parental
      ? 'Turns 16: consent passes to the young person (pbrl § 4-3); the consents the parents gave must be re-confirmed (RECONSENT_AT_16 opens).'
      : 'Turns 16: consent passes to the young person (pbrl § 4-3).';
  }
  return isLineGranted(ctx, 'BARNEKOORDINATOR') || ctx.coordinator?.line === 'BARNEKOORDINATOR'
    ? 'Turns 18: the child coordinator ends (pbrl § 2-5 c); convert to an ordinary coordinator or close (AGE_18_TRANSITION opens).'
    : 'Turns 18.';
}

/**
 * Every automatic transition the case would take from now on, earliest first (ties in the order listed: per deadline
 * its reminder, then its breach; then the birthdays). Each is one the machine would accept when it fires.
 */
export function scheduledTransitions(snapshot: AnyMachineSnapshot, deadlines: OpenDeadline[], now: number): ScheduledTransition[] {
  if (snapshot.status !== 'active') return [];
  const ctx = snapshot.context as IpCaseContext;
  const due: ScheduledTransition[] = [];
  const add = (event: TimerEventType, command: IpCaseCommand, atMs: number, ref: string, deadlineKey: string | null, effect: string) => {
    const at = new Date(atMs).toISOString();
    due.push({ key: `AUTO:${event}:${ref}`, event, command, at, due: osloDateOf(at), deadlineKey, effect });
  };
  for (const d of deadlines) {
    const remindAt = Date.parse(d.remindAt);
    const breachAt = Date.parse(d.breachAt);
    if (!d.remindedAt && remindAt < breachAt) {
      add('DEADLINE_REMINDER', { type: 'DEADLINE_REMINDER', deadlineKey: d.key }, remindAt, d.key, d.key, `Reminder: ${d.kind} is due ${d.due}.`);
    }
    if (!d.breachedAt) {
      add('DEADLINE_BREACHED', { type: 'DEADLINE_BREACHED', deadlineKey: d.key }, breachAt, d.key, d.key,
        `If ${d.kind} is not met by ${d.due}: the breach is recorded and escalated to ${d.escalateTo}.`);
    }
  }
  // Birthdays: whether one matters (under 16 at receipt, not yet marked) is the machine's guard, asked below.
  if (ctx.birthDate) {
    for (const [event, years] of [['TURNS_16', 16], ['TURNS_18', 18]] as const) {
      const on = addYears(ctx.birthDate, years);
      add(event, { type: event }, osloStartOfDay(on).getTime(), on, null, birthdayEffect(event, ctx));
    }
  }
  const takes = (t: ScheduledTransition) => {
    try {
      return snapshot.can({ ...t.command, at: new Date(Math.max(Date.parse(t.at), now)).toISOString() } as IpCaseEvent);
    } catch {
      return false;
    }
  };
  return due.filter(takes).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
