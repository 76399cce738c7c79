// Read-only questions about a snapshot: its domain status, the commands it accepts or refuses and why, its legal basis.
import { AnyMachineSnapshot, getNextTransitions } from 'xstate';
import { CommandEventType, IpCaseEvent, isTimerEvent } from './ip-case.events';
import { refusalOf, RuleDefinition, RuleName, RULES } from './ip-case.rules';
import type { StateMeta } from './ip-case.meta';
import type { IpCaseContext } from './ip-case.types';
import { ipCaseMachine } from './ip-case.machine';

function metas(snapshot: AnyMachineSnapshot): StateMeta[] {
  // getMeta() keys are state-node ids; deeper nodes have longer ids, so sort leaf-last.
  const entries = Object.entries(snapshot.getMeta() as Record<string, StateMeta | undefined>);
  return entries.sort(([a], [b]) => a.split('.').length - b.split('.').length).map(([, m]) => m!).filter(Boolean);
}

/** The domain status code of the deepest active state (e.g. CONSENT_PENDING, ACTIVE, CLOSED). */
export function caseStatus(snapshot: AnyMachineSnapshot): string {
  const all = metas(snapshot);
  return all[all.length - 1]?.status ?? 'UNKNOWN';
}

export interface Refusal {
  /** A rule's code (ip-case.rules.ts), or NOT_IN_THIS_STATE / CASE_CLOSED. */
  code: string;
  reason: string;
  legalBasis: string;
}

export interface BlockedEvent extends Refusal {
  type: CommandEventType;
}

export interface CommandOptions {
  /** Commands the case takes now: the state handles them and every rule about the case holds. */
  allowed: CommandEventType[];
  /** Commands the state handles but a rule about the case refuses now, each with that rule. */
  blocked: BlockedEvent[];
}

type GuardRef = string | { type: string } | ((...args: never[]) => unknown) | undefined;

/** The named rules of a transition's guard, in order: a rule name, or XState's and() of rule names. */
function rulesOf(guard: GuardRef): RuleName[] {
  if (guard === undefined) return [];
  if (typeof guard === 'string') return [guard as RuleName];
  if (typeof guard === 'function') {
    const parts = (guard as { guards?: GuardRef[] }).guards;
    // Only and() keeps "the first rule that fails" meaningful; the machine uses nothing else.
    if (guard.name !== 'and' || !Array.isArray(parts)) throw new Error('machine guards are rule names or and() of rule names');
    return parts.flatMap(rulesOf);
  }
  return [guard.type as RuleName];
}

interface Verdict {
  passed: number;
  failed?: RuleName;
}

/** Checks a transition's rules in order; `caseOnly` assumes the sender can satisfy what depends on the payload. */
function verdict(rules: RuleName[], ctx: IpCaseContext, event: IpCaseEvent, caseOnly: boolean): Verdict {
  let passed = 0;
  for (const name of rules) {
    const r: RuleDefinition = RULES[name];
    if (!r) throw new Error(`guard ${name} is not a rule`);
    if (caseOnly && r.kind !== 'CASE') continue;
    let holds: boolean;
    try {
      holds = r.holds(ctx, event);
    } catch {
      holds = false; // a malformed payload that a rule could not read
    }
    if (!holds) return { passed, failed: name };
    passed++;
  }
  return { passed };
}

function candidates(snapshot: AnyMachineSnapshot, type: string) {
  return getNextTransitions(snapshot).filter((t) => t.eventType === type);
}

/** Of the candidates that all fail, the one that got furthest tells why (its first failing rule). */
function bestRefusal(verdicts: Verdict[], ctx: IpCaseContext, event: IpCaseEvent): Refusal {
  const best = verdicts.reduce((a, b) => (b.passed > a.passed ? b : a));
  return refusalOf(best.failed!, ctx, event);
}

/** What the case takes now and what it refuses, with the rule (`at` is the moment asked about). */
export function commandOptions(snapshot: AnyMachineSnapshot, at: string = new Date(0).toISOString()): CommandOptions {
  if (snapshot.status !== 'active') return { allowed: [], blocked: [] };
  const ctx = snapshot.context as IpCaseContext;
  const byType = new Map<string, RuleName[][]>();
  for (const t of getNextTransitions(snapshot)) {
    if (isTimerEvent(t.eventType) || t.eventType.startsWith('xstate.')) continue;
    byType.set(t.eventType, [...(byType.get(t.eventType) ?? []), rulesOf(t.guard as GuardRef)]);
  }
  const allowed: CommandEventType[] = [];
  const blocked: BlockedEvent[] = [];
  for (const [type, transitions] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    const probe = { type, at } as IpCaseEvent;
    const verdicts = transitions.map((rules) => verdict(rules, ctx, probe, true));
    if (verdicts.some((v) => !v.failed)) allowed.push(type as CommandEventType);
    else blocked.push({ type: type as CommandEventType, ...bestRefusal(verdicts, ctx, probe) });
  }
  return { allowed, blocked };
}

/** The commands the case can take now. */
export function allowedCommands(snapshot: AnyMachineSnapshot, at?: string): CommandEventType[] {
  return commandOptions(snapshot, at).allowed;
}

/** Why the case refuses this event now: the rule that stops it, or that the state does not take it at all. */
export function explainRefusal(snapshot: AnyMachineSnapshot, event: IpCaseEvent): Refusal {
  const status = caseStatus(snapshot);
  if (snapshot.status !== 'active') return { code: 'CASE_CLOSED', reason: 'The case is closed.', legalBasis: 'saksstatus A (Noark 5)' };
  const ctx = snapshot.context as IpCaseContext;
  const transitions = candidates(snapshot, event.type);
  if (transitions.length === 0) {
    const basis = metas(snapshot).map((m) => m.legalBasis).filter(Boolean);
    return { code: 'NOT_IN_THIS_STATE', reason: `${event.type} is not part of ${status}.`, legalBasis: basis[basis.length - 1] ?? '' };
  }
  const verdicts = transitions.map((t) => verdict(rulesOf(t.guard as GuardRef), ctx, event, false));
  if (verdicts.some((v) => !v.failed)) return { code: 'ALLOWED', reason: `${event.type} is allowed.`, legalBasis: '' };
  return bestRefusal(verdicts, ctx, event);
}

/** The legal basis of the transition an event takes from a snapshot (transition metadata). */
export function transitionLegalBasis(snapshot: AnyMachineSnapshot, event: IpCaseEvent): string | null {
  const [taken] = ipCaseMachine.getTransitionData(snapshot as never, event);
  const meta = taken?.meta as { legalBasis?: string } | undefined;
  return meta?.legalBasis ?? null;
}
