// A deadline keeps the due date it got when it was set: a later change of the municipality's settings
// applies to deadlines set after the change, not to those already running.
import type { OpenDeadline } from './ip-case.deadlines';

export type FrozenDeadline = Pick<OpenDeadline, 'due' | 'remindOn' | 'remindAt' | 'breachAt' | 'rule'>;
export type FrozenDeadlines = Record<string, FrozenDeadline>;

export function freeze(computed: OpenDeadline[], frozen: FrozenDeadlines): { deadlines: OpenDeadline[]; frozen: FrozenDeadlines } {
  const next: FrozenDeadlines = {};
  const deadlines = computed.map((d) => {
    const f = frozen[d.key] ?? { due: d.due, remindOn: d.remindOn, remindAt: d.remindAt, breachAt: d.breachAt, rule: d.rule };
    next[d.key] = f;
    return { ...d, ...f };
  });
  return { deadlines, frozen: next };
}
