import { Module } from '@nestjs/common';
import { AccessLogController } from './access-log.controller';
import { CaseAccessLogService } from './case-access-log.service';
import { LogReviewService } from './log-review.service';

/** A case's own access log, and the monthly log review (K18). The writing side (AccessLogService) is in CommonModule. */
@Module({ controllers: [AccessLogController], providers: [CaseAccessLogService, LogReviewService] })
export class AccessLogModule {}
