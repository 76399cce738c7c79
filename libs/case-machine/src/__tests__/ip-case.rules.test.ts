// The rules of an IP case, path by path (domain § 2, 3, 7).
import { ipCaseMachine } from '../ip-case.machine';
import { caseStatus, allowedCommands, transitionLegalBasis } from '../ip-case.view';
import { allStateNodes, apply, cmd, drive, grant, PATHS, plan, stamp, start } from './ip-case.fixtures';
import type { IpCaseContext } from '../ip-case.types';

const ctx = (d: { snapshot: { context: unknown } }) => d.snapshot.context as IpCaseContext;

describe('decision (S4)', () => {
  const assessment = () => drive(start(), ...PATHS.assessment);

  it('refuses a rejection without reasons', () => {
    const d = assessment();
    const e = stamp(d, { type: 'RECORD_DECISION', sentAt: d.snapshot.context.receivedAt, appealInformationIncluded: true, decisions: [
      { line: 'IP', outcome: 'REJECTED', legalBasis: 'pbrl § 2-5' },
      { line: 'KOORDINATOR', outcome: 'REJECTED', reasons: 'x', legalBasis: 'pbrl § 2-5 b' },
    ] });
    expect(d.snapshot.can(e)).toBe(false);
  });

  it('refuses a decision letter without appeal information', () => {
    const d = assessment();
    expect(d.snapshot.can(stamp(d, { ...cmd.granted(), appealInformationIncluded: false } as never))).toBe(false);
  });

  it('refuses a decision that leaves a requested line undecided', () => {
    const d = assessment();
    const e = stamp(d, { type: 'RECORD_DECISION', sentAt: '2027-03-05T10:00:00.000Z', appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX', decisions: [{ line: 'IP', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5' }] });
    expect(d.snapshot.can(e)).toBe(false);
  });

  it('requires a coordinator offer when the person declines the IP (pbrl § 2-5 b)', () => {
    const d = drive(start(), cmd.notification({ requestedLines: ['IP'] }), { type: 'REGISTER' }, { type: 'START_ASSESSMENT' });
    const declinedOnly = stamp(d, { type: 'RECORD_DECISION', sentAt: '2027-03-05T10:00:00.000Z', appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX', decisions: [{ line: 'IP', outcome: 'USER_DECLINED', legalBasis: 'pbrl § 2-5' }] });
    expect(d.snapshot.can(declinedOnly)).toBe(false);
    const withOffer = drive(d, { type: 'RECORD_DECISION', sentAt: '2027-03-05T10:00:00.000Z', appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX', decisions: [
      { line: 'IP', outcome: 'USER_DECLINED', legalBasis: 'pbrl § 2-5' },
      { line: 'KOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 b' },
    ] });
    expect(caseStatus(withOffer.snapshot)).toBe('CONSENT_PENDING');
  });

  it('refuses barnekoordinator for an adult', () => {
    const d = drive(start(), cmd.notification({ requestedLines: ['BARNEKOORDINATOR'] }), { type: 'REGISTER' }, { type: 'START_ASSESSMENT' });
    const e = stamp(d, { type: 'RECORD_DECISION', sentAt: '2027-03-05T10:00:00.000Z', appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX', decisions: [{ line: 'BARNEKOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 c' }] });
    expect(d.snapshot.can(e)).toBe(false);
  });

  it('closes as USER_DECLINED when every line is declined', () => {
    const d = drive(start(), ...PATHS.assessment, { type: 'RECORD_DECISION', sentAt: '2027-03-05T10:00:00.000Z', appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX', decisions: [
      { line: 'IP', outcome: 'USER_DECLINED', legalBasis: 'pbrl § 2-5' },
      { line: 'KOORDINATOR', outcome: 'USER_DECLINED', legalBasis: 'pbrl § 2-5 b' },
    ] });
    expect(d.snapshot.status).toBe('done');
    expect(ctx(d).closure?.reason).toBe('USER_DECLINED');
  });
});

describe('preliminary reply (fvl § 11 a)', () => {
  const reply = { type: 'SEND_PRELIMINARY_REPLY', expectedAnswerBy: '2027-05-01', reason: 'Venter på opplysninger' } as const;

  it('can be sent from receipt until the decision, once', () => {
    const received = drive(start(), ...PATHS.received, reply);
    expect(ctx(received).preliminaryReplySentAt).not.toBeNull();
    expect(received.snapshot.can(stamp(received, reply))).toBe(false);
    const decided = drive(start(), ...PATHS.consentPending);
    expect(decided.snapshot.can(stamp(decided, reply))).toBe(false);
  });
});

