// Why a person may read a case (the access log's basis), emergency access, and the purpose a request states.
import { caseReadAccess, listBasis, usualBasis } from '../case-access.policy';
import type { Principal } from '../principal';
import { checkEmergencyReason, checkPurpose } from '../purpose';

const M = '4601';
const c = { municipality: M, coordinatorEmployeeId: 'emp-17', proposedCoordinatorEmployeeId: null };
const who = (role: Principal['role'], sub = `x-${role}`, municipalities = [M]): Principal => ({ sub, name: sub, role, municipalities });

describe('the basis of a case read', () => {
  it.each([
    [who('KE_CASEWORKER'), { hasTask: true }, 'ASSIGNED_TASK'],
    [who('KE_CASEWORKER'), { hasTask: false }, 'KE_MUNICIPALITY'],
    [who('KE_LEADER'), { hasTask: false }, 'KE_MUNICIPALITY'],
    [who('COORDINATOR', 'emp-17'), undefined, 'CASE_COORDINATOR'],
    [who('AUDITOR'), undefined, 'INTERNAL_CONTROL'],
    [who('SYSTEM'), undefined, 'SYSTEM_INTEGRATION'],
    [who('COORDINATOR', 'emp-99'), undefined, null],
    [who('KE_CASEWORKER', 'oslo', ['0301']), { hasTask: true }, null],
  ])('%o with %o: %s', (p, relation, basis) => {
    expect(usualBasis(p, c, relation)).toBe(basis);
  });

  it('lets a coordinator break the glass on a case of their municipality with a reason, never on another municipality\'s', () => {
    const eva = who('COORDINATOR', 'emp-99');
    expect(caseReadAccess(eva, c)).toEqual({ allowed: false });
    expect(caseReadAccess(eva, c, { emergencyReason: 'Akutt innleggelse' })).toEqual({ allowed: true, basis: 'EMERGENCY' });
    expect(caseReadAccess(who('COORDINATOR', 'emp-99', ['0301']), c, { emergencyReason: 'Akutt innleggelse' })).toEqual({ allowed: false });
    expect(caseReadAccess(who('KE_CASEWORKER', 'oslo', ['0301']), c, { emergencyReason: 'Akutt innleggelse' })).toEqual({ allowed: false });
    // The usual relationship needs no glass broken: the reason is not the basis.
    expect(caseReadAccess(who('COORDINATOR', 'emp-17'), c, { emergencyReason: 'Akutt innleggelse' })).toEqual({ allowed: true, basis: 'CASE_COORDINATOR' });
  });

  it('gives a list the role\'s basis', () => {
    expect(['KE_CASEWORKER', 'KE_LEADER', 'COORDINATOR', 'AUDITOR', 'SYSTEM'].map((r) => listBasis(who(r as Principal['role'])))).toEqual([
      'KE_MUNICIPALITY', 'KE_MUNICIPALITY', 'CASE_COORDINATOR', 'INTERNAL_CONTROL', 'SYSTEM_INTEGRATION',
    ]);
  });
});

describe('a stated purpose and an emergency reason', () => {
  it('takes plain text, trimmed; a header\'s percent-encoded UTF-8 decoded', () => {
    expect(checkPurpose('  Forberede ansvarsgruppemøte ')).toEqual({ text: 'Forberede ansvarsgruppemøte' });
    expect(checkPurpose('Forberede%20ansvarsgruppem%C3%B8te', true)).toEqual({ text: 'Forberede ansvarsgruppemøte' });
    expect(checkPurpose('100%25', false)).toEqual({ text: '100%25' });
  });

  it('refuses empty, too long, control characters and broken percent-encoding', () => {
    expect(checkPurpose('   ')).toEqual({ refusal: 'must be 1 to 200 characters' });
    expect(checkPurpose('x'.repeat(201))).toEqual({ refusal: 'must be 1 to 200 characters' });
    expect(checkPurpose('a\u0000b')).toEqual({ refusal: 'must not contain control characters' });
    expect(checkPurpose('a%0Ab', true)).toEqual({ refusal: 'must not contain control characters' });
    expect(checkPurpose('%E0%A4%A', true)).toEqual({ refusal: 'is not valid percent-encoded UTF-8' });
    expect(checkPurpose(42)).toEqual({ refusal: 'must be text' });
  });

  it('asks an emergency reason that says something: 10 to 1000 characters', () => {
    expect(checkEmergencyReason('akutt')).toEqual({ refusal: 'must be 10 to 1000 characters' });
    expect(checkEmergencyReason('Akutt innleggelse, trenger planen')).toEqual({ text: 'Akutt innleggelse, trenger planen' });
  });
});
