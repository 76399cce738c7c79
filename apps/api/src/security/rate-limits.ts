import { ThrottlerModule } from '@nestjs/throttler';
import { EnvConfig } from '../../../../libs/config/src';

/** RATE_LIMIT_REQUESTS per RATE_LIMIT_WINDOW seconds for each principal (PrincipalThrottlerGuard), in this process's memory. */
export const rateLimits = (config: EnvConfig) =>
  ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: config.RATE_LIMIT_WINDOW * 1000, limit: config.RATE_LIMIT_REQUESTS }] });
