// Redaction for everything the engine logs: no personal data, no client values, whatever the field is called.
// Three layers: attributes under a sensitive name are dropped; every string left is masked for values that look
// like identity numbers, e-mail addresses, dates and literals quoted in messages; errors are reduced to what says
// which error it was (class, SQLSTATE, constraint, table, column), never the query, its parameters or the row.

export const REDACTED = '[redacted]';

/** Attribute names whose values are personal data or client input (compared lower-case, without `_`, `-`). */
export const SENSITIVE_KEYS: readonly string[] = [
  'nationalid', 'fnr', 'dnr', 'fodselsnummer', 'fødselsnummer', 'personnummer', 'ssn', 'identitynumber',
  'name', 'firstname', 'lastname', 'fullname', 'givenby', 'birthdate', 'dateofbirth', 'dob', 'address', 'phone', 'email',
  'subject', 'notifier', 'payload', 'context', 'body', 'input', 'args', 'result', 'details', 'needsdescription', 'summary',
  'parameters', 'params', 'query', 'detail', 'where', 'hint', 'internalquery', 'driverError'.toLowerCase(),
  'authorization', 'token', 'password', 'cookie', 'headers', 'entry',
];
const SENSITIVE = new Set(SENSITIVE_KEYS);
const normalizeKey = (k: string) => k.toLowerCase().replace(/[_-]/g, '');
export const isSensitiveKey = (k: string) => SENSITIVE.has(normalizeKey(k));

/**
 * Paths for pino's own `redact` (fast-redact): the same names at the top level and one level down. The deep walk in
 * `redact()` covers every depth; these are the first line, applied however an object reached the logger.
 */
export const REDACT_PATHS: string[] = ['nationalId', 'national_id', 'fnr', 'birthDate', 'birth_date', 'subject', 'payload', 'context', 'parameters', 'query', 'detail', 'where', 'authorization']
  .flatMap((k) => [k, `*.${k}`]);

// Masks for values in free text. Identity numbers (fødselsnummer, D-number, H-number: 11 digits, printed with or
// without a space after the birth date) first.
const MASKS: [RegExp, string][] = [
  [/\b\d{6}\s?\d{5}\b/g, '[id]'],
  // E-mail addresses; not a scoped package in a path (`node_modules/@temporalio/client/lib/…`).
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b(?!\/)/g, '[email]'],
  // A civil date (birth date) standing alone; an instant (date with a time) says when something happened and stays.
  [/\b(1[89]|20)\d{2}-[01]\d-[0-3]\d\b(?!T)/g, '[date]'],
  [/\b[0-3]?\d\.[01]?\d\.(1[89]|20)\d{2}\b/g, '[date]'],
  // PostgreSQL prints values as `Key (col)=(value)` and `Failing row contains (values)`.
  [/=\((?:[^()]|\([^()]*\))*\)/g, `=(${REDACTED})`],
  [/(\bcontains\s*)\((?:[^()]|\([^()]*\))*\)/gi, `$1(${REDACTED})`],
  // A literal quoted after a colon or equals sign (`invalid input syntax for type uuid: "…"`, `value='…'`).
  [/([:=]\s*)"[^"]*"/g, `$1"${REDACTED}"`],
  [/([:=]\s*)'[^']*'/g, `$1'${REDACTED}'`],
];

/** Masks values in free text: identity numbers, e-mail addresses, civil dates and quoted literals. */
export function maskText(text: string): string {
  let out = text;
  for (const [re, to] of MASKS) out = out.replace(re, to);
  return out;
}

/** Error messages may quote anything a library saw (JSON.parse quotes its input): every quoted literal goes too. */
function maskErrorMessage(message: string): string {
  return maskText(message)
    .replace(/"[^"\n]*"/g, `"${REDACTED}"`)
    .replace(/'[^'\n]*'/g, `'${REDACTED}'`)
    .replace(/`[^`\n]*`/g, `\`${REDACTED}\``)
    .slice(0, 500);
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$.]{0,127}$/;

/** An SQL identifier as the server named it (constraint, table, column); anything else is not one and is dropped. */
const identifier = (v: unknown): string | undefined => (typeof v === 'string' && IDENTIFIER.test(v) && maskText(v) === v ? v : undefined);

/** True for errors from PostgreSQL (node-postgres DatabaseError, TypeORM QueryFailedError): they carry a SQLSTATE. */
export function isDatabaseError(e: unknown): e is Error & { code: string } {
  if (!(e instanceof Error)) return false;
  const x = e as Error & Record<string, unknown>;
  return typeof x.code === 'string' && SQLSTATE.test(x.code) && (x.name === 'QueryFailedError' || 'severity' in x || 'routine' in x || 'driverError' in x);
}

