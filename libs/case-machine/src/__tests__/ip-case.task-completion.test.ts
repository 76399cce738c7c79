// Invariant: wherever a task appears, the command that completes it is one the case accepts there.
import { DEFAULT_MUNICIPALITY_SETTINGS, openDeadlines } from '../ip-case.deadlines';
import { openTasks } from '../ip-case.tasks';
import { allowedCommands } from '../ip-case.view';
import type { IpCaseCommand } from '../ip-case.events';
import { apply, drive, PATHS, stamp, start } from './ip-case.fixtures';

/** Paths to the tasks the main paths do not open: a party's consent withdrawn (tell the parties sharing ended). */
const MORE: Record<string, IpCaseCommand[]> = {
  'active, sharing ended': [...PATHS.active, { type: 'CONSENT_CHANGED', grants: [], withdraw: [{ scope: 'SHARE_WITH', party: 'PPT' }] }],
};

describe('every open task can be completed where it appears, by each command it offers', () => {
  for (const [state, path] of Object.entries({ ...PATHS, ...MORE })) {
    it(state, () => {
      let d = drive(start(), ...path);
      // Bring out the tasks deadlines add: every reminder and every breach reached.
      for (const deadline of openDeadlines(d.snapshot, DEFAULT_MUNICIPALITY_SETTINGS)) {
        d = apply(d, stamp(d, { type: 'DEADLINE_REMINDER', deadlineKey: deadline.key }, deadline.remindAt));
        d = apply(d, stamp(d, { type: 'DEADLINE_BREACHED', deadlineKey: deadline.key }, deadline.breachAt));
      }
      const tasks = openTasks(d.snapshot, openDeadlines(d.snapshot, DEFAULT_MUNICIPALITY_SETTINGS));
      const allowed = allowedCommands(d.snapshot, new Date(d.now).toISOString());
      const offered = tasks.flatMap((t) => t.commands.map((c) => ({ kind: t.kind, c })));
      expect(offered.filter(({ c }) => !allowed.includes(c)).map(({ kind, c }) => `${kind} → ${c}`)).toEqual([]);
      if (d.snapshot.status === 'active' && state !== 'intake' && state !== 'active') expect(tasks.length).toBeGreaterThan(0);
    });
  }
});
