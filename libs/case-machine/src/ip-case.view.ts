// Read-only questions about a snapshot: its domain status, the commands it accepts, its legal basis.
import { AnyMachineSnapshot, getNextTransitions } from 'xstate';
import { CommandEventType, IpCaseEvent, isTimerEvent } from './ip-case.events';
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

/**
 * Probe events built from the case's own data, for commands whose guards depend on the case rather than on what
 * the person types: the machine answers with `can()`, so no rule is repeated here. Commands absent from this map
 * carry a payload only the sender knows; they are listed when the state handles them and checked when sent.
 */
function probes(type: string, ctx: IpCaseContext): Record<string, unknown>[] | undefined {
  switch (type) {
    case 'REGISTER':
    case 'START_ASSESSMENT':
    case 'COORDINATOR_ACCEPTED':
    case 'START_MAPPING':
    case 'START_FOLLOW_UP':
    case 'PLAN_APPROVED':
    case 'RESUME':
    case 'CONVERT_TO_COORDINATOR':
      return [{}];
    case 'COORDINATOR_ENDED':
      return [{ reason: 'OTHER' }];
    case 'MAPPING_COMPLETED':
      return [{ summary: 'probe' }];
    case 'CONSENT_WITHDRAWN':
      return ctx.consents.filter((c) => c.status === 'ACTIVE').map((c) => ({ withdraw: [{ scope: c.scope, party: c.party }], consequencesExplained: true }));
    case 'ACKNOWLEDGE_ESCALATION':
      return Object.keys(ctx.deadlineMarks).map((deadlineKey) => ({ deadlineKey, action: 'probe' }));
    default:
      return undefined;
  }
}

/** The commands the case can take now (`at` is the moment asked about, for guards that compare dates). */
export function allowedCommands(snapshot: AnyMachineSnapshot, at: string = new Date(0).toISOString()): CommandEventType[] {
  if (snapshot.status !== 'active') return [];
  const ctx = snapshot.context as IpCaseContext;
  const types = new Set<string>();
  for (const t of getNextTransitions(snapshot)) {
    const type = t.eventType;
    if (isTimerEvent(type) || type.startsWith('xstate.') || types.has(type)) continue;
    const candidates = probes(type, ctx);
    if (!candidates || candidates.some((p) => snapshot.can({ ...p, type, at } as IpCaseEvent))) types.add(type);
  }
  return [...types].sort() as CommandEventType[];
}

/** The legal basis of the transition an event takes from a snapshot (transition metadata). */
export function transitionLegalBasis(snapshot: AnyMachineSnapshot, event: IpCaseEvent): string | null {
  const [taken] = ipCaseMachine.getTransitionData(snapshot as never, event);
  const meta = taken?.meta as { legalBasis?: string } | undefined;
  return meta?.legalBasis ?? null;
}
