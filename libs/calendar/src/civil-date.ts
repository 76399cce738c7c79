// Civil-date arithmetic (YYYY-MM-DD, no time zone) and conversion between Europe/Oslo dates and UTC instants.
export type CivilDate = string;

const CIVIL = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCivilDate(value: unknown): value is CivilDate {
  if (typeof value !== 'string') return false;
  const m = CIVIL.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function toUtc(date: CivilDate): Date {
  if (!isCivilDate(date)) throw new RangeError(`not a civil date (YYYY-MM-DD): ${date}`);
  return new Date(`${date}T00:00:00.000Z`);
}
function fromUtc(d: Date): CivilDate {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: CivilDate, days: number): CivilDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** Same date number n months later; the last day of the month when the end month is shorter (domain 4.4). */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const d = toUtc(date);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return fromUtc(target);
}

export function addYears(date: CivilDate, years: number): CivilDate {
  return addMonths(date, years * 12);
}

export function weekday(date: CivilDate): number {
  return toUtc(date).getUTCDay(); // 0 = Sunday
}

export function daysBetween(from: CivilDate, to: CivilDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

const osloParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The date and the minutes since midnight on a clock in Norway at an instant. */
export function osloWallClock(instant: Date): { date: CivilDate; minutes: number } {
  const p = Object.fromEntries(osloParts.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: +p.hour * 60 + +p.minute };
}

/** The civil date in Norway at an instant (ISO string or epoch ms). */
export function osloDateOf(instant: string | number | Date): CivilDate {
  return osloWallClock(new Date(instant)).date;
}

/** The UTC instant at which a civil date starts in Europe/Oslo (00:00 local, CET or CEST). */
export function osloStartOfDay(date: CivilDate): Date {
  let ms = startOfDayMs.get(date);
  if (ms === undefined) {
    if (startOfDayMs.size >= 4096) startOfDayMs.clear();
    ms = findOsloStartOfDay(date).getTime();
    startOfDayMs.set(date, ms);
  }
  return new Date(ms);
}
/** A pure function of the date, asked for the same few dates again and again (deadlines, timers): remembered. */
const startOfDayMs = new Map<CivilDate, number>();

function findOsloStartOfDay(date: CivilDate): Date {
  const guess = toUtc(date);
  for (const offsetHours of [1, 2, 0]) {
    const candidate = new Date(guess.getTime() - offsetHours * 3_600_000);
    const wall = osloWallClock(candidate);
    if (wall.date === date && wall.minutes === 0) return candidate;
  }
  return new Date(guess.getTime() - 3_600_000);
}
