import { monthlyReportPlan } from '../monthly-report-plan';

describe('monthlyReportPlan', () => {
  it.each([
    // 1 Jan 2027 is a Friday and a holiday, then a weekend.
    ['2027-01-01', '2027-01-04', '2026-12-01', '2026-12-31'],
    // Easter Monday is 29 March 2027; 1 April is a Thursday and a working day.
    ['2027-04-01', '2027-04-01', '2027-03-01', '2027-03-31'],
    // 1 May 2027 is a Saturday and a holiday.
    ['2027-05-01', '2027-05-03', '2027-04-01', '2027-04-30'],
    // 1 April 2029 is Easter Sunday, 2 April Easter Monday.
    ['2029-04-01', '2029-04-03', '2029-03-01', '2029-03-31'],
    // The report for February in a leap year.
    ['2028-03-01', '2028-03-01', '2028-02-01', '2028-02-29'],
  ])('fired on %s: runs on %s for %s – %s', (firedOn, runOn, from, to) => {
    expect(monthlyReportPlan(firedOn)).toEqual({ runOn, from, to });
  });

  it('a run started later in the month (a catch-up) still reports the month before, at once', () => {
    expect(monthlyReportPlan('2027-01-19')).toEqual({ runOn: '2027-01-04', from: '2026-12-01', to: '2026-12-31' });
  });
});
