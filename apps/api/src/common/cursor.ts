// Keyset-page cursors: the sort key of the last row, opaque to clients. A cursor that is not one this list gave out
// (not JSON, another length, or a value of the wrong type for its key) is a 422 naming `cursor`, never a 500 from
// PostgreSQL: each value is checked against the column type it is compared with.
import { problems } from '../problem/problem';

/** The PostgreSQL type a cursor value is compared with. */
export type CursorKey = 'timestamptz' | 'date' | 'uuid' | 'smallint' | 'bigint' | 'text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A calendar day PostgreSQL takes (years 1 to 9999; `2026-02-30` is none). */
export function isCalendarDate(v: unknown): v is string {
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  if (!m || m[1] === '0000') return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

const FITS: Record<CursorKey, (v: unknown) => boolean> = {
  // Cursors carry instants as toISOString() wrote them, and nothing else.
  timestamptz: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v) && isCalendarDate(v.slice(0, 10)) && new Date(v).toISOString() === v,
  date: isCalendarDate,
  uuid: (v) => typeof v === 'string' && UUID.test(v),
  smallint: (v) => Number.isInteger(v) && (v as number) >= -32768 && (v as number) <= 32767,
  // A bigint travels as its decimal text (beyond 2^53 a JSON number would lose digits).
  bigint: (v) => typeof v === 'string' && /^(0|[1-9]\d{0,18})$/.test(v) && BigInt(v) <= 9223372036854775807n,
  text: (v) => typeof v === 'string' && v.length <= 1000 && !v.includes('\u0000'),
};

export const encodeCursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

/** The values of `cursor`, one per key and each of its key's type, or a 422 naming `cursor`. */
export function decodeCursor(cursor: string, keys: readonly CursorKey[]): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    values = undefined;
  }
  if (!Array.isArray(values) || values.length !== keys.length || !keys.every((k, i) => FITS[k](values[i]))) {
    throw problems.invalid('cursor is not one this API gave out for this sort', [{ field: 'cursor', reason: 'not a cursor from a previous page of this list' }]);
  }
  return values;
}