describe('appeal (2.3)', () => {
  it('KE reverses: the contested lines are granted and consent is next', () => {
    const d = drive(start(), ...PATHS.keReconsideration, { type: 'APPEAL_RECONSIDERED', outcome: 'REVERSED' });
    expect(caseStatus(d.snapshot)).toBe('CONSENT_PENDING');
    expect(ctx(d).decisions.find((x) => x.line === 'IP')?.outcome).toBe('GRANTED');
    expect(ctx(d).appeal?.reconsideration).toBe('REVERSED');
  });

  it('Statsforvalteren upholds a full rejection: closed APPEAL_FINAL_REJECTION', () => {
    const d = drive(start(), ...PATHS.atStatsforvalter, { type: 'STATSFORVALTER_DECIDED', outcome: 'UPHELD' });
    expect(ctx(d).closure?.reason).toBe('APPEAL_FINAL_REJECTION');
  });

  it('Statsforvalteren returns the case: new assessment', () => {
    const d = drive(start(), ...PATHS.atStatsforvalter, { type: 'STATSFORVALTER_DECIDED', outcome: 'RETURNED' });
    expect(caseStatus(d.snapshot)).toBe('ASSESSMENT');
  });

  it('refuses an appeal against a granted line', () => {
    const d = drive(start(), ...PATHS.consentPending);
    const e = stamp(d, { type: 'APPEAL_RECEIVED', receivedAt: 'x', contestedLines: ['IP'], grounds: 'x' });
    expect(d.snapshot.can(e)).toBe(false);
  });
});

describe('consent (S5, 3)', () => {
  it('declining consent closes the case as USER_DECLINED', () => {
    const d = drive(start(), ...PATHS.assessment, cmd.granted(), { type: 'CONSENT_DECLINED' });
    expect(ctx(d).closure?.reason).toBe('USER_DECLINED');
  });

  it('refuses a coordinator proposal before APPOINT_COORD consent', () => {
    const d = drive(start(), ...PATHS.assessment, cmd.granted());
    expect(d.snapshot.can(stamp(d, cmd.propose()))).toBe(false);
  });

  it('refuses a consent without the information checklist, or naming no party for a sharing scope', () => {
    const d = drive(start(), ...PATHS.assessment);
    expect(d.snapshot.can(stamp(d, { type: 'CONSENT_GIVEN', grants: [{ ...grant('ESTABLISH_IP'), informationGiven: false }] }))).toBe(false);
    expect(d.snapshot.can(stamp(d, { type: 'CONSENT_GIVEN', grants: [grant('SHARE_WITH')] }))).toBe(false);
  });

  it('below 16 only parents consent; at 16 the young person takes over and must re-confirm', () => {
    const child = drive(start(), cmd.notification({ birthDate: '2011-04-10' }), { type: 'REGISTER' });
    expect(child.snapshot.can(stamp(child, { type: 'CONSENT_GIVEN', grants: [grant('ESTABLISH_IP')] }))).toBe(false);
    const d = drive(child, { type: 'CONSENT_GIVEN', grants: [grant('ESTABLISH_IP', undefined, 'PARENT')] });
    expect(d.snapshot.can(stamp(d, { type: 'TURNS_16' }, '2027-04-09T12:00:00.000Z'))).toBe(false);
    const sixteen = apply(d, stamp(d, { type: 'TURNS_16' }, '2027-04-09T22:00:00.000Z'));
    expect(ctx(sixteen).consentAuthority).toBe('SELF');
    expect(ctx(sixteen).reconsentRequired).toBe(true);
    const reconfirmed = drive(sixteen, { type: 'CONSENT_GIVEN', grants: [grant('ESTABLISH_IP')] });
    expect(ctx(reconfirmed).reconsentRequired).toBe(false);
  });

  it('withdrawing ESTABLISH_IP mid-plan freezes the plan and keeps the coordinator', () => {
    const d = drive(start(), ...PATHS.planDraft, {
      type: 'CONSENT_WITHDRAWN', withdraw: [{ scope: 'ESTABLISH_IP' }], consequencesExplained: true,
    });
    expect(caseStatus(d.snapshot)).toBe('ACTIVE');
    expect(ctx(d).planFrozen).toBe(true);
    expect(ctx(d).coordinator?.employeeId).toBe('emp-17');
    expect(allowedCommands(d.snapshot)).not.toContain('SUBMIT_PLAN_DRAFT');
  });

  it('withdrawing every consent closes the case as CONSENT_WITHDRAWN', () => {
    const d = drive(start(), ...PATHS.active, {
      type: 'CONSENT_WITHDRAWN',
      withdraw: [{ scope: 'ESTABLISH_IP' }, { scope: 'APPOINT_COORD' }, { scope: 'PARTICIPANT', party: 'PPT' }, { scope: 'SHARE_WITH', party: 'PPT' }],
      consequencesExplained: true,
    });
    expect(ctx(d).closure?.reason).toBe('CONSENT_WITHDRAWN');
  });

  it('withdrawing a participant removes them from the ansvarsgruppe at once', () => {
    const d = drive(start(), ...PATHS.mapping, { type: 'FORM_ANSVARSGRUPPE', members: [{ party: 'PPT', role: 'Rådgiver' }] }, {
      type: 'CONSENT_WITHDRAWN', withdraw: [{ scope: 'PARTICIPANT', party: 'PPT' }], consequencesExplained: true,
    });
    expect(ctx(d).ansvarsgruppe).toEqual([{ party: 'PPT', role: 'Rådgiver', active: false, leftAt: new Date(d.now).toISOString() }]);
  });

  it('refuses an ansvarsgruppe member outside the consent', () => {
    const d = drive(start(), ...PATHS.mapping);
    expect(d.snapshot.can(stamp(d, { type: 'FORM_ANSVARSGRUPPE', members: [{ party: 'NAV', role: 'Veileder' }] }))).toBe(false);
  });
});

