import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Principal } from '../../../../libs/auth/src';
import { CurrentPrincipal } from '../auth/auth.guard';
import { UuidParam } from '../common/params';
import { ApiProblems } from '../problem/problem.dto';
import { StoredReportDto, StoredReportListDto, StoredReportQueryDto } from './dto/stored-report.dto';
import { InternalControlReportsService } from './internal-control-reports.service';
import { reportFileName, reportResponse, ReportRepresentations } from './report-representations';

@ApiTags('internal-control')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 422)
@Controller('internal-control/reports')
export class InternalControlReportsController {
  constructor(private readonly reports: InternalControlReportsService, private readonly representations: ReportRepresentations) {}

  @Get()
  @ApiOkResponse({ type: StoredReportListDto })
  @ApiOperation({ summary: "The municipality's stored monthly internal-control reports, newest month first" })
  list(@CurrentPrincipal() p: Principal, @Query() q: StoredReportQueryDto) {
    return this.reports.list(p, q);
  }

  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiExtraModels(StoredReportDto)
  @ApiOkResponse(reportResponse(getSchemaPath(StoredReportDto), 'the stored report'))
  @ApiProblems(404, 406)
  @ApiOperation({ summary: 'One stored monthly internal-control report, as JSON, CSV or HTML (Accept)' })
  async get(@CurrentPrincipal() p: Principal, @Param('id', UuidParam()) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const as = this.representations.negotiate(req, res);
    const stored = await this.reports.get(p, id, as);
    return (await this.representations.render(as, res, stored.report, reportFileName(stored.report), stored)) ?? stored;
  }
}
