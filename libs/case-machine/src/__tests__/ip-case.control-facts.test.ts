// The facts internal control counts that the case records itself (domain § 5.2): disclosures under consent (K7), each
// approved plan version's user participation (K12), and when a child was heard (K13). None of them changes the state.
import type { IpCaseCommand } from '../ip-case.events';
import { ipCaseMachine } from '../ip-case.machine';
import type { IpCaseContext } from '../ip-case.types';
import { commandOptions, explainRefusal } from '../ip-case.view';
import { apply, cmd, drive, Driven, grant, PATHS, plan, stamp, start } from './ip-case.fixtures';

const ctx = (d: Driven) => d.snapshot.context as IpCaseContext;
const refusal = (d: Driven, c: IpCaseCommand, at?: string) => explainRefusal(d.snapshot, stamp(d, c, at));
const disclose = (recipient: string, scope: 'SHARE_WITH' | 'PARTICIPANT' = 'SHARE_WITH', disclosedOn = '2027-03-01'): IpCaseCommand => ({
  type: 'INFORMATION_DISCLOSED', recipient, scope, purpose: 'Tilrettelegging i skolen', disclosedOn,
});
const heard = (heardOn = '2027-03-01', how: 'CONVERSATION' | 'IN_WRITING' | 'THROUGH_REPRESENTATIVE' = 'CONVERSATION'): IpCaseCommand => ({
  type: 'CHILD_HEARD', heardOn, how, summary: 'Vil ha timene etter skolen',
});

describe('a disclosure is recorded only within an active consent (K7; hpl § 22, pbrl § 2-5)', () => {
  // SHARE_WITH:PPT and PARTICIPANT:PPT are given on the main path, on 2027-03-01 (its whole path is that day in Oslo).
  const active = () => drive(start(), ...PATHS.active);

  it('is refused outside the consent, naming the missing scope', () => {
    expect(refusal(active(), disclose('NAV'))).toEqual({
      code: 'CONSENT_SCOPE_MISSING',
      reason: 'No active consent covers SHARE_WITH:NAV: the information may not be disclosed to NAV.',
      legalBasis: 'hpl § 22; pbrl § 2-5',
    });
    expect(refusal(active(), disclose('NAV', 'PARTICIPANT')).reason).toMatch(/PARTICIPANT:NAV/);
  });

  it('is recorded with its consent, in the context and without a change of state', () => {
    const before = active();
    const d = drive(before, disclose('PPT'), disclose('PPT', 'PARTICIPANT'));
    expect(d.snapshot.value).toEqual(before.snapshot.value);
    expect(ctx(d).disclosures).toEqual([
      { recipient: 'PPT', scope: 'SHARE_WITH', purpose: 'Tilrettelegging i skolen', disclosedOn: '2027-03-01', at: expect.any(String), consentActive: true },
      { recipient: 'PPT', scope: 'PARTICIPANT', purpose: 'Tilrettelegging i skolen', disclosedOn: '2027-03-01', at: expect.any(String), consentActive: true },
    ]);
    expect(Date.parse(ctx(d).disclosures![1].at)).toBe(d.now);
  });

  it('is refused once the consent is withdrawn, and the withdrawal does not erase what was recorded', () => {
    const d = drive(active(), disclose('PPT'), { type: 'CONSENT_WITHDRAWN', withdraw: [{ scope: 'SHARE_WITH', party: 'PPT' }], consequencesExplained: true });
    expect(refusal(d, disclose('PPT'))).toMatchObject({ code: 'CONSENT_SCOPE_MISSING', reason: expect.stringContaining('SHARE_WITH:PPT') });
    expect(ctx(d).disclosures).toHaveLength(1);
    // PARTICIPANT:PPT is still given.
    expect(refusal(d, disclose('PPT', 'PARTICIPANT')).code).toBe('ALLOWED');
  });

  it('is refused for a day before the consent was given', () => {
    expect(refusal(active(), disclose('PPT', 'SHARE_WITH', '2027-02-27'))).toMatchObject({
      code: 'CONSENT_SCOPE_MISSING',
      reason: 'The consent SHARE_WITH:PPT was given on 2027-03-01, after the disclosure on 2027-02-27: it did not cover it.',
    });
  });

  it('says to whom, under which kind of scope, why and when', () => {
    const d = active();
    expect(refusal(d, disclose('PPT', 'SHARE_WITH', '2027-03-09'))).toMatchObject({ code: 'DISCLOSURE_INVALID', reason: expect.stringMatching(/future/) });
    expect(refusal(d, { ...disclose('PPT'), scope: 'ESTABLISH_IP' } as IpCaseCommand)).toMatchObject({ code: 'DISCLOSURE_INVALID', reason: expect.stringMatching(/SHARE_WITH or PARTICIPANT/) });
    expect(refusal(d, { ...disclose('PPT'), purpose: ' ' } as IpCaseCommand).code).toBe('DISCLOSURE_INVALID');
    expect(refusal(d, { ...disclose(' ') } as IpCaseCommand).code).toBe('DISCLOSURE_INVALID');
  });

  it('is blocked, with the rule, while the case holds no consent to share; a closed case takes none', () => {
    const received = drive(start(), ...PATHS.received);
    expect(commandOptions(received.snapshot, new Date(received.now).toISOString()).blocked).toContainEqual({
      type: 'INFORMATION_DISCLOSED',
      code: 'CONSENT_SCOPE_MISSING',
      reason: expect.stringMatching(/SHARE_WITH:<party>/),
      legalBasis: 'hpl § 22; pbrl § 2-5',
    });
    const withSharing = drive(received, { type: 'CONSENT_GIVEN', grants: [grant('SHARE_WITH', 'Fastlegen')] });
    expect(refusal(withSharing, disclose('Fastlegen', 'SHARE_WITH', '2027-03-01')).code).toBe('ALLOWED');
    expect(refusal(drive(start(), ...PATHS.closed), disclose('PPT')).code).toBe('CASE_CLOSED');
  });
});

