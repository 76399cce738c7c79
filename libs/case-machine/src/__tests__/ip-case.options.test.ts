// allowedEvents and blockedEvents tell the truth: walked over every state of the machine (and the variants whose rules
// refuse what the state handles), an allowed command is accepted with a valid payload, a blocked one is refused
// with exactly the rule the case view names, and every other command is not part of the state.
import { AnyMachineSnapshot } from 'xstate';
import { osloDateOf } from '../../../calendar/src/civil-date';
import { partiesToNotify } from '../ip-case.guards';
import { COMMAND_EVENT_TYPES, IpCaseCommand, IpCaseEvent } from '../ip-case.events';
import { DISCLOSURE_SCOPES, IpCaseContext, LineDecision } from '../ip-case.types';
import { commandOptions, explainRefusal } from '../ip-case.view';
import { allStateNodes, apply, cmd, drive, Driven, grant, HOUR, PATHS, plan, start, stamp } from './ip-case.fixtures';

const coordinatorOnly = [
  cmd.notification({ requestedLines: ['IP'] }),
  { type: 'REGISTER' },
  { type: 'START_ASSESSMENT' },
  {
    type: 'RECORD_DECISION', sentAt: '2027-03-01T11:00:00.000Z', appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX',
    decisions: [{ line: 'IP', outcome: 'USER_DECLINED', legalBasis: 'pbrl § 2-5' }, { line: 'KOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 b' }],
  },
  { type: 'CONSENT_GIVEN', grants: [grant('APPOINT_COORD')] },
  cmd.propose(),
  { type: 'COORDINATOR_ACCEPTED' },
] as IpCaseCommand[];

function lateAppeal(): Driven {
  // Decided and posted on 1 March; the appeal arrives in May, after the four weeks from receipt.
  const d = drive(start(), ...PATHS.assessment, { ...cmd.rejected(), sentAt: '2027-03-01T11:00:00.000Z', letterMethod: 'POST' } as IpCaseCommand);
  return apply(d, stamp(d, { type: 'APPEAL_RECEIVED', receivedAt: '2027-05-03T09:00:00.000Z', contestedLines: ['IP'], grounds: 'Uenig' }, '2027-05-03T10:00:00.000Z'));
}

/** Every leaf state on its main path, and variants where the case's data makes rules refuse what the state handles. */
const SCENARIOS: Record<string, () => Driven> = {
  ...Object.fromEntries(Object.entries(PATHS).map(([state, path]) => [state, () => drive(start(), ...path)])),
  'consentPending without consent': () => drive(start(), ...PATHS.assessment, cmd.granted()),
  'consentPending, partly granted': () =>
    drive(start(), ...PATHS.assessment, {
      ...cmd.granted(),
      decisions: [{ line: 'IP', outcome: 'REJECTED', reasons: 'Ikke behov for plan', legalBasis: 'pbrl § 2-5' }, { line: 'KOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 b' }],
    } as IpCaseCommand),
  'coordinatorAppointed, coordinator only': () => drive(start(), ...coordinatorOnly),
  'active, coordinator only': () => drive(start(), ...coordinatorOnly, { type: 'START_FOLLOW_UP' }),
  'active, plan consent withdrawn': () =>
    drive(start(), ...PATHS.active, { type: 'CONSENT_WITHDRAWN', withdraw: [{ scope: 'ESTABLISH_IP' }], consequencesExplained: true }),
  'mapping without participants': () =>
    drive(start(), ...PATHS.mapping, { type: 'CONSENT_WITHDRAWN', withdraw: [{ scope: 'PARTICIPANT', party: 'PPT' }], consequencesExplained: true }),
  'planDraft without a draft': () => drive(start(), ...PATHS.mapping, { type: 'MAPPING_COMPLETED' }),
  'active, sharing ended': () =>
    drive(start(), ...PATHS.active, { type: 'CONSENT_CHANGED', grants: [], withdraw: [{ scope: 'SHARE_WITH', party: 'PPT' }] }),
  'keReconsideration, late appeal': lateAppeal,
  'received, a child': () => drive(start(), cmd.notification({ birthDate: '2015-05-01' })),
  'rejected, escalated': () => {
    const d = drive(start(), ...PATHS.rejected);
    return apply(d, stamp(d, { type: 'DEADLINE_BREACHED', deadlineKey: 'DECISION@2027-03-01' }));
  },
};

