// Working hours for the log review: 07:00 (inclusive) to 17:00 (exclusive) on Oslo's clock, on working days only.
import { NorwegianCalendar } from '../norwegian-calendar';
import { daysOffIn, isWorkingTime, monthInOslo } from '../working-hours';

const calendar = new NorwegianCalendar();

describe('working hours (Europe/Oslo)', () => {
  it.each([
    // May 2026 is summer time (UTC+2): 07:00 Oslo is 05:00Z.
    ['2026-05-04T04:59:59Z', false, 'Monday 06:59:59'],
    ['2026-05-04T05:00:00Z', true, 'Monday 07:00'],
    ['2026-05-04T14:59:59Z', true, 'Monday 16:59:59'],
    ['2026-05-04T15:00:00Z', false, 'Monday 17:00'],
    ['2026-05-01T08:00:00Z', false, 'Friday 1 May, a public holiday, at 10:00'],
    ['2026-05-14T08:00:00Z', false, 'Ascension Day at 10:00'],
    ['2026-05-16T08:00:00Z', false, 'a Saturday at 10:00'],
    // January is winter time (UTC+1): 07:00 Oslo is 06:00Z.
    ['2026-01-05T05:59:00Z', false, 'Monday 06:59 in winter'],
    ['2026-01-05T06:00:00Z', true, 'Monday 07:00 in winter'],
  ])('%s is %s (%s)', (instant, expected) => {
    expect(isWorkingTime(new Date(instant), calendar)).toBe(expected);
  });

  it('gives a month as Oslo instants and its days off (weekends, 1 May, Ascension Day, Whit Monday; 17 May is a Sunday in 2026)', () => {
    const may = monthInOslo('2026-05');
    expect(may.from.toISOString()).toBe('2026-04-30T22:00:00.000Z');
    expect(may.to.toISOString()).toBe('2026-05-31T22:00:00.000Z');
    expect(may.days).toHaveLength(31);
    expect(daysOffIn('2026-05', calendar)).toEqual([
      '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-09', '2026-05-10', '2026-05-14', '2026-05-16', '2026-05-17',
      '2026-05-23', '2026-05-24', '2026-05-25', '2026-05-30', '2026-05-31',
    ]);
    expect(monthInOslo('2026-12').to.toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });

  it('keeps 24 December a working day unless the municipality closes', () => {
    expect(daysOffIn('2026-12', calendar)).not.toContain('2026-12-24');
    expect(daysOffIn('2026-12', new NorwegianCalendar({ christmasEveAndNewYearsEveOff: true }))).toContain('2026-12-24');
  });
});