export interface SafeError {
  /** The error's class (`QueryFailedError`, `TypeError`, `ApplicationFailure`, …). */
  type: string;
  /** A SQLSTATE for database errors; a Node or library code (`ECONNREFUSED`) otherwise. */
  sqlState?: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  schema?: string;
  dataType?: string;
  /** Temporal failures: the failure type and whether it may be retried. */
  failureType?: string;
  nonRetryable?: boolean;
  /** Never for database errors (their text may hold values); others' text with values masked. */
  message?: string;
  /** Stack frames (file, line, function) under a first line without the message. */
  stack?: string;
  cause?: SafeError;
}

function stackFrames(stack: unknown): string[] {
  if (typeof stack !== 'string') return [];
  return stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 20).map((l) => maskText(l));
}

/**
 * A stack given as text (Nest's `error(message, stack)`): its frames under the error's class. The message in its first
 * line may hold anything (a database error's text holds the values), and there is no telling which error it was.
 */
export function safeStack(stack: string): string {
  const type = identifier((stack.split('\n')[0] ?? '').split(':')[0].trim()) ?? 'Error';
  return [type, ...stackFrames(stack)].join('\n');
}

/** An error reduced to what says which error it was. Database errors keep SQLSTATE, constraint, table and column only. */
export function safeError(e: unknown, depth = 0): SafeError {
  if (!(e instanceof Error)) {
    return { type: e === null ? 'null' : typeof e, ...(typeof e === 'string' ? { message: maskErrorMessage(e) } : {}) };
  }
  const x = e as Error & Record<string, unknown>;
  const type = identifier(x.name) ?? identifier(x.constructor?.name) ?? 'Error';
  const out: SafeError = { type };
  if (isDatabaseError(e)) {
    out.sqlState = x.code as string;
    for (const k of ['constraint', 'table', 'column', 'schema', 'dataType'] as const) {
      const v = identifier(x[k]);
      if (v) out[k] = v;
    }
  } else {
    if (typeof x.code === 'string' && /^[A-Z0-9_]{2,40}$/.test(x.code)) out.code = x.code;
    if (typeof x.type === 'string' && identifier(x.type)) out.failureType = x.type;
    if (typeof x.nonRetryable === 'boolean') out.nonRetryable = x.nonRetryable;
    if (typeof x.message === 'string' && x.message) out.message = maskErrorMessage(x.message);
  }
  const frames = stackFrames(x.stack);
  if (frames.length) out.stack = [`${type}${out.sqlState ? ` [SQLSTATE ${out.sqlState}]` : out.message ? `: ${out.message}` : ''}`, ...frames].join('\n');
  if (x.cause !== undefined && x.cause !== null && depth < 4) out.cause = safeError(x.cause, depth + 1);
  return out;
}

/** The short, value-free text of an error: its class, SQLSTATE and constraint, or its masked message. */
export function safeErrorText(e: unknown): string {
  const s = safeError(e);
  if (s.sqlState) return `${s.type} SQLSTATE ${s.sqlState}${s.constraint ? ` constraint ${s.constraint}` : ''}${s.table ? ` table ${s.table}` : ''}`;
  return s.message ? `${s.type}: ${s.message}` : s.type;
}

const MAX_DEPTH = 8;
const MAX_ITEMS = 100;

/** A deep copy of a log attribute value with personal data removed (see the header of this file). */
export function redact(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  switch (typeof value) {
    case 'string':
      return maskText(value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      return value.toString();
    case 'symbol':
    case 'function':
      return undefined;
  }
  if (value === null) return null;
  if (value instanceof Error) return safeError(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${(value as ArrayBuffer).byteLength} bytes]`;
  const obj = value as object;
  if (seen.has(obj)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[depth]';
  seen.add(obj);
  try {
    if (Array.isArray(obj)) return obj.slice(0, MAX_ITEMS).map((v) => redact(v, depth + 1, seen));
    if (obj instanceof Map) return redact(Object.fromEntries(obj), depth, seen);
    if (obj instanceof Set) return redact([...obj], depth, seen);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      const key = maskText(k);
      if (isSensitiveKey(k)) {
        if (v !== undefined && v !== null) out[key] = REDACTED;
        continue;
      }
      const r = redact(v, depth + 1, seen);
      if (r !== undefined) out[key] = r;
    }
    return out;
  } finally {
    seen.delete(obj);
  }
}
