// The one mapping from the machine's transitions to archive records, checked against domain § 6.3 by hand.
import { COMMAND_EVENT_TYPES, TIMER_EVENTS } from '../../../case-machine/src/ip-case.events';
import { journalRecordFor, NOT_A_RECORD, RECORDED_EVENTS } from '../journal-records';

const grant = (form: string) => ({ scope: 'ESTABLISH_IP', capacity: 'SELF', form, givenBy: { name: 'Test Person' } });

describe('which transitions become archive records', () => {
  it('decides for every event the machine knows: a record, or a reason why none', () => {
    const undecided = [...COMMAND_EVENT_TYPES, ...TIMER_EVENTS].filter((t) => !RECORDED_EVENTS.includes(t) && !(t in NOT_A_RECORD));
    expect(undecided).toEqual([]);
    const both = RECORDED_EVENTS.filter((t) => t in NOT_A_RECORD);
    expect(both).toEqual([]);
  });

  it('files what § 6.3 lists, with its journal entry type and parties', () => {
    const typeOf = (e: { type: string } & Record<string, unknown>) => {
      const r = journalRecordFor(e);
      return r && [r.type, r.parties.map((p) => `${p.role} ${p.party}`)];
    };
    expect(typeOf({ type: 'NOTIFICATION_RECEIVED', notifierType: 'HOSPITAL' })).toEqual(['I', ['EA NOTIFIER']]);
    expect(typeOf({ type: 'SEND_PRELIMINARY_REPLY' })).toEqual(['U', ['EM USER']]);
    expect(typeOf({ type: 'RECORD_DECISION' })).toEqual(['U', ['EM USER']]);
    expect(typeOf({ type: 'CONSENT_GIVEN', grants: [grant('WRITTEN_SIGNED')] })).toEqual(['I', ['EA USER']]);
    expect(typeOf({ type: 'CONSENT_GIVEN', grants: [grant('ORAL_RECORDED')] })).toEqual(['X', []]);
    expect(typeOf({ type: 'COORDINATOR_ACCEPTED' })).toEqual(['U', ['EM USER', 'IM COORDINATOR']]);
    expect(typeOf({ type: 'PLAN_APPROVED' })).toEqual(['X', []]);
    expect(typeOf({ type: 'EVALUATION_COMPLETED', outcome: 'CONTINUE' })).toEqual(['X', []]);
    expect(typeOf({ type: 'APPEAL_RECEIVED' })).toEqual(['I', ['EA USER']]);
    expect(typeOf({ type: 'APPEAL_FORWARDED' })).toEqual(['U', ['EM STATSFORVALTER', 'EK USER']]);
    expect(typeOf({ type: 'STATSFORVALTER_DECIDED', outcome: 'UPHELD' })).toEqual(['I', ['EA STATSFORVALTER']]);
    expect(typeOf({ type: 'APPEAL_RECONSIDERED', outcome: 'REVERSED' })).toEqual(['U', ['EM USER']]);
    expect(typeOf({ type: 'APPEAL_RECONSIDERED', outcome: 'UPHELD' })).toEqual(['X', []]);
    expect(typeOf({ type: 'SHARING_END_NOTIFIED', parties: ['NAV'] })).toEqual(['U', ['EM SHARING_PARTIES']]);
    expect(typeOf({ type: 'USER_MOVED', transferConsent: true })).toEqual(['U', ['EM RECEIVING_KE']]);
    expect(typeOf({ type: 'USER_MOVED', transferConsent: false })).toBeNull();
    expect(typeOf({ type: 'CLOSE', reason: 'GOALS_REACHED' })).toEqual(['U', ['EM USER']]);
    expect(typeOf({ type: 'REGISTER' })).toBeNull();
  });

  it('screens what § 6.4 says: a decision by recipient name and in whole, a private notifier by name, a plan in whole', () => {
    expect(journalRecordFor({ type: 'RECORD_DECISION' })?.screening).toEqual(['NM', 'H']);
    expect(journalRecordFor({ type: 'NOTIFICATION_RECEIVED', notifierType: 'NEXT_OF_KIN' })?.screening).toEqual(['TR1', 'NA']);
    expect(journalRecordFor({ type: 'NOTIFICATION_RECEIVED', notifierType: 'HOSPITAL' })?.screening).toEqual(['TR1']);
    expect(journalRecordFor({ type: 'PLAN_APPROVED' })?.screening).toEqual(['H']);
  });

  it('never puts a name or a number in a public title: titles are fixed texts, whatever the payload says', () => {
    const payload = { notifierType: 'SELF', grants: [grant('WRITTEN_SIGNED')], outcome: 'REVERSED', transferConsent: true, recipient: 'Kari Nordmann 01017012345', summary: 'Ola Nordmann' };
    for (const type of RECORDED_EVENTS) {
      const r = journalRecordFor({ type, ...payload });
      if (!r) continue;
      expect({ type, title: r.publicTitle }).toEqual({ type, title: expect.not.stringMatching(/Nordmann|\d{6}/) });
    }
  });
});
