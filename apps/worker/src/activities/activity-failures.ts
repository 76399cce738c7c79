// What an activity's failure says, in the worker's log and in the case's Temporal history: which error (SQLSTATE,
// constraint, table, column), never its text. A PostgreSQL message, DETAIL and the query's parameters hold the row
// (identity number, name, birth date), and Temporal stores a failure's message and stack unencrypted.
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { isDatabaseError, safeError } from '../../../../libs/logging/src';

/** The failure type of a database error in history (`ApplicationFailure.type`). */
export const DATABASE_FAILURE = 'DatabaseError';
/** The failure type of any other error an activity throws. */
export const ACTIVITY_FAILURE = 'ActivityError';

export interface DbErrorClass {
  /** The SQLSTATE, or null when the error is not from PostgreSQL. */
  sqlState: string | null;
  constraint: string | null;
  table: string | null;
  column: string | null;
  /**
   * Whether running the same statement again may succeed. Data exceptions (class 22) and integrity constraint
   * violations (class 23) fail again with the same values; connection, resource, serialization and lock errors pass.
   * The projection does not retry those (projection.activities.ts: the workflow opens an incident).
   */
  retryable: boolean;
}

const SQLSTATE_CLASSES: Record<string, string> = {
  '08': 'connection exception',
  '22': 'data exception',
  '23': 'integrity constraint violation',
  '25': 'invalid transaction state',
  '40': 'transaction rollback',
  '42': 'syntax error or access rule violation',
  '53': 'insufficient resources',
  '54': 'program limit exceeded',
  '55': 'object not in prerequisite state',
  '57': 'operator intervention',
  '58': 'system error',
  P0: 'PL/pgSQL error',
  XX: 'internal error',
};

/** Which database error it was and whether a retry may help, without any of its values. */
export function classifyDbError(e: unknown): DbErrorClass {
  if (!isDatabaseError(e)) return { sqlState: null, constraint: null, table: null, column: null, retryable: true };
  const s = safeError(e);
  const sqlState = s.sqlState ?? null;
  const klass = sqlState?.slice(0, 2);
  return { sqlState, constraint: s.constraint ?? null, table: s.table ?? null, column: s.column ?? null, retryable: klass !== '22' && klass !== '23' };
}

/** Errors the SDK handles itself (cancellation, asynchronous completion): passed on as they are. */
const isSdkControl = (e: unknown) =>
  e instanceof CancelledFailure || (e instanceof Error && (e.name === 'AbortError' || e.name === 'CompleteAsyncError'));

/** The original's stack frames (files, lines, functions: no values) under the failure's own first line. */
function withFramesOf(f: ApplicationFailure, e: unknown): ApplicationFailure {
  const frames = safeError(e).stack?.split('\n').slice(1) ?? [];
  if (frames.length) f.stack = [`${f.name}: ${f.message}`, ...frames].join('\n');
  return f;
}

/**
 * The failure an activity throws instead of `e`. Its message (stored in history as plain text) and details name the
 * error: SQLSTATE, constraint, table, column for a database error; class and code otherwise, the masked message only in
 * the details (payloads, encrypted). No `cause`: the SDK would serialize the original's message into history.
 * Retryable, as the error was.
 */
export function activityFailure(activity: string, e: unknown): unknown {
  if (isSdkControl(e)) return e;
  if (e instanceof ApplicationFailure && e.cause === undefined) return e; // thrown on purpose, with a message of ours
  if (isDatabaseError(e)) {
    const c = classifyDbError(e);
    const klass = SQLSTATE_CLASSES[c.sqlState!.slice(0, 2)];
    const message =
      `${activity}: database error SQLSTATE ${c.sqlState}${klass ? ` (${klass})` : ''}` +
      `${c.constraint ? `, constraint ${c.constraint}` : ''}${c.table ? `, table ${c.table}` : ''}${c.column ? `, column ${c.column}` : ''}`;
    return withFramesOf(
      ApplicationFailure.create({
        type: DATABASE_FAILURE,
        message,
        details: [{ sqlState: c.sqlState, constraint: c.constraint, table: c.table, column: c.column }],
        nonRetryable: false,
      }),
      e,
    );
  }
  const s = safeError(e);
  return withFramesOf(
    ApplicationFailure.create({
      type: ACTIVITY_FAILURE,
      message: `${activity}: ${s.type}${s.code ? ` (${s.code})` : ''}`,
      details: [{ error: s.type, code: s.code ?? null, message: s.message ?? null }],
      nonRetryable: false,
    }),
    e,
  );
}

/** The activities with every failure rethrown by `activityFailure`. */
export function withSafeFailures<T extends object>(activities: T): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [
      name,
      async (...args: unknown[]) => {
        try {
          return await (fn as (...a: unknown[]) => unknown)(...args);
        } catch (e) {
          throw activityFailure(name, e);
        }
      },
    ]),
  ) as T;
}
