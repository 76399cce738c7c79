import Holidays from 'date-holidays';
import { addDays, addMonths, CivilDate, weekday } from './civil-date';

export type PeriodUnit = 'businessDays' | 'days' | 'weeks' | 'months';
export interface Period {
  unit: PeriodUnit;
  amount: number;
}

export interface CalendarOptions {
  /** 24 and 31 December are working days in law; a municipality may close (domain 4.4). */
  christmasEveAndNewYearsEveOff?: boolean;
}

// One holiday table per year, shared by every calendar: date-holidays rules are the same for all municipalities.
const holidaysNo = new Holidays('NO');
const yearCache = new Map<number, { publicDays: Set<string>; bankDays: Set<string> }>();

function holidaysOf(year: number) {
  let entry = yearCache.get(year);
  if (!entry) {
    const all = holidaysNo.getHolidays(year);
    entry = {
      publicDays: new Set(all.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10))),
      bankDays: new Set(all.filter((h) => h.type === 'bank').map((h) => h.date.slice(0, 10))),
    };
    yearCache.set(year, entry);
  }
  return entry;
}

/**
 * Norwegian working-day calendar (helligdager and offentlige høytidsdager, Saturdays and Sundays off).
 * Deadlines follow domstolloven §§ 148–149 by analogy: week and month periods end on the same weekday or
 * date number, day counts exclude the start day, and a deadline on a non-working day moves to the next working day.
 */
export class NorwegianCalendar {
  constructor(private readonly options: CalendarOptions = {}) {}

  isPublicHoliday(date: CivilDate): boolean {
    const h = holidaysOf(+date.slice(0, 4));
    return h.publicDays.has(date) || (!!this.options.christmasEveAndNewYearsEveOff && h.bankDays.has(date));
  }

  isBusinessDay(date: CivilDate): boolean {
    const wd = weekday(date);
    return wd !== 0 && wd !== 6 && !this.isPublicHoliday(date);
  }

  nextBusinessDayOnOrAfter(date: CivilDate): CivilDate {
    let d = date;
    while (!this.isBusinessDay(d)) d = addDays(d, 1);
    return d;
  }

  addBusinessDays(date: CivilDate, amount: number): CivilDate {
    let d = date;
    const step = amount < 0 ? -1 : 1;
    for (let left = Math.abs(amount); left > 0; ) {
      d = addDays(d, step);
      if (this.isBusinessDay(d)) left--;
    }
    return d;
  }

  /** The deadline `period` after `start`, moved to the next working day when it ends on a day off. */
  deadline(start: CivilDate, period: Period): CivilDate {
    switch (period.unit) {
      case 'businessDays':
        return this.addBusinessDays(start, period.amount);
      case 'days':
        return this.nextBusinessDayOnOrAfter(addDays(start, period.amount));
      case 'weeks':
        return this.nextBusinessDayOnOrAfter(addDays(start, period.amount * 7));
      case 'months':
        return this.nextBusinessDayOnOrAfter(addMonths(start, period.amount));
    }
  }

  /** The date `period` before `due`, for reminders; a reminder on a day off moves back to the working day before. */
  before(due: CivilDate, period: Period): CivilDate {
    let d: CivilDate;
    switch (period.unit) {
      case 'businessDays':
        return this.addBusinessDays(due, -period.amount);
      case 'days':
        d = addDays(due, -period.amount);
        break;
      case 'weeks':
        d = addDays(due, -period.amount * 7);
        break;
      case 'months':
        d = addMonths(due, -period.amount);
        break;
    }
    while (!this.isBusinessDay(d)) d = addDays(d, -1);
    return d;
  }
}