/** Valid payloads of a command for this case (several where the case offers choices); the sender could send any. */
function payloads(type: string, ctx: IpCaseContext, at: string): IpCaseCommand[] {
  const decide = (outcome: LineDecision['outcome']) =>
    ctx.requestedLines.map((line) => ({ line, outcome, legalBasis: 'pbrl § 2-5', ...(outcome === 'GRANTED' ? {} : { reasons: 'Begrunnelse' }) }));
  const capacity = ctx.consentAuthority === 'PARENTS' ? 'PARENT' : 'SELF';
  const before = new Date(Date.parse(at) - 60_000).toISOString();
  const all: Record<string, IpCaseCommand[]> = {
    NOTIFICATION_RECEIVED: [cmd.notification()],
    SEND_PRELIMINARY_REPLY: [{ type: 'SEND_PRELIMINARY_REPLY', expectedAnswerBy: '2027-05-01', reason: 'Venter på opplysninger' }],
    RECORD_DECISION: (['GRANTED', 'REJECTED'] as const).map((o) => ({ type: 'RECORD_DECISION', sentAt: before, appealInformationIncluded: true, letterMethod: 'POST', decisions: decide(o) })),
    APPEAL_RECEIVED: [{ type: 'APPEAL_RECEIVED', receivedAt: before, contestedLines: ctx.decisions.filter((d) => d.outcome !== 'GRANTED').map((d) => d.line), grounds: 'Uenig' }],
    LATE_APPEAL_ASSESSED: [{ type: 'LATE_APPEAL_ASSESSED', excusable: true, reasons: 'Var på sykehus' }],
    APPEAL_RECONSIDERED: [{ type: 'APPEAL_RECONSIDERED', outcome: 'UPHELD' }, { type: 'APPEAL_RECONSIDERED', outcome: 'REVERSED' }],
    APPEAL_FORWARDED: [{ type: 'APPEAL_FORWARDED', forwardedAt: before }],
    STATSFORVALTER_DECIDED: (['UPHELD', 'REVERSED', 'RETURNED'] as const).map((outcome) => ({ type: 'STATSFORVALTER_DECIDED', outcome })),
    CONSENT_GIVEN: [{ type: 'CONSENT_GIVEN', grants: [grant('DIGITAL_TOOL', undefined, capacity)] }],
    CONSENT_DECLINED: [{ type: 'CONSENT_DECLINED' }],
    CONSENT_CHANGED: [{ type: 'CONSENT_CHANGED', grants: [grant('DIGITAL_TOOL', undefined, capacity)], withdraw: [] }],
    CONSENT_WITHDRAWN: ctx.consents
      .filter((c) => c.status === 'ACTIVE')
      .map((c) => ({ type: 'CONSENT_WITHDRAWN', withdraw: [{ scope: c.scope, ...(c.party ? { party: c.party } : {}) }], consequencesExplained: true })),
    INFORMATION_DISCLOSED: (() => {
      const parties = ctx.consents.filter((c) => c.status === 'ACTIVE' && (DISCLOSURE_SCOPES as readonly string[]).includes(c.scope));
      return (parties.length ? parties : [{ scope: 'SHARE_WITH' as const, party: 'NAV' }]).map((c) => ({
        type: 'INFORMATION_DISCLOSED', recipient: c.party!, scope: c.scope, purpose: 'Søknad om arbeidsavklaringspenger', disclosedOn: osloDateOf(at),
      }));
    })(),
    CHILD_HEARD: [{ type: 'CHILD_HEARD', heardOn: osloDateOf(at), how: 'CONVERSATION', summary: 'Vil helst ha timene etter skolen' }],
    SHARING_END_NOTIFIED: [{ type: 'SHARING_END_NOTIFIED', parties: partiesToNotify(ctx).length ? partiesToNotify(ctx) : ['PPT'] }],
    PROPOSE_COORDINATOR: [cmd.propose('KOORDINATOR'), cmd.propose('BARNEKOORDINATOR')],
    COORDINATOR_DECLINED: [{ type: 'COORDINATOR_DECLINED', reason: 'Kapasitet' }],
    COORDINATOR_CHANGED: (['KOORDINATOR', 'BARNEKOORDINATOR'] as const).map((line) => ({
      type: 'COORDINATOR_CHANGED', coordinator: { employeeId: 'emp-99', unit: 'Psykisk helse', line, userWishMet: true }, reason: 'LEFT_JOB',
    })),
    COORDINATOR_ENDED: [{ type: 'COORDINATOR_ENDED', reason: 'LEAVE' }],
    RECORD_MAPPING: [{ type: 'RECORD_MAPPING', summary: 'Kartlagt' }],
    FORM_ANSVARSGRUPPE: [{
      type: 'FORM_ANSVARSGRUPPE',
      members: ctx.consents.filter((c) => c.status === 'ACTIVE' && c.scope === 'PARTICIPANT').map((c) => ({ party: c.party!, role: 'Medlem' })),
    }],
    MAPPING_COMPLETED: [{ type: 'MAPPING_COMPLETED', summary: 'Kartlagt' }],
    SUBMIT_PLAN_DRAFT: [{ type: 'SUBMIT_PLAN_DRAFT', plan: { ...plan(), measures: [{ description: 'Egentrening', responsibleParty: 'USER', scope: '1 t/uke' }] } }],
    START_EVALUATION: [{ type: 'START_EVALUATION', trigger: 'SCHEDULED' }],
    EVALUATION_COMPLETED: [{ type: 'EVALUATION_COMPLETED', outcome: 'CONTINUE', nextEvaluationDate: '2029-01-01' }],
    PAUSE: [{ type: 'PAUSE', reason: 'Utenlandsopphold', plannedResumeDate: '2029-01-01' }],
    USER_MOVED: [{ type: 'USER_MOVED', newMunicipality: '0301', moveDate: '2027-06-01', transferConsent: true }],
    USER_DIED: [{ type: 'USER_DIED', dateOfDeath: '2027-06-01' }],
    CLOSE: [{ type: 'CLOSE', reason: 'NEED_ENDED' }],
    ACKNOWLEDGE_ESCALATION: Object.keys(ctx.deadlineMarks).map((deadlineKey) => ({ type: 'ACKNOWLEDGE_ESCALATION', deadlineKey, action: 'Saken er prioritert' })),
  };
  return all[type] ?? [{ type } as IpCaseCommand];
}

