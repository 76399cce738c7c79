// Working hours in Norway, for the monthly access-log review (K18): a read outside them is proposed for review.
// 07:00–17:00 Europe/Oslo on working days (the Norwegian calendar: weekends and public holidays off).
import { addDays, CivilDate, osloStartOfDay, osloWallClock } from './civil-date';
import { NorwegianCalendar } from './norwegian-calendar';

export interface WorkingHours {
  /** Minutes after midnight, Oslo time: from (inclusive) and to (exclusive). */
  from: number;
  to: number;
}

export const WORKING_HOURS: WorkingHours = { from: 7 * 60, to: 17 * 60 };

/** `HH:MM` of minutes after midnight. */
export const clockTime = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Whether an instant falls in working hours on a working day, on Oslo's clock. */
export function isWorkingTime(instant: Date, calendar: NorwegianCalendar, hours: WorkingHours = WORKING_HOURS): boolean {
  const { date, minutes } = osloWallClock(instant);
  return calendar.isBusinessDay(date) && minutes >= hours.from && minutes < hours.to;
}

/** A month `YYYY-MM` as instants: from its first midnight in Oslo to the next month's. */
export function monthInOslo(month: string): { from: Date; to: Date; days: CivilDate[] } {
  const first = `${month}-01`;
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const days: CivilDate[] = [];
  for (let d = first; d < next; d = addDays(d, 1)) days.push(d);
  return { from: osloStartOfDay(first), to: osloStartOfDay(next), days };
}

/** The days of a month that are not working days (weekends, public holidays). */
export const daysOffIn = (month: string, calendar: NorwegianCalendar): CivilDate[] => monthInOslo(month).days.filter((d) => !calendar.isBusinessDay(d));
