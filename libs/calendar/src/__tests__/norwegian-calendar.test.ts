import { addMonths, osloDateOf, osloStartOfDay } from '../civil-date';
import { NorwegianCalendar } from '../norwegian-calendar';

const cal = new NorwegianCalendar();

describe('NorwegianCalendar', () => {
  it('knows the Easter-dependent holidays (Easter Sunday 2027 is 28 March)', () => {
    for (const d of ['2027-03-25', '2027-03-26', '2027-03-29', '2027-05-06', '2027-05-17']) expect(cal.isBusinessDay(d)).toBe(false);
    expect(cal.isBusinessDay('2027-03-24')).toBe(true);
    expect(cal.isBusinessDay('2027-03-30')).toBe(true);
  });

  it('counts working days across Easter', () => {
    expect(cal.addBusinessDays('2027-03-23', 3)).toBe('2027-03-31');
  });

  it('treats 24 December as a working day by law, and off when the municipality says so', () => {
    expect(cal.addBusinessDays('2026-12-23', 2)).toBe('2026-12-28');
    expect(new NorwegianCalendar({ christmasEveAndNewYearsEveOff: true }).addBusinessDays('2026-12-23', 2)).toBe('2026-12-29');
  });

  it('moves a four-week deadline that ends on 17 May to the next working day', () => {
    expect(cal.deadline('2027-04-19', { unit: 'weeks', amount: 4 })).toBe('2027-05-18');
  });

  it('moves a one-month deadline that ends on Maundy Thursday past Easter Monday', () => {
    expect(cal.deadline('2027-02-25', { unit: 'months', amount: 1 })).toBe('2027-03-30');
  });

  it('ends a month deadline on the last day of a shorter month, then on a working day', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(cal.deadline('2027-01-31', { unit: 'months', amount: 1 })).toBe('2027-03-01');
  });

  it('reminds on the working day before when the reminder falls on a day off', () => {
    expect(cal.before('2027-04-01', { unit: 'businessDays', amount: 1 })).toBe('2027-03-31');
    expect(cal.before('2027-03-31', { unit: 'businessDays', amount: 2 })).toBe('2027-03-24');
  });

  it('converts Oslo dates to instants across summer time', () => {
    expect(osloStartOfDay('2027-01-15').toISOString()).toBe('2027-01-14T23:00:00.000Z');
    expect(osloStartOfDay('2027-07-15').toISOString()).toBe('2027-07-14T22:00:00.000Z');
    expect(osloDateOf('2027-07-14T22:30:00.000Z')).toBe('2027-07-15');
  });
});
