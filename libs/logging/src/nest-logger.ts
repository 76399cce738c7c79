// Nest's LoggerService over the structured logger: Nest's own lines, `new Logger(context)` in the API and errors
// handed to it go out as redacted JSON lines.
import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';
import { safeStack } from './redact';

const looksLikeStack = (s: string) => /\n\s+at /.test(s);

export class NestStructuredLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]) { this.write('info', message, params); }
  error(message: unknown, ...params: unknown[]) { this.write('error', message, params); }
  warn(message: unknown, ...params: unknown[]) { this.write('warn', message, params); }
  debug(message: unknown, ...params: unknown[]) { this.write('debug', message, params); }
  verbose(message: unknown, ...params: unknown[]) { this.write('trace', message, params); }
  fatal(message: unknown, ...params: unknown[]) { this.write('fatal', message, params); }

  /** Nest calls `(message, ...params, context)`, `error(message, stack, context)`; the context names the component. */
  private write(level: Level, message: unknown, params: unknown[]) {
    if (!this.logger.isLevelEnabled(level)) return;
    const rest = params.filter((p) => p !== undefined);
    const attrs: Record<string, unknown> = {};
    if (rest.length > 0 && typeof rest[rest.length - 1] === 'string' && !looksLikeStack(rest[rest.length - 1] as string)) {
      attrs.component = rest.pop();
    }
    const texts: string[] = [];
    for (const p of rest) {
      if (p instanceof Error) attrs.err = p;
      else if (typeof p === 'string') (looksLikeStack(p) ? (attrs.stack = safeStack(p)) : texts.push(p));
      else if (typeof p === 'object' && p !== null) Object.assign(attrs, p);
    }
    if (texts.length) attrs.extra = texts;
    if (message instanceof Error) {
      attrs.err = message;
      this.logger[level](attrs);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...attrs, ...(message as Record<string, unknown>) });
    } else this.logger[level](attrs, String(message));
  }
}
