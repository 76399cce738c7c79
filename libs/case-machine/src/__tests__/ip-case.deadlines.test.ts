// Which states set which deadline, computed on the Norwegian working-day calendar with municipal settings.
import { DEFAULT_MUNICIPALITY_SETTINGS, MunicipalitySettings, openDeadlines } from '../ip-case.deadlines';
import { openTasks } from '../ip-case.tasks';
import { apply, cmd, drive, PATHS, stamp, start } from './ip-case.fixtures';

const kinds = (d: ReturnType<typeof drive>, s = DEFAULT_MUNICIPALITY_SETTINGS) => openDeadlines(d.snapshot, s).map((x) => x.kind).sort();

describe('deadlines', () => {
  it('a received notification runs acknowledgement, preliminary reply and decision clocks from the receipt date', () => {
    const d = drive(start(), cmd.notification({ receivedAt: '2027-02-25T09:00:00.000Z' }));
    const byKind = Object.fromEntries(openDeadlines(d.snapshot, DEFAULT_MUNICIPALITY_SETTINGS).map((x) => [x.kind, x]));
    expect(Object.keys(byKind).sort()).toEqual(['ACKNOWLEDGE_RECEIPT', 'DECISION', 'PRELIMINARY_REPLY']);
    expect(byKind.PRELIMINARY_REPLY.due).toBe('2027-03-30'); // 25 March is Maundy Thursday
    expect(byKind.PRELIMINARY_REPLY.source).toBe('STATUTORY');
    expect(byKind.PRELIMINARY_REPLY.legalBasis).toContain('fvl § 11 a');
    expect(byKind.DECISION.due).toBe('2027-03-30'); // 4 weeks = 25 March, a holiday
    expect(byKind.ACKNOWLEDGE_RECEIPT.due).toBe('2027-03-04');
    expect(byKind.DECISION.breachAt).toBe('2027-03-30T22:00:00.000Z');
  });

  it('a preliminary reply stops its clock; the decision clock runs on', () => {
    const d = drive(start(), ...PATHS.assessment, { type: 'SEND_PRELIMINARY_REPLY', expectedAnswerBy: '2027-04-30', reason: 'Venter på epikrise' });
    expect(kinds(d)).toEqual(['DECISION']);
  });

  it('the decision starts the coordinator-appointment clock; acceptance starts the first-plan clock', () => {
    expect(kinds(drive(start(), ...PATHS.consentPending))).toEqual(['COORDINATOR_APPOINTMENT']);
    expect(kinds(drive(start(), ...PATHS.mapping))).toEqual(['FIRST_PLAN']);
  });

  it('an active plan is due for evaluation on its revision date with a 30-day reminder; a pause stops it', () => {
    const active = openDeadlines(drive(start(), ...PATHS.active).snapshot, DEFAULT_MUNICIPALITY_SETTINGS);
    expect(active.map((x) => [x.kind, x.due, x.remindOn])).toEqual([['EVALUATION', '2028-03-01', '2028-01-31']]);
    expect(kinds(drive(start(), ...PATHS.paused))).toEqual(['PLANNED_RESUME']);
  });

  it('applies a municipality setting to the deadlines it computes', () => {
    const hamar: MunicipalitySettings = {
      ...DEFAULT_MUNICIPALITY_SETTINGS,
      periods: { ...DEFAULT_MUNICIPALITY_SETTINGS.periods, DECISION: { unit: 'weeks', amount: 2 } },
    };
    const d = drive(start(), cmd.notification({ receivedAt: '2027-03-01T09:00:00.000Z' }));
    expect(openDeadlines(d.snapshot, hamar).find((x) => x.kind === 'DECISION')?.due).toBe('2027-03-15');
  });

  it('a vacancy and a breach produce tasks for the KE leader', () => {
    const d = drive(start(), ...PATHS.active, { type: 'COORDINATOR_ENDED', reason: 'LEFT_JOB' });
    const deadlines = openDeadlines(d.snapshot, DEFAULT_MUNICIPALITY_SETTINGS);
    const vacancy = deadlines.find((x) => x.kind === 'COORDINATOR_VACANCY')!;
    const breached = apply(d, stamp(d, { type: 'DEADLINE_BREACHED', deadlineKey: vacancy.key }, vacancy.breachAt));
    const tasks = openTasks(breached.snapshot, openDeadlines(breached.snapshot, DEFAULT_MUNICIPALITY_SETTINGS));
    expect(tasks.map((t) => [t.kind, t.role])).toEqual([
      ['APPOINT_NEW_COORDINATOR', 'KE_LEADER'],
      ['ACT_ON_ESCALATION', 'KE_LEADER'],
    ]);
  });

  it('a closed case has no deadlines and no tasks', () => {
    const d = drive(start(), ...PATHS.closed);
    expect(openDeadlines(d.snapshot, DEFAULT_MUNICIPALITY_SETTINGS)).toEqual([]);
    expect(openTasks(d.snapshot, [])).toEqual([]);
  });
});

describe('tasks that deadlines bring', () => {
  it('an evaluation reminder asks to start the evaluation while the plan runs, and not once it has started', () => {
    const active = drive(start(), ...PATHS.active);
    const evaluation = openDeadlines(active.snapshot, DEFAULT_MUNICIPALITY_SETTINGS)[0];
    const reminded = apply(active, stamp(active, { type: 'DEADLINE_REMINDER', deadlineKey: evaluation.key }, evaluation.remindAt));
    const kinds = (d: typeof reminded) => openTasks(d.snapshot, openDeadlines(d.snapshot, DEFAULT_MUNICIPALITY_SETTINGS)).map((t) => t.kind);
    expect(kinds(reminded)).toEqual(['START_EVALUATION']);
    expect(kinds(drive(reminded, { type: 'START_EVALUATION', trigger: 'SCHEDULED' }))).toEqual(['EVALUATE_PLAN']);
  });
});
