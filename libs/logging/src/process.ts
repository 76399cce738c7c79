// The last line of a process that stops on an error. Node itself would print an uncaught error with all its
// properties (a database error's query, parameters and row); this prints what safeError keeps, then exits.
import type { Logger } from 'pino';
import { safeErrorText } from './redact';

/**
 * Logs uncaught exceptions and unhandled rejections redacted and exits 1; returns the same handler for `main().catch`.
 * `ownMessage` picks errors whose message is the process's own text, written for the operator (a configuration error
 * naming the bad variable), which is logged as it is.
 */
export function exitOnFatalErrors(log: Logger, ownMessage: (e: unknown) => boolean = () => false): (what: string) => (e: unknown) => void {
  const fatal = (what: string) => (e: unknown) => {
    if (ownMessage(e)) log.fatal((e as Error).message);
    else log.fatal({ err: e }, `${what}: ${safeErrorText(e)}`);
    process.exit(1);
  };
  process.on('uncaughtException', fatal('uncaught exception'));
  process.on('unhandledRejection', fatal('unhandled rejection'));
  return fatal;
}
