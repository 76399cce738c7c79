// Logs hold no personal data and no client values: the redaction of messages, attributes and errors, the logger the
// API and the worker use (pino), its Temporal and Nest adapters, the API's error filter, and the activities' failures.
import { ArgumentsHost, Logger } from '@nestjs/common';
import { ApplicationFailure, CancelledFailure, DefaultFailureConverter, defaultPayloadConverter } from '@temporalio/common';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { activityFailure, classifyDbError, DATABASE_FAILURE, withSafeFailures } from '../../apps/worker/src/activities/activity-failures';
import { ProblemDetailsFilter } from '../../apps/api/src/problem/problem-details.filter';
import { makeNationalId, someNationalId } from '../../libs/identity/src/national-id';
import { createLogger, maskText, NestStructuredLogger, redact, REDACTED, safeError, TemporalRuntimeLogger } from '../../libs/logging/src';

const FNR = someNationalId('1990-06-15', 123);
const DNR = makeNationalId('1985-02-03', 17, true)!;
const NAME = 'Kari Lekkasje Nordmann';
const BIRTH = '1990-06-15';
const VALUES = [FNR, NAME, BIRTH, 'Lekkasje'];

/** An error as node-postgres raises it for a CHECK constraint, wrapped by TypeORM with the query and its parameters. */
function checkViolation(): QueryFailedError {
  const pg = new DatabaseError(`new row for relation "case_subject" violates check constraint "case_subject_fault" (${FNR})`, 200, 'error');
  Object.assign(pg, {
    severity: 'ERROR',
    code: '23514',
    detail: `Failing row contains (c0ffee, ${FNR}, FNR, ${NAME}, ${BIRTH}).`,
    hint: `check ${NAME}`,
    where: `PL/pgSQL function refuse_subject() line 3 at RAISE: ${FNR}`,
    schema: 'public',
    table: 'case_subject',
    constraint: 'case_subject_fault',
    routine: 'ExecConstraints',
  });
  return new QueryFailedError('INSERT INTO case_subject (case_id, national_id, id_type, name, birth_date) VALUES ($1,$2,$3,$4,$5)', ['c0ffee', FNR, 'FNR', NAME, BIRTH], pg);
}

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ service: 'test', level: 'debug', destination: { write: (s: string) => void lines.push(s) } });
  return { logger, lines, text: () => lines.join(''), json: () => lines.map((l) => JSON.parse(l)) };
}

const expectNoValues = (text: string) => {
  for (const v of VALUES) expect(text).not.toContain(v);
  expect(text).not.toMatch(/\b\d{6}\s?\d{5}\b/);
};

describe('maskText', () => {
  it('masks identity numbers (fødselsnummer and D-number, with or without a space) wherever they stand', () => {
    expect(maskText(`subject ${FNR} failed`)).toBe('subject [id] failed');
    expect(maskText(`id=${FNR.slice(0, 6)} ${FNR.slice(6)}.`)).toBe('id=[id].');
    expect(maskText(`D-number ${DNR}`)).toBe('D-number [id]');
    expect(maskText(`${FNR},${FNR}`)).toBe('[id],[id]');
  });

  it('leaves other numbers, ids, instants and stack frames alone', () => {
    const text =
      'attempt 3 after 1500 ms, case 3f1c2a9e-1b2c-4d5e-8f90-123456789012, at 2026-03-01T10:00:00.000Z, seq 123456789012, worker ke-ip-worker@4242, ' +
      'at WorkflowClient.rethrowUpdateGrpcError (/app/node_modules/@temporalio/client/lib/workflow-client.js:1038:15)';
    expect(maskText(text)).toBe(text);
  });

  it('masks e-mail addresses, civil dates and the values PostgreSQL prints', () => {
    expect(maskText('from kari.nordmann@example.no')).toBe('from [email]');
    expect(maskText(`born ${BIRTH} or 15.06.1990`)).toBe('born [date] or [date]');
    expect(maskText(`Key (national_id)=(${FNR}) already exists.`)).toBe(`Key (national_id)=(${REDACTED}) already exists.`);
    expect(maskText(`Failing row contains (x, ${NAME}, (a, b)).`)).toBe(`Failing row contains (${REDACTED}).`);
    expect(maskText(`invalid input syntax for type uuid: "${NAME}"`)).toBe(`invalid input syntax for type uuid: "${REDACTED}"`);
  });
});

