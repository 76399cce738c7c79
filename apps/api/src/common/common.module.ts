import { Global, Module } from '@nestjs/common';
import { AccessLogService } from '../access-log/access-log.service';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyService } from './idempotency.service';
import { OpenApiSchemas } from './openapi-schemas';

@Global()
@Module({ providers: [AccessLogService, IdempotencyService, IdempotencyInterceptor, OpenApiSchemas], exports: [AccessLogService, IdempotencyService, IdempotencyInterceptor, OpenApiSchemas] })
export class CommonModule {}
