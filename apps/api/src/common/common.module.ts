import { Global, Module } from '@nestjs/common';
import { AccessLogService } from '../access-log/access-log.service';
import { CaseAccessService } from '../access-log/case-access.service';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyService } from './idempotency.service';
import { OpenApiSchemas } from './openapi-schemas';

@Global()
@Module({
  providers: [AccessLogService, CaseAccessService, IdempotencyService, IdempotencyInterceptor, OpenApiSchemas],
  exports: [AccessLogService, CaseAccessService, IdempotencyService, IdempotencyInterceptor, OpenApiSchemas],
})
export class CommonModule {}