describe('redact', () => {
  it('drops attributes under sensitive names at any depth and masks every other string', () => {
    const out = redact({
      caseId: 'c1',
      subject: { nationalId: FNR, name: NAME },
      deep: { a: [{ b: { national_id: FNR, birth_date: BIRTH, note: `ring ${FNR}` } }] },
      free: `Kari's number is ${FNR}`,
      payload: { anything: NAME },
      [FNR]: 'a key that is a value',
    });
    expect(out).toEqual({
      caseId: 'c1',
      subject: REDACTED,
      deep: { a: [{ b: { national_id: REDACTED, birth_date: REDACTED, note: 'ring [id]' } }] },
      free: "Kari's number is [id]",
      payload: REDACTED,
      '[id]': 'a key that is a value',
    });
  });

  it('copes with cycles, bigints, buffers, dates, maps and errors', () => {
    const a: Record<string, unknown> = { n: 1n, buf: Buffer.from(FNR), when: new Date('2026-01-01T00:00:00Z'), m: new Map([['k', FNR]]) };
    a.self = a;
    a.err = checkViolation();
    const out = redact(a) as Record<string, unknown>;
    expect(out).toMatchObject({ n: '1', buf: '[11 bytes]', when: '2026-01-01T00:00:00.000Z', m: { k: '[id]' }, self: '[circular]' });
    expect(out.err).toMatchObject({ type: 'QueryFailedError', sqlState: '23514', constraint: 'case_subject_fault' });
    expectNoValues(JSON.stringify(out));
  });
});

describe('safeError', () => {
  it('reduces a database error to class, SQLSTATE, constraint, table: no message, query, parameters, DETAIL, WHERE', () => {
    const e = checkViolation();
    const s = safeError(e);
    expect(s).toEqual({ type: 'QueryFailedError', sqlState: '23514', constraint: 'case_subject_fault', table: 'case_subject', schema: 'public', stack: expect.any(String) });
    expect(s.stack!.split('\n')[0]).toBe('QueryFailedError [SQLSTATE 23514]');
    expect(s.stack).toMatch(/\n\s+at /);
    expectNoValues(JSON.stringify(s));
    expect(JSON.stringify(s)).not.toMatch(/INSERT|Failing row|PL\/pgSQL/);
  });

  it('keeps other errors\' messages with values and quoted literals masked, and follows causes', () => {
    const e = new Error(`could not parse ${FNR}`, { cause: new SyntaxError(`Unexpected token 'K', "${NAME}" is not valid JSON`) });
    const s = safeError(e);
    expect(s.message).toBe('could not parse [id]');
    expect(s.cause).toMatchObject({ type: 'SyntaxError', message: `Unexpected token '${REDACTED}', "${REDACTED}" is not valid JSON` });
    expectNoValues(JSON.stringify(s));
  });

  it('never takes a value for an identifier', () => {
    const e = checkViolation() as unknown as Record<string, unknown>;
    e.constraint = NAME;
    e.column = FNR;
    const s = safeError(e);
    expect(s.constraint).toBeUndefined();
    expect(s.column).toBeUndefined();
  });
});

