// The Temporal SDK's Logger over the structured logger: what the worker, workflows (`log` from @temporalio/workflow,
// through the SDK's sink), activities and forwarded Core logs say goes out redacted like every other line.
import type { Logger as TemporalLogger, LogLevel as TemporalLogLevel, LogMetadata } from '@temporalio/common';
import type { Level, Logger } from 'pino';
import type { ConfigLogLevel } from './logger';

const LEVELS: Record<TemporalLogLevel, Level> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/** The level for Core (the SDK's native part) that matches LOG_LEVEL, for `makeTelemetryFilterString`. */
export function temporalCoreLevel(level: ConfigLogLevel | string): TemporalLogLevel {
  return level === 'error' ? 'ERROR' : level === 'warn' ? 'WARN' : level === 'debug' ? 'DEBUG' : 'INFO';
}

export class TemporalRuntimeLogger implements TemporalLogger {
  constructor(private readonly logger: Logger) {}

  log(level: TemporalLogLevel, message: string, meta?: LogMetadata): void {
    const l = LEVELS[level] ?? 'info';
    if (!this.logger.isLevelEnabled(l)) return;
    // String keys only: the SDK's symbol-keyed timestamp is not for the line. `error` is what the SDK attaches to
    // failures (`Activity failed`, `Workflow task failed`); it is reduced like every error.
    const { error, ...attrs } = Object.fromEntries(Object.entries(meta ?? {}));
    this.logger[l]({ ...attrs, ...(error !== undefined ? { err: error } : {}) }, message);
  }
  trace(message: string, meta?: LogMetadata) { this.log('TRACE', message, meta); }
  debug(message: string, meta?: LogMetadata) { this.log('DEBUG', message, meta); }
  info(message: string, meta?: LogMetadata) { this.log('INFO', message, meta); }
  warn(message: string, meta?: LogMetadata) { this.log('WARN', message, meta); }
  error(message: string, meta?: LogMetadata) { this.log('ERROR', message, meta); }
}