describe('coordinator (S6, S13)', () => {
  it('a declined proposal returns to consent pending', () => {
    const d = drive(start(), ...PATHS.coordinatorProposed, { type: 'COORDINATOR_DECLINED', reason: 'Kapasitet' });
    expect(caseStatus(d.snapshot)).toBe('CONSENT_PENDING');
    expect(ctx(d).proposedCoordinator).toBeNull();
  });

  it('a coordinator change keeps the state and counts the change; an end opens a vacancy', () => {
    const d = drive(start(), ...PATHS.active, { type: 'COORDINATOR_ENDED', reason: 'LEFT_JOB' });
    expect(ctx(d).coordinator).toBeNull();
    expect(ctx(d).coordinatorVacantSince).not.toBeNull();
    const filled = drive(d, { type: 'COORDINATOR_CHANGED', reason: 'LEFT_JOB', coordinator: { employeeId: 'emp-2', unit: 'Helsestasjon', line: 'KOORDINATOR', userWishMet: false } });
    expect(caseStatus(filled.snapshot)).toBe('ACTIVE');
    expect(ctx(filled).coordinator?.employeeId).toBe('emp-2');
    expect(ctx(filled).coordinatorChanges).toBe(1);
  });

  it('coordinator-only case (IP declined) goes to follow-up without a plan', () => {
    const d = drive(
      start(),
      cmd.notification({ requestedLines: ['IP'] }),
      { type: 'REGISTER' },
      { type: 'START_ASSESSMENT' },
      { type: 'RECORD_DECISION', sentAt: '2027-03-05T10:00:00.000Z', appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX', decisions: [
        { line: 'IP', outcome: 'USER_DECLINED', legalBasis: 'pbrl § 2-5' },
        { line: 'KOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 b' },
      ] },
      { type: 'CONSENT_GIVEN', grants: [grant('APPOINT_COORD')] },
      cmd.propose(),
      { type: 'COORDINATOR_ACCEPTED' },
    );
    expect(d.snapshot.can(stamp(d, { type: 'START_MAPPING' }))).toBe(false);
    const f = drive(d, { type: 'START_FOLLOW_UP' });
    expect(caseStatus(f.snapshot)).toBe('ACTIVE');
    // No plan, so no plan evaluation: the coordinator is a right of its own (pbrl § 2-5 b).
    expect(ctx(f).nextEvaluationDate).toBeNull();
    expect(f.snapshot.can(stamp(f, { type: 'START_EVALUATION', trigger: 'SCHEDULED' }))).toBe(false);
  });
});