describe('the structured logger', () => {
  it('writes JSON lines with level, time and service, at the configured level (LOG_LEVEL log = info)', () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 'ke-ip-test', level: 'log', destination: { write: (s: string) => void lines.push(s) } });
    logger.debug('not at log level');
    logger.info({ caseId: 'c1' }, 'projected');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'info', service: 'ke-ip-test', caseId: 'c1', msg: 'projected', time: expect.any(String) });
  });

  it('redacts the message, its interpolations, attributes and errors, however they are passed', () => {
    const c = capture();
    c.logger.warn({ subject: { nationalId: FNR }, note: `fnr ${FNR}`, err: checkViolation() }, 'projection failed for %s (%o)', FNR, { name: NAME });
    c.logger.error(checkViolation());
    c.logger.error(checkViolation(), 'write failed');
    c.logger.info({ msg: `as attribute ${FNR}` });
    c.logger.child({ subject: FNR, note: FNR }).info('child');
    expectNoValues(c.text());
    const [first, second, third, fourth, fifth] = c.json();
    expect(first).toMatchObject({ subject: REDACTED, note: 'fnr [id]', err: { sqlState: '23514', constraint: 'case_subject_fault' }, msg: `projection failed for [id] ({ name: '${REDACTED}' })` });
    expect(second.msg).toBe('QueryFailedError SQLSTATE 23514 constraint case_subject_fault table case_subject');
    expect(third).toMatchObject({ msg: 'write failed', err: { type: 'QueryFailedError', sqlState: '23514' } });
    expect(fourth.msg).toBe('as attribute [id]');
    expect(fifth).toMatchObject({ subject: REDACTED, note: '[id]', msg: 'child' });
  });

  it('is the Temporal runtime logger: SDK failures (meta.error) and workflow log attributes are redacted', () => {
    const c = capture();
    const t = new TemporalRuntimeLogger(c.logger);
    t.warn('Activity failed', { error: checkViolation(), durationMs: 12, activityType: 'projectTransition', workflowId: 'ip-case-1', [Symbol.for('log_timestamp')]: 1n });
    t.info('continuing as new', { seq: 40, sdkComponent: 'workflow', payload: { name: NAME } });
    t.trace('not at debug');
    expectNoValues(c.text());
    const [failed, info] = c.json();
    expect(failed).toMatchObject({ level: 'warn', msg: 'Activity failed', activityType: 'projectTransition', err: { sqlState: '23514', constraint: 'case_subject_fault' } });
    expect(info).toMatchObject({ level: 'info', seq: 40, sdkComponent: 'workflow', payload: REDACTED });
    expect(c.lines).toHaveLength(2);
  });

  it('is Nest\'s logger: context as component, a stack given as text keeps its frames, not its message', () => {
    const c = capture();
    const n = new NestStructuredLogger(c.logger);
    n.log('Mapped {/cases, POST} route', 'RouterExplorer');
    n.error('Unable to connect to the database. Retrying (1)...', checkViolation().stack, 'TypeOrmModule');
    n.warn({ subject: FNR }, 'Problem');
    expectNoValues(c.text());
    const [mapped, failed, warned] = c.json();
    expect(mapped).toMatchObject({ level: 'info', component: 'RouterExplorer', msg: 'Mapped {/cases, POST} route' });
    expect(failed).toMatchObject({ level: 'error', component: 'TypeOrmModule', stack: expect.stringMatching(/^QueryFailedError\n\s+at /) });
    expect(warned).toMatchObject({ component: 'Problem', subject: REDACTED });
  });
});

describe('the API error filter', () => {
  afterEach(() => Logger.overrideLogger(true));

  it('logs an unexpected database error with SQLSTATE and constraint, no client values; the answer is a bare 500', async () => {
    const c = capture();
    Logger.overrideLogger(new NestStructuredLogger(c.logger));
    const sent: string[] = [];
    const res = { status: () => res, type: () => res, send: (b: string) => void sent.push(b) };
    const req = { method: 'POST', route: { path: '/cases' }, originalUrl: '/cases', body: { subject: { nationalId: FNR, name: NAME } } };
    const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => req }) } as unknown as ArgumentsHost;
    const accessLog = { record: jest.fn() };
    new ProblemDetailsFilter(accessLog as never, {} as never).catch(checkViolation(), host);
    await new Promise((r) => setImmediate(r)); // the answer goes out once the access log is done with the request
    expect(accessLog.record).not.toHaveBeenCalled(); // a 500 is not a refusal of a named case
    expectNoValues(c.text() + sent.join(''));
    expect(c.json()).toEqual([
      expect.objectContaining({ level: 'error', component: 'Problem', msg: 'unhandled QueryFailedError SQLSTATE 23514 on POST /cases', err: expect.objectContaining({ sqlState: '23514', constraint: 'case_subject_fault' }) }),
    ]);
    expect(JSON.parse(sent[0])).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/cases' });
  });
});

