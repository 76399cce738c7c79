// Consent and the service lines as domain §§ 2.2, 2.3 and 3.2–3.6 say: participation and sharing follow the scopes,
// the coordinator-only line has no plan work, who consented is recorded, and the appeal window runs from the letter.
import { openDeadlines, DEFAULT_MUNICIPALITY_SETTINGS } from '../ip-case.deadlines';
import { scopesAwaitingSecondParent } from '../ip-case.guards';
import { openTasks } from '../ip-case.tasks';
import type { IpCaseCommand } from '../ip-case.events';
import type { IpCaseContext } from '../ip-case.types';
import { caseStatus, commandOptions, explainRefusal } from '../ip-case.view';
import { apply, cmd, drive, Driven, grant, PATHS, plan, stamp, start } from './ip-case.fixtures';

const ctx = (d: Driven) => d.snapshot.context as IpCaseContext;
const deadlineKinds = (d: Driven) => openDeadlines(d.snapshot, DEFAULT_MUNICIPALITY_SETTINGS).map((x) => x.kind).sort();
const taskKinds = (d: Driven) => openTasks(d.snapshot, openDeadlines(d.snapshot, DEFAULT_MUNICIPALITY_SETTINGS)).map((t) => t.kind).sort();
const refusal = (d: Driven, c: IpCaseCommand) => explainRefusal(d.snapshot, stamp(d, c));

describe('participation and sharing follow the consent scopes (hpl § 22, fvl § 13 a)', () => {
  it('refuses a plan participant, a responsible service or a recipient not covered, naming the missing scope', () => {
    const d = drive(start(), ...PATHS.mapping, { type: 'MAPPING_COMPLETED' });
    const withParticipant = { ...plan(), participants: [{ party: 'NAV', role: 'Veileder' }] };
    expect(refusal(d, { type: 'SUBMIT_PLAN_DRAFT', plan: withParticipant })).toMatchObject({
      code: 'PLAN_INCOMPLETE',
      reason: 'No active consent for PARTICIPANT:NAV.',
    });
    const sharedWithSchool = { ...plan(), sharedWith: ['Skolen'] };
    expect(refusal(d, { type: 'SUBMIT_PLAN_DRAFT', plan: sharedWithSchool }).reason).toBe('No active consent for SHARE_WITH:Skolen.');
    const measureByNav = { ...plan(), measures: [{ description: 'Arbeidstrening', responsibleParty: 'NAV', scope: '2 d/uke' }] };
    expect(refusal(d, { type: 'SUBMIT_PLAN_DRAFT', plan: measureByNav }).reason).toBe('No active consent for PARTICIPANT:NAV.');
    expect(refusal(d, { type: 'SUBMIT_PLAN_DRAFT', plan: { ...plan(), sharedWith: ['PPT'], participants: [{ party: 'PPT', role: 'Rådgiver' }] } }).code).toBe('ALLOWED');
  });

  it('the ansvarsgruppe can be changed while the case is coordinated, within the consent', () => {
    const d = drive(start(), ...PATHS.active, { type: 'FORM_ANSVARSGRUPPE', members: [{ party: 'PPT', role: 'Rådgiver' }] });
    expect(ctx(d).ansvarsgruppe).toEqual([{ party: 'PPT', role: 'Rådgiver', active: true }]);
    expect(refusal(d, { type: 'FORM_ANSVARSGRUPPE', members: [{ party: 'Skolen', role: 'Kontaktlærer' }] })).toEqual({
      code: 'PARTY_NOT_COVERED_BY_CONSENT',
      reason: 'No active consent for PARTICIPANT:Skolen.',
      legalBasis: 'hpl § 22; fvl § 13 a nr. 1',
    });
  });

  it("withdrawing one party's scope removes it from the group and the plan's sharing from then, with a task to tell the parties", () => {
    const approved = drive(start(), ...PATHS.mapping, { type: 'FORM_ANSVARSGRUPPE', members: [{ party: 'PPT', role: 'Rådgiver' }] }, { type: 'MAPPING_COMPLETED' },
      { type: 'SUBMIT_PLAN_DRAFT', plan: { ...plan(), sharedWith: ['PPT'] } }, { type: 'PLAN_APPROVED' });
    expect(ctx(approved).plan?.sharedWith).toEqual(['PPT']);
    const d = drive(approved, { type: 'CONSENT_CHANGED', grants: [], withdraw: [{ scope: 'SHARE_WITH', party: 'PPT' }] });
    const at = new Date(d.now).toISOString();
    expect(ctx(d).ansvarsgruppe).toEqual([{ party: 'PPT', role: 'Rådgiver', active: false, leftAt: at }]);
    expect(ctx(d).plan?.sharedWith).toEqual([]);
    expect(ctx(d).sharingEnded).toEqual([{ party: 'PPT', scope: 'SHARE_WITH', at }]);
    const task = openTasks(d.snapshot, []).find((t) => t.kind === 'NOTIFY_SHARING_ENDED');
    expect(task).toMatchObject({ role: 'COORDINATOR', assignee: 'emp-17', completes: 'SHARING_END_NOTIFIED' });
    const told = drive(d, { type: 'SHARING_END_NOTIFIED', parties: ['PPT'] });
    expect(taskKinds(told)).not.toContain('NOTIFY_SHARING_ENDED');
    expect(ctx(told).sharingEnded?.[0].notifiedAt).toBeDefined();
  });
});

