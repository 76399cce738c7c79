// Keyset-page cursors: the sort key of the last row, opaque to clients; a foreign cursor is a 422, never a 500.
import { problems } from '../problem/problem';

export const encodeCursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

export function decodeCursor(cursor: string, length: number): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    values = undefined;
  }
  if (!Array.isArray(values) || values.length !== length) {
    throw problems.invalid('cursor is not one this API gave out for this sort', [{ field: 'cursor', reason: 'not a cursor from a previous page of this list' }]);
  }
  return values;
}