const at = (d: Driven) => new Date(d.now + HOUR).toISOString();
const events = (d: Driven, type: string) => payloads(type, d.snapshot.context as IpCaseContext, at(d)).map((p) => ({ ...p, at: at(d) }) as IpCaseEvent);
const accepts = (s: AnyMachineSnapshot, e: IpCaseEvent) => s.can(e);

describe('allowedEvents and blockedEvents, walked over every state', () => {
  it('the walk reaches every leaf state of the machine', () => {
    const leaves = allStateNodes().filter((n) => n.type === 'atomic' || n.type === 'final').map((n) => n.key);
    const reached = new Set(Object.values(SCENARIOS).flatMap((s) => JSON.stringify(s().snapshot.value).match(/\w+/g) ?? []));
    for (const leaf of leaves) expect(reached).toContain(leaf);
  });

  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    describe(name, () => {
      const d = scenario();
      const options = commandOptions(d.snapshot, at(d));

      it('lists each command once, as allowed or blocked', () => {
        const listed = [...options.allowed, ...options.blocked.map((b) => b.type)];
        expect(new Set(listed).size).toBe(listed.length);
      });

      for (const type of options.allowed) {
        it(`accepts ${type}, which it lists as allowed`, () => {
          expect(events(d, type).some((e) => accepts(d.snapshot, e))).toBe(true);
        });
      }

      for (const blocked of options.blocked) {
        it(`refuses ${blocked.type} with ${blocked.code}, as blockedEvents says`, () => {
          expect(blocked.reason).toMatch(/\S/);
          expect(blocked.legalBasis).toMatch(/\S/);
          for (const e of events(d, blocked.type)) {
            expect(accepts(d.snapshot, e)).toBe(false);
            expect(explainRefusal(d.snapshot, e)).toEqual({ code: blocked.code, reason: blocked.reason, legalBasis: blocked.legalBasis });
          }
        });
      }

      it('refuses every other command as not part of the state', () => {
        const listed = new Set<string>([...options.allowed, ...options.blocked.map((b) => b.type)]);
        for (const type of COMMAND_EVENT_TYPES.filter((t) => !listed.has(t))) {
          for (const e of events(d, type)) {
            expect(accepts(d.snapshot, e)).toBe(false);
            expect(explainRefusal(d.snapshot, e).code).toBe(d.snapshot.status === 'done' ? 'CASE_CLOSED' : 'NOT_IN_THIS_STATE');
          }
        }
      });
    });
  }

  it('names the rule, not the state: an ansvarsgruppe member without consent is refused for the missing scope', () => {
    const d = drive(start(), ...PATHS.mapping);
    const e = stamp(d, { type: 'FORM_ANSVARSGRUPPE', members: [{ party: 'NAV', role: 'Veileder' }] });
    expect(explainRefusal(d.snapshot, e)).toEqual({
      code: 'PARTY_NOT_COVERED_BY_CONSENT',
      reason: 'No active consent for PARTICIPANT:NAV.',
      legalBasis: 'hpl § 22; fvl § 13 a nr. 1',
    });
  });
});
