// Every event in every state: allowed where the rules allow it, refused everywhere else.
import { allStateNodes } from './ip-case.fixtures';
import { drive, PATHS, SAMPLE_EVENTS, stamp, start } from './ip-case.fixtures';

const OPEN = ['CONSENT_GIVEN', 'CONSENT_CHANGED', 'USER_MOVED', 'USER_DIED', 'CLOSE', 'DEADLINE_REMINDER', 'DEADLINE_BREACHED'];
// The main path's consents include SHARE_WITH:PPT, so a disclosure to PPT goes wherever consent is held. Its person is an
// adult: CHILD_HEARD is refused everywhere on it (ip-case.rules.test.ts walks a child's case).
const WITH_CONSENT = [...OPEN, 'CONSENT_WITHDRAWN', 'INFORMATION_DISCLOSED'];
const COORDINATED = [...WITH_CONSENT, 'COORDINATOR_CHANGED', 'COORDINATOR_ENDED', 'FORM_ANSVARSGRUPPE'];

const ALLOWED: Record<string, string[]> = {
  intake: ['NOTIFICATION_RECEIVED'],
  received: [...OPEN, 'REGISTER', 'SEND_PRELIMINARY_REPLY'],
  registered: [...OPEN, 'START_ASSESSMENT', 'SEND_PRELIMINARY_REPLY'],
  assessment: [...OPEN, 'SEND_PRELIMINARY_REPLY', 'RECORD_DECISION'],
  rejected: [...OPEN, 'APPEAL_RECEIVED'],
  keReconsideration: [...OPEN, 'APPEAL_RECONSIDERED'],
  forwarding: [...OPEN, 'APPEAL_FORWARDED'],
  atStatsforvalter: [...OPEN, 'STATSFORVALTER_DECIDED'],
  consentPending: [...WITH_CONSENT, 'CONSENT_DECLINED', 'PROPOSE_COORDINATOR'],
  coordinatorProposed: [...WITH_CONSENT, 'COORDINATOR_ACCEPTED', 'COORDINATOR_DECLINED'],
  coordinatorAppointed: [...COORDINATED, 'START_MAPPING'],
  mapping: [...COORDINATED, 'RECORD_MAPPING', 'MAPPING_COMPLETED'],
  planDraft: [...COORDINATED, 'SUBMIT_PLAN_DRAFT', 'PLAN_APPROVED'],
  active: [...COORDINATED, 'START_EVALUATION', 'PAUSE'],
  evaluation: [...COORDINATED, 'EVALUATION_COMPLETED'],
  paused: [...COORDINATED, 'RESUME'],
  closed: [],
};

describe('IP-case machine: every event in every state', () => {
  it('covers every state of the machine', () => {
    const leafKeys = allStateNodes()
      .filter((n) => n.type === 'atomic' || n.type === 'final')
      .map((n) => n.key);
    expect(leafKeys.sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  for (const [state, allowed] of Object.entries(ALLOWED)) {
    describe(state, () => {
      const d = drive(start(), ...PATHS[state]);
      it(`is reached by its path`, () => {
        expect(JSON.stringify(d.snapshot.value)).toContain(state);
      });
      for (const sample of SAMPLE_EVENTS) {
        const expected = allowed.includes(sample.type);
        it(`${expected ? 'accepts' : 'refuses'} ${sample.type}`, () => {
          expect(d.snapshot.can(stamp(d, sample))).toBe(expected);
        });
      }
    });
  }
});
