// One structured logger for the API and the worker: pino, JSON lines on stdout, every line redacted (redact.ts).
import { format } from 'node:util';
import pino, { DestinationStream, Level, Logger } from 'pino';
import { maskText, REDACTED, REDACT_PATHS, redact, safeErrorText } from './redact';

export type { Logger } from 'pino';

/** LOG_LEVEL as the configuration takes it (libs/config): `log` is pino's `info`. */
export type ConfigLogLevel = 'error' | 'warn' | 'log' | 'debug';

export function pinoLevel(level: string | undefined): Level {
  switch (level) {
    case 'error':
    case 'warn':
    case 'debug':
      return level;
    default:
      return 'info';
  }
}

export interface LoggerOptions {
  /** `service` on every line: `ke-ip-api`, `ke-ip-worker`. */
  service: string;
  level?: string;
  /** Where the lines go; stdout (synchronously, so nothing is lost when the process exits) when not given. */
  destination?: DestinationStream;
}

/**
 * The arguments of a log call as one redacted object and one masked message. pino's own interpolation (`%s`, `%o`)
 * and its use of an error's message as the line's message would bypass the formatters, so both are done here.
 */
function safeArgs(args: unknown[]): [Record<string, unknown>, string?] {
  let obj: Record<string, unknown> = {};
  let rest = args;
  if (args[0] instanceof Error) {
    obj = { err: args[0] };
    rest = args.slice(1);
  } else if (typeof args[0] === 'object' && args[0] !== null) {
    obj = args[0] as Record<string, unknown>;
    rest = args.slice(1);
  }
  const safe = redact(obj) as Record<string, unknown>;
  let msg: string | undefined;
  if (rest.length) msg = format(...rest.map((a) => (typeof a === 'string' ? a : redact(a))));
  else if (obj.err !== undefined) msg = safeErrorText(obj.err);
  else if (typeof safe.msg === 'string') msg = safe.msg;
  delete safe.msg;
  return msg === undefined ? [safe] : [safe, maskText(msg)];
}

export function createLogger(o: LoggerOptions): Logger {
  const root = pino(
    {
      level: pinoLevel(o.level),
      base: { service: o.service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (b) => redact(b) as Record<string, unknown>,
        log: (obj) => redact(obj) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const [obj, msg] = safeArgs(args);
          return msg === undefined ? method.call(this, obj as never) : method.call(this, obj as never, msg);
        },
      },
      // Errors are reduced by redact(); pino's own error serializer would copy every property back.
      serializers: { err: (e: unknown) => e, error: (e: unknown) => e },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
    },
    o.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  // pino runs `formatters.bindings` for the root's own bindings only; a child's (`logger.child({ … })`) are redacted
  // here. Children are created from their parent's prototype chain, so theirs call this too.
  const child = root.child;
  root.child = function (this: Logger, bindings: Record<string, unknown>, options?: object) {
    return child.call(this, redact(bindings) as Record<string, unknown>, options as never);
  } as Logger['child'];
  return root;
}