describe('plan, evaluation and pause (S9–S12)', () => {
  it('refuses a plan without a future revision date or with a measure owned by a non-participant', () => {
    const d = drive(start(), ...PATHS.mapping, { type: 'MAPPING_COMPLETED' });
    expect(d.snapshot.can(stamp(d, { type: 'SUBMIT_PLAN_DRAFT', plan: plan('2020-01-01') }))).toBe(false);
    const p = plan();
    p.measures[0].responsibleParty = 'NAV';
    expect(d.snapshot.can(stamp(d, { type: 'SUBMIT_PLAN_DRAFT', plan: p }))).toBe(false);
    expect(d.snapshot.can(stamp(d, { type: 'PLAN_APPROVED' }))).toBe(false);
  });

  it('approval makes plan version 1 and sets the evaluation date; a revision makes version 2', () => {
    const d = drive(start(), ...PATHS.active);
    expect(ctx(d).plan?.version).toBe(1);
    expect(ctx(d).nextEvaluationDate).toBe('2028-03-01');
    const revised = drive(d, { type: 'START_EVALUATION', trigger: 'USER_REQUEST' }, {
      type: 'EVALUATION_COMPLETED', outcome: 'REVISE', plan: plan('2028-09-01'),
    });
    expect(ctx(revised).plan?.version).toBe(2);
    expect(ctx(revised).nextEvaluationDate).toBe('2028-09-01');
    expect(ctx(revised).evaluations).toBe(1);
  });

  it('an evaluation can close the case with a reason', () => {
    const d = drive(start(), ...PATHS.evaluation, { type: 'EVALUATION_COMPLETED', outcome: 'CLOSE', closureReason: 'NEED_ENDED' });
    expect(ctx(d).closure?.reason).toBe('NEED_ENDED');
  });

  it('a pause stops the evaluation clock: resume moves the date by the days paused', () => {
    const d = drive(start(), ...PATHS.paused);
    const resumed = apply(d, stamp(d, { type: 'RESUME' }, new Date(d.now + 10 * 86_400_000).toISOString()));
    expect(caseStatus(resumed.snapshot)).toBe('ACTIVE');
    expect(ctx(resumed).nextEvaluationDate).toBe('2028-03-11');
  });

  it('refuses a pause without a planned resume date in the future', () => {
    const d = drive(start(), ...PATHS.active);
    expect(d.snapshot.can(stamp(d, { type: 'PAUSE', reason: 'x', plannedResumeDate: '2027-01-01' }))).toBe(false);
  });
});

