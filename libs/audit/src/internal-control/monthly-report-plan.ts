// When the monthly report runs and what it covers: the schedule fires on the 1st of each month (Europe/Oslo); the
// report is made on the month's first business day (1 January, Easter and 1 May are holidays; weekends are off) and
// covers the month before. Pure and deterministic: the workflow calls it with its own clock.
import { addDays, addMonths, CivilDate } from '../../../calendar/src/civil-date';
import { NorwegianCalendar } from '../../../calendar/src/norwegian-calendar';

export interface MonthlyReportPlan {
  /** The first business day of the month the schedule fired in. */
  runOn: CivilDate;
  /** The month before, inclusive. */
  from: CivilDate;
  to: CivilDate;
}

const calendar = new NorwegianCalendar();

export function monthlyReportPlan(firedOn: CivilDate): MonthlyReportPlan {
  const first = `${firedOn.slice(0, 7)}-01`;
  return { runOn: calendar.nextBusinessDayOnOrAfter(first), from: addMonths(first, -1), to: addDays(first, -1) };
}