describe('the child is heard (K13; pbrl § 4-4, barnekonvensjonen art. 12)', () => {
  // Received on 2027-03-01; ten years old.
  const child = (birthDate = '2017-01-10') => drive(start(), cmd.notification({ birthDate }));

  it('is recorded for a child, without what the child said, and without a change of state', () => {
    const before = child();
    const d = drive(before, heard('2027-03-01'), heard('2027-02-20', 'THROUGH_REPRESENTATIVE'));
    expect(d.snapshot.value).toEqual(before.snapshot.value);
    expect(ctx(d).childHeard).toEqual([
      { heardOn: '2027-03-01', how: 'CONVERSATION', at: expect.any(String) },
      { heardOn: '2027-02-20', how: 'THROUGH_REPRESENTATIVE', at: new Date(d.now).toISOString() },
    ]);
  });

  it('is refused for an adult, an expected child, and a young person who has turned 18', () => {
    const notAChild = { code: 'NOT_A_CHILD', legalBasis: 'pbrl § 4-4; barnekonvensjonen art. 12' };
    expect(refusal(drive(start(), ...PATHS.received), heard())).toMatchObject(notAChild);
    expect(refusal(drive(start(), cmd.notification({ birthDate: null, expectedChild: true })), heard())).toMatchObject(notAChild);
    const seventeen = child('2009-03-10');
    expect(refusal(seventeen, heard('2027-03-01')).code).toBe('ALLOWED');
    expect(refusal(seventeen, heard('2027-03-09'), '2027-03-10T10:00:00.000Z')).toMatchObject(notAChild);
  });

  it('is refused for a day in the future or before the child was born', () => {
    expect(refusal(child(), heard('2027-03-02'))).toMatchObject({ code: 'CHILD_HEARD_INVALID', reason: expect.stringMatching(/future/) });
    expect(refusal(child(), heard('2016-12-31'))).toMatchObject({ code: 'CHILD_HEARD_INVALID', reason: expect.stringMatching(/birth date/) });
    expect(refusal(child(), { ...heard(), how: 'BY_PHONE' } as unknown as IpCaseCommand).code).toBe('CHILD_HEARD_INVALID');
  });
});

describe('each approved plan version keeps how the person took part (K12; pbrl § 3-1)', () => {
  it('is appended on approval and on a revision', () => {
    const d = drive(start(), ...PATHS.evaluation, {
      type: 'EVALUATION_COMPLETED',
      outcome: 'REVISE',
      plan: { ...plan('2028-06-01'), userParticipation: 'REPRESENTED', goals: [{ lifeArea: 'housing', statementInUserWords: 'Egen leilighet' }] },
    });
    expect(ctx(d).planVersions).toEqual([
      { version: 1, approvedAt: expect.any(String), userParticipation: 'FULL', goalsInOwnWords: true },
      { version: 2, approvedAt: ctx(d).plan!.approvedAt, userParticipation: 'REPRESENTED', goalsInOwnWords: true },
    ]);
  });

  it('starts with the next approval in a case from before versions were kept', () => {
    const d = drive(start(), ...PATHS.planDraft);
    const { planVersions: _none, disclosures: _d, childHeard: _c, ...older } = ctx(d);
    const persisted = JSON.parse(JSON.stringify(ipCaseMachine.getPersistedSnapshot(d.snapshot)));
    const restored = ipCaseMachine.resolveState({ ...persisted, context: older });
    const approved = apply({ snapshot: restored, now: d.now }, stamp(d, { type: 'PLAN_APPROVED' }));
    expect(ctx(approved).planVersions).toEqual([{ version: 1, approvedAt: ctx(approved).plan!.approvedAt, userParticipation: 'FULL', goalsInOwnWords: true }]);
  });
});
