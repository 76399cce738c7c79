import { Global, Module } from '@nestjs/common';
import { AccessLogService } from '../access-log/access-log.service';
import { IdempotencyService } from './idempotency.service';
import { OpenApiSchemas } from './openapi-schemas';

@Global()
@Module({ providers: [AccessLogService, IdempotencyService, OpenApiSchemas], exports: [AccessLogService, IdempotencyService, OpenApiSchemas] })
export class CommonModule {}