describe('the coordinator-only line (pbrl § 2-5 b)', () => {
  const coordinatorOnly = () =>
    drive(
      start(),
      cmd.notification({ requestedLines: ['IP', 'KOORDINATOR'] }),
      { type: 'REGISTER' },
      { type: 'START_ASSESSMENT' },
      { ...cmd.granted(), decisions: [{ line: 'IP', outcome: 'USER_DECLINED', legalBasis: 'pbrl § 2-5' }, { line: 'KOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 b' }] } as IpCaseCommand,
      { type: 'CONSENT_GIVEN', grants: [grant('APPOINT_COORD')] },
      cmd.propose(),
      { type: 'COORDINATOR_ACCEPTED' },
      { type: 'START_FOLLOW_UP' },
    );

  it('keeps the coordinator but has no plan or evaluation deadline and no plan or evaluation task', () => {
    const d = coordinatorOnly();
    expect(ctx(d).coordinator?.employeeId).toBe('emp-17');
    expect(deadlineKinds(d)).toEqual([]);
    expect(taskKinds(d)).toEqual([]);
    expect(commandOptions(d.snapshot, stamp(d, { type: 'RESUME' }).at).blocked).toContainEqual(
      expect.objectContaining({ type: 'START_EVALUATION', code: 'NO_PLAN_TO_EVALUATE' }),
    );
  });

  it('after ESTABLISH_IP is withdrawn the plan work stops: no evaluation, the coordinator stays', () => {
    const d = drive(start(), ...PATHS.active, { type: 'CONSENT_WITHDRAWN', withdraw: [{ scope: 'ESTABLISH_IP' }], consequencesExplained: true });
    expect(caseStatus(d.snapshot)).toBe('ACTIVE');
    expect(ctx(d).coordinator).not.toBeNull();
    expect(deadlineKinds(d)).not.toContain('EVALUATION');
    expect(refusal(d, { type: 'START_EVALUATION', trigger: 'USER_REQUEST' }).code).toBe('NO_PLAN_TO_EVALUATE');
  });

  it('cases started before these rules keep the evaluation date they had (their histories replay as they ran)', () => {
    const d = drive(start('legacy', '4601', undefined, null), ...PATHS.active.map((c) => stripCurrentRules(c)),
      { type: 'CONSENT_WITHDRAWN', withdraw: [{ scope: 'ESTABLISH_IP' }], consequencesExplained: true });
    expect(deadlineKinds(d)).toContain('EVALUATION');
    expect(d.snapshot.can(stamp(d, { type: 'START_EVALUATION', trigger: 'USER_REQUEST' }))).toBe(true);
  });
});

/** A command as sent before the current rules (legacy consent shape), for a case started then. */
function stripCurrentRules(c: IpCaseCommand): IpCaseCommand {
  if (c.type !== 'CONSENT_GIVEN') return c;
  return { ...c, grants: c.grants.map(({ givenBy: _g, ...g }) => ({ ...g, informationGiven: true })) };
}

describe('who consented (domain 3.4, 3.5)', () => {
  const child = () => drive(start(), cmd.notification({ birthDate: '2020-02-02' }), { type: 'REGISTER' });

  it('records who gave each consent, in what capacity and form, with the information checklist', () => {
    const d = drive(child(), { type: 'CONSENT_GIVEN', parentalResponsibility: 'SOLE', grants: [grant('OBTAIN_FROM', 'Fastlegen', 'PARENT', { name: 'Anne Forelder', relation: 'MOTHER' })] });
    expect(ctx(d).consents[0]).toMatchObject({ capacity: 'PARENT', form: 'WRITTEN_DIGITAL', givenBy: { name: 'Anne Forelder', relation: 'MOTHER' } });
    expect(ctx(d).consents[0].informationGiven).toMatchObject({ purpose: true, voluntaryAndWithdrawable: true });
  });

  it('refuses a consent without who gave it, or with an item of the checklist not given', () => {
    const d = child();
    const { givenBy: _g, ...anonymous } = grant('OBTAIN_FROM', 'Fastlegen', 'PARENT');
    expect(refusal(d, { type: 'CONSENT_GIVEN', grants: [anonymous] }).reason).toBe('OBTAIN_FROM:Fastlegen: record who gave the consent (givenBy).');
    const uninformed = { ...grant('OBTAIN_FROM', 'Fastlegen', 'PARENT'), informationGiven: { ...(grant('ESTABLISH_IP').informationGiven as object), sources: false } as never };
    expect(refusal(d, { type: 'CONSENT_GIVEN', grants: [uninformed] }).reason).toMatch(/not told everything consent needs \(sources\)/);
    expect(refusal(d, { type: 'CONSENT_GIVEN', grants: [{ ...grant('ESTABLISH_IP', undefined, 'PARENT'), form: 'ORAL_RECORDED' }] }).reason).toMatch(/oral consent is recorded/);
  });

  it('under joint parental responsibility a scope is flagged until both parents have consented, each kept separately', () => {
    const one = drive(child(), { type: 'CONSENT_GIVEN', parentalResponsibility: 'JOINT', grants: [grant('ESTABLISH_IP', undefined, 'PARENT', { name: 'Anne Forelder', relation: 'MOTHER' })] });
    expect(scopesAwaitingSecondParent(ctx(one))).toEqual(['ESTABLISH_IP']);
    const both = drive(one, { type: 'CONSENT_GIVEN', grants: [grant('ESTABLISH_IP', undefined, 'PARENT', { name: 'Per Forelder', relation: 'FATHER' })] });
    expect(scopesAwaitingSecondParent(ctx(both))).toEqual([]);
    expect(ctx(both).consents.filter((c) => c.status === 'ACTIVE').map((c) => c.givenBy?.relation)).toEqual(['MOTHER', 'FATHER']);
    const sole = drive(child(), { type: 'CONSENT_GIVEN', parentalResponsibility: 'SOLE', grants: [grant('ESTABLISH_IP', undefined, 'PARENT')] });
    expect(scopesAwaitingSecondParent(ctx(sole))).toEqual([]);
  });
});