describe('activity failures', () => {
  const converter = new DefaultFailureConverter();

  it('a database error becomes a retryable failure naming SQLSTATE and constraint, with no cause and no values', () => {
    const f = activityFailure('projectTransition', checkViolation()) as ApplicationFailure;
    expect(f).toBeInstanceOf(ApplicationFailure);
    expect(f.type).toBe(DATABASE_FAILURE);
    expect(f.nonRetryable).toBe(false);
    expect(f.message).toBe('projectTransition: database error SQLSTATE 23514 (integrity constraint violation), constraint case_subject_fault, table case_subject');
    expect(f.details).toEqual([{ sqlState: '23514', constraint: 'case_subject_fault', table: 'case_subject', column: null }]);
    expect(f.cause).toBeUndefined();
    // What reaches history: message, stack trace, details (before the codec), and the cause chain.
    const proto = converter.errorToFailure(f, defaultPayloadConverter);
    expect(proto.cause).toBeFalsy();
    expect(proto.stackTrace).toMatch(/\n\s+at /);
    const decodedDetails = proto.applicationFailureInfo!.details!.payloads!.map((p) => defaultPayloadConverter.fromPayload(p));
    expectNoValues(JSON.stringify({ ...proto, applicationFailureInfo: undefined }) + JSON.stringify(decodedDetails));
  });

  it('other errors keep their class and code; their masked text only in the details', () => {
    const f = activityFailure('loadMunicipalitySettings', Object.assign(new Error(`connect ECONNREFUSED for ${FNR}`), { code: 'ECONNREFUSED' })) as ApplicationFailure;
    expect(f.message).toBe('loadMunicipalitySettings: Error (ECONNREFUSED)');
    expect(f.details).toEqual([{ error: 'Error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED for [id]' }]);
  });

  it('cancellation and deliberate failures pass as they are', () => {
    const cancelled = new CancelledFailure('cancelled');
    expect(activityFailure('a', cancelled)).toBe(cancelled);
    const mine = ApplicationFailure.nonRetryable('no such municipality', 'Unknown');
    expect(activityFailure('a', mine)).toBe(mine);
  });

  it('withSafeFailures rethrows every activity\'s error as its failure and passes results through', async () => {
    const acts = withSafeFailures({ ok: async (x: number) => x + 1, broken: async () => Promise.reject(checkViolation()) });
    await expect(acts.ok(1)).resolves.toBe(2);
    await expect(acts.broken()).rejects.toMatchObject({ type: DATABASE_FAILURE, message: expect.stringContaining('constraint case_subject_fault') });
  });

  it('classifies: data exceptions and constraint violations would fail again, the rest may pass on retry', () => {
    const withCode = (code: string) => Object.assign(checkViolation(), { code });
    expect(classifyDbError(withCode('23505'))).toEqual({ sqlState: '23505', constraint: 'case_subject_fault', table: 'case_subject', column: null, retryable: false });
    expect(classifyDbError(withCode('22001')).retryable).toBe(false);
    expect(classifyDbError(withCode('40001')).retryable).toBe(true);
    expect(classifyDbError(withCode('08006')).retryable).toBe(true);
    expect(classifyDbError(new Error('not a database error'))).toEqual({ sqlState: null, constraint: null, table: null, column: null, retryable: true });
  });
});
