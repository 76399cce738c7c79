// Fødselsnummer and D-nummer validation (domain § 7.1): date, century, and both mod-11 check digits,
// with the rule Skatteetaten applies to numbers issued from 1 January 2032 (first check digit remainder 0–3).
export type NationalIdType = 'FNR' | 'DNR';

export interface NationalIdResult {
  valid: boolean;
  reason?: string;
  type?: NationalIdType;
  birthDate?: string;
  /** A synthetic test number (Skatteetaten's Tenor: month + 80), not a person. */
  synthetic?: boolean;
}

export interface NationalIdOptions {
  /** Accept Skatteetaten's synthetic test numbers (Tenor: month + 80): only where a setting allows test data. */
  allowSynthetic?: boolean;
}

/** Month + 80 marks Skatteetaten's synthetic test numbers (Tenor); they carry valid check digits. */
const SYNTHETIC_MONTH_OFFSET = 80;

const W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2, 1];
const W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
export const NEW_CHECK_DIGIT_RULE_FROM = '2032-01-01';

function century(individual: number, yy: number): number | null {
  if (individual <= 499) return 1900;
  if (individual <= 749 && yy >= 54) return 1800; // 500–749 with year 54–99: born 1854–1899
  if (individual >= 500 && yy < 40) return 2000;
  if (individual >= 900 && yy > 39) return 1900;
  return null;
}

/** `today` (YYYY-MM-DD) decides whether the 2032 rule applies and what "in the future" means. */
export function validateNationalId(value: string, today: string, options: NationalIdOptions = {}): NationalIdResult {
  if (!/^\d{11}$/.test(value)) return { valid: false, reason: 'must be exactly 11 digits' };
  const d = [...value].map(Number);
  const sum1 = W1.reduce((s, w, i) => s + w * d[i], 0) % 11;
  const sum2 = W2.reduce((s, w, i) => s + w * d[i], 0) % 11;
  const newRule = today >= NEW_CHECK_DIGIT_RULE_FROM;
  if (!(sum1 === 0 || (newRule && sum1 <= 3))) return { valid: false, reason: 'first check digit (d10) does not match' };
  if (sum2 !== 0) return { valid: false, reason: 'second check digit (d11) does not match' };
  let day = d[0] * 10 + d[1];
  let month = d[2] * 10 + d[3];
  const synthetic = month > SYNTHETIC_MONTH_OFFSET;
  if (synthetic) {
    if (!options.allowSynthetic) return { valid: false, reason: 'synthetic test numbers are not accepted here' };
    month -= SYNTHETIC_MONTH_OFFSET;
  }
  const yy = d[4] * 10 + d[5];
  let type: NationalIdType = 'FNR';
  if (day > 40) {
    type = 'DNR';
    day -= 40;
  }
  if (month > 40) return { valid: false, reason: "H-numbers and NAV's synthetic numbers (month + 40) are not accepted" };
  const c = century(d[6] * 100 + d[7] * 10 + d[8], yy);
  if (c === null) return { valid: false, reason: 'individual number does not fit the birth year' };
  const year = c + yy;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { valid: false, reason: 'the date part is not a real date' };
  }
  const birthDate = date.toISOString().slice(0, 10);
  if (birthDate > today) return { valid: false, reason: 'the birth date is in the future' };
  return { valid: true, type, birthDate, ...(synthetic ? { synthetic: true } : {}) };
}

/** Builds a valid number for a birth date and individual number; `synthetic` gives Tenor's test form (month + 80). */
export function makeNationalId(birthDate: string, individual: number, dNumber = false, synthetic = false): string | null {
  const [y, m, dd] = birthDate.split('-');
  const day = Number(dd) + (dNumber ? 40 : 0);
  const month = Number(m) + (synthetic ? SYNTHETIC_MONTH_OFFSET : 0);
  const base = `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${y.slice(2)}${String(individual).padStart(3, '0')}`;
  const digits = [...base].map(Number);
  const k1 = (11 - (W1.slice(0, 9).reduce((s, w, i) => s + w * digits[i], 0) % 11)) % 11;
  if (k1 === 10) return null;
  digits.push(k1);
  const k2 = (11 - (W2.slice(0, 10).reduce((s, w, i) => s + w * digits[i], 0) % 11)) % 11;
  if (k2 === 10) return null;
  return base + k1 + k2;
}

/** A synthetic (Tenor) number for a birth date, trying individual numbers from `seed` upwards: test and demo data. */
export function someNationalId(birthDate: string, seed = 100, synthetic = true): string {
  const year = +birthDate.slice(0, 4);
  const [from, to] = year < 1900 ? [500, 749] : year < 2000 ? [0, 499] : [500, 999];
  for (let i = 0; i <= to - from; i++) {
    const individual = from + ((seed + i) % (to - from + 1));
    const id = makeNationalId(birthDate, individual, false, synthetic);
    if (id) return id;
  }
  throw new Error(`no valid number for ${birthDate}`);
}
