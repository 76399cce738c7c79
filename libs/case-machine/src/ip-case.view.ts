// Read-only questions about a snapshot: its domain status, the commands it accepts, its legal basis.
import { AnyMachineSnapshot, getNextTransitions } from 'xstate';
import { CommandEventType, IpCaseEvent, isTimerEvent } from './ip-case.events';
import type { StateMeta } from './ip-case.meta';
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

/** The commands the case accepts in its state (guards that depend on the payload are checked when sent). */
export function allowedCommands(snapshot: AnyMachineSnapshot): CommandEventType[] {
  if (snapshot.status !== 'active') return [];
  const types = new Set<string>();
  for (const t of getNextTransitions(snapshot)) if (!isTimerEvent(t.eventType) && !t.eventType.startsWith('xstate.')) types.add(t.eventType);
  return [...types].sort() as CommandEventType[];
}

/** The legal basis of the transition an event takes from a snapshot (transition metadata). */
export function transitionLegalBasis(snapshot: AnyMachineSnapshot, event: IpCaseEvent): string | null {
  const [taken] = ipCaseMachine.getTransitionData(snapshot as never, event);
  const meta = taken?.meta as { legalBasis?: string } | undefined;
  return meta?.legalBasis ?? null;
}
