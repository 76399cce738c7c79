import { Module } from '@nestjs/common';
import { InternalControlReportsController } from './internal-control-reports.controller';
import { InternalControlReportsService } from './internal-control-reports.service';
import { ReportRepresentations } from './report-representations';

/** The stored monthly reports, and the report's representations (JSON, CSV, HTML) for the internal-control module too. */
@Module({ controllers: [InternalControlReportsController], providers: [InternalControlReportsService, ReportRepresentations], exports: [ReportRepresentations] })
export class InternalControlReportsModule {}