describe('cross-cutting events', () => {
  it('death closes from any open state as DIED; a move closes as MOVED_OUT', () => {
    for (const path of [PATHS.received, PATHS.keReconsideration, PATHS.paused]) {
      const died = drive(start(), ...path, { type: 'USER_DIED', dateOfDeath: '2027-05-01' });
      expect(ctx(died).closure?.reason).toBe('DIED');
    }
    const moved = drive(start(), ...PATHS.active, { type: 'USER_MOVED', newMunicipality: '0301', moveDate: '2027-06-01', transferConsent: true });
    expect(ctx(moved).closure?.reason).toBe('MOVED_OUT');
    expect(ctx(moved).movedTo).toBe('0301');
  });

  it('turning 18 ends the child coordinator; conversion to coordinator needs APPOINT_COORD', () => {
    const d = drive(
      start(),
      cmd.notification({ requestedLines: ['BARNEKOORDINATOR'], birthDate: '2009-05-20' }),
      { type: 'REGISTER' },
      { type: 'START_ASSESSMENT' },
      { type: 'RECORD_DECISION', sentAt: '2027-03-05T10:00:00.000Z', appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX', decisions: [{ line: 'BARNEKOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 c' }] },
      { type: 'CONSENT_GIVEN', grants: [grant('APPOINT_CHILD_COORD', undefined, 'PARENT')] },
      cmd.propose('BARNEKOORDINATOR'),
      { type: 'COORDINATOR_ACCEPTED' },
      { type: 'START_FOLLOW_UP' },
    );
    const eighteen = apply(d, stamp(d, { type: 'TURNS_18' }, '2027-05-19T22:00:00.000Z'));
    expect(ctx(eighteen).childCoordinatorEnded).toBe(true);
    expect(eighteen.snapshot.can(stamp(eighteen, { type: 'CONVERT_TO_COORDINATOR' }))).toBe(false);
    const converted = drive(eighteen, { type: 'CONSENT_GIVEN', grants: [grant('APPOINT_COORD')] }, { type: 'CONVERT_TO_COORDINATOR' });
    expect(ctx(converted).coordinator?.line).toBe('KOORDINATOR');
    expect(ctx(converted).childCoordinatorEnded).toBe(false);
  });

  it('a breach is recorded once and can be acknowledged by the leader', () => {
    const d = drive(start(), ...PATHS.assessment, { type: 'DEADLINE_BREACHED', deadlineKey: 'DECISION@2027-03-01' } as never);
    expect(ctx(d).deadlineMarks['DECISION@2027-03-01'].breachedAt).toBeDefined();
    expect(d.snapshot.can(stamp(d, { type: 'DEADLINE_BREACHED', deadlineKey: 'DECISION@2027-03-01' }))).toBe(false);
    const ack = drive(d, { type: 'ACKNOWLEDGE_ESCALATION', deadlineKey: 'DECISION@2027-03-01', action: 'Prioritert' });
    expect(ctx(ack).deadlineMarks['DECISION@2027-03-01'].escalationAcknowledgedAt).toBeDefined();
  });
});

describe('metadata and persistence', () => {
  it('every transition carries its legal basis', () => {
    const missing = allStateNodes().flatMap((node) =>
      [...node.transitions.values()].flat().filter((t) => !(t.meta as { legalBasis?: string } | undefined)?.legalBasis).map((t) => `${node.id}:${t.eventType}`),
    );
    expect(missing).toEqual([]);
  });

  it('every state has a domain status and the history can name the basis of a transition', () => {
    expect(allStateNodes().filter((n) => n !== ipCaseMachine.root && !(n.meta as { status?: string })?.status).map((n) => n.id)).toEqual([]);
    const d = drive(start(), ...PATHS.assessment);
    expect(transitionLegalBasis(d.snapshot, stamp(d, cmd.granted()))).toContain('pbrl');
  });

  it('a persisted snapshot restores to the same state and context', () => {
    const d = drive(start(), ...PATHS.paused);
    const persisted = JSON.parse(JSON.stringify(ipCaseMachine.getPersistedSnapshot(d.snapshot)));
    const restored = ipCaseMachine.resolveState(persisted);
    expect(restored.value).toEqual(d.snapshot.value);
    expect(restored.context).toEqual(d.snapshot.context);
    expect(restored.can(stamp(d, { type: 'RESUME' }))).toBe(true);
  });
});

describe('allowed commands', () => {
  it('lists what a received case can take, without commands its data rules out', () => {
    const d = drive(start(), ...PATHS.received);
    expect(allowedCommands(d.snapshot)).toEqual(['CLOSE', 'CONSENT_CHANGED', 'CONSENT_GIVEN', 'REGISTER', 'SEND_PRELIMINARY_REPLY', 'USER_DIED', 'USER_MOVED']);
  });

  it('offers mapping completion in mapping, and withdrawal only of consent that exists', () => {
    const mapping = drive(start(), ...PATHS.coordinatorAppointed, { type: 'START_MAPPING' });
    expect(allowedCommands(mapping.snapshot)).toContain('MAPPING_COMPLETED');
    expect(allowedCommands(mapping.snapshot)).toContain('CONSENT_WITHDRAWN');
    expect(allowedCommands(drive(start(), ...PATHS.assessment).snapshot)).not.toContain('CONSENT_WITHDRAWN');
  });

  it('completes the mapping with its summary in one step, but not without a mapping', () => {
    const mapping = drive(start(), ...PATHS.coordinatorAppointed, { type: 'START_MAPPING' });
    expect(mapping.snapshot.can(stamp(mapping, { type: 'MAPPING_COMPLETED' }))).toBe(false);
    const done = drive(mapping, { type: 'MAPPING_COMPLETED', summary: 'Mål og behov kartlagt med bruker' });
    expect(caseStatus(done.snapshot)).toBe('PLAN_DRAFT');
    expect(ctx(done).mappingRecordedAt).not.toBeNull();
  });

  it('offers START_MAPPING when an IP is granted and START_FOLLOW_UP otherwise', () => {
    const d = drive(start(), ...PATHS.coordinatorAppointed);
    expect(allowedCommands(d.snapshot)).toContain('START_MAPPING');
    expect(allowedCommands(d.snapshot)).not.toContain('START_FOLLOW_UP');
  });
});