describe('the appeal window runs from the letter (pbrl § 7-5)', () => {
  // Friday 5 March 2027: by post, received the third working day after (Wednesday 10 March); four weeks → 7 April.
  const decided = (letterMethod: 'POST' | 'DIGITAL_MAILBOX') =>
    drive(start(), ...PATHS.assessment, { ...cmd.rejected(), sentAt: '2027-03-05T10:00:00.000Z', letterMethod } as IpCaseCommand);
  const appeal = (d: Driven, receivedAt: string) =>
    apply(d, stamp(d, { type: 'APPEAL_RECEIVED', receivedAt, contestedLines: ['IP'], grounds: 'Uenig' }, receivedAt));

  it('starts at the letter, with the postal rule', () => {
    expect(ctx(decided('POST')).decisionLetter).toEqual({ sentAt: '2027-03-05T10:00:00.000Z', method: 'POST', receivedOn: '2027-03-10' });
    const window = (d: Driven) => openDeadlines(d.snapshot, DEFAULT_MUNICIPALITY_SETTINGS).find((x) => x.kind === 'APPEAL_WINDOW')!;
    expect(window(decided('POST'))).toMatchObject({ startedOn: '2027-03-10', due: '2027-04-07' });
    expect(window(decided('DIGITAL_MAILBOX'))).toMatchObject({ startedOn: '2027-03-05', due: '2027-04-02' });
  });

  it('an appeal on the last day is in time', () => {
    const d = appeal(decided('POST'), '2027-04-07T14:00:00.000Z');
    expect(ctx(d).appeal).toMatchObject({ timely: true, daysLate: 0 });
    expect(taskKinds(d)).toEqual(['HANDLE_APPEAL']);
  });

  it('a late appeal is registered and flagged with the days late and a task to assess the lateness', () => {
    const d = appeal(decided('POST'), '2027-04-12T09:00:00.000Z');
    expect(caseStatus(d.snapshot)).toBe('KE_RECONSIDERATION');
    expect(ctx(d).appeal).toMatchObject({ timely: false, daysLate: 5, lateness: 'PENDING' });
    expect(taskKinds(d)).toEqual(['ASSESS_LATE_APPEAL']);
    expect(refusal(d, { type: 'APPEAL_RECONSIDERED', outcome: 'UPHELD' })).toMatchObject({ code: 'LATE_APPEAL_NOT_ASSESSED', legalBasis: 'pbrl § 7-7; fvl § 31' });

    const excused = drive(d, { type: 'LATE_APPEAL_ASSESSED', excusable: true, reasons: 'Innlagt på sykehus i klagefristen' });
    expect(ctx(excused).appeal?.lateness).toBe('EXCUSED');
    expect(taskKinds(excused)).toEqual(['HANDLE_APPEAL']);
    expect(caseStatus(drive(excused, { type: 'APPEAL_RECONSIDERED', outcome: 'UPHELD' }).snapshot)).toBe('APPEAL_UPHELD');

    const dismissed = drive(d, { type: 'LATE_APPEAL_ASSESSED', excusable: false, reasons: 'Ingen grunn oppgitt' });
    expect(caseStatus(dismissed.snapshot)).toBe('DECIDED_REJECTED');
    expect(ctx(dismissed).appeal?.lateness).toBe('NOT_EXCUSED');
  });
});

describe("the proposed coordinator's task", () => {
  it('is completed by accepting or by declining', () => {
    const d = drive(start(), ...PATHS.coordinatorProposed);
    expect(openTasks(d.snapshot, [])).toContainEqual(
      expect.objectContaining({ kind: 'ACCEPT_APPOINTMENT', completes: 'COORDINATOR_ACCEPTED', commands: ['COORDINATOR_ACCEPTED', 'COORDINATOR_DECLINED'] }),
    );
  });
});
