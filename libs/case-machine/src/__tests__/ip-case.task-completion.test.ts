// Invariant: wherever a task appears, the command that completes it is one the case accepts there.
import { DEFAULT_MUNICIPALITY_SETTINGS, openDeadlines } from '../ip-case.deadlines';
import { openTasks } from '../ip-case.tasks';
import { allowedCommands } from '../ip-case.view';
import { apply, drive, PATHS, stamp, start } from './ip-case.fixtures';

describe('every open task can be completed where it appears', () => {
  for (const [state, path] of Object.entries(PATHS)) {
    it(state, () => {
      let d = drive(start(), ...path);
      // Bring out the tasks deadlines add: every reminder and every breach reached.
      for (const deadline of openDeadlines(d.snapshot, DEFAULT_MUNICIPALITY_SETTINGS)) {
        d = apply(d, stamp(d, { type: 'DEADLINE_REMINDER', deadlineKey: deadline.key }, deadline.remindAt));
        d = apply(d, stamp(d, { type: 'DEADLINE_BREACHED', deadlineKey: deadline.key }, deadline.breachAt));
      }
      const tasks = openTasks(d.snapshot, openDeadlines(d.snapshot, DEFAULT_MUNICIPALITY_SETTINGS));
      const allowed = allowedCommands(d.snapshot, new Date(d.now).toISOString());
      expect(tasks.filter((t) => !allowed.includes(t.completes)).map((t) => `${t.kind} → ${t.completes}`)).toEqual([]);
      if (d.snapshot.status === 'active' && state !== 'intake' && state !== 'active') expect(tasks.length).toBeGreaterThan(0);
    });
  }
});
