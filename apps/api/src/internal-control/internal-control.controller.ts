import { Body, Controller, Get, Param, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Principal } from '../../../../libs/auth/src';
import { INDICATOR_IDS } from '../../../../libs/audit/src/internal-control/report.types';
import { CurrentPrincipal } from '../auth/auth.guard';
import { reportFileName, reportResponse, ReportRepresentations } from '../internal-control-reports/report-representations';
import { ApiProblems } from '../problem/problem.dto';
import { InternalControlReportDto } from './dto/report.dto';
import { ReportQueryDto, TargetQueryDto } from './dto/report-query.dto';
import { TargetDto, TargetListDto } from './dto/target.dto';
import { InternalControlService } from './internal-control.service';

@ApiTags('internal-control')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 422)
@Controller('internal-control')
export class InternalControlController {
  constructor(private readonly internalControl: InternalControlService, private readonly representations: ReportRepresentations) {}

  @Get('report')
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiExtraModels(InternalControlReportDto)
  @ApiOkResponse(reportResponse(getSchemaPath(InternalControlReportDto), 'the report'))
  @ApiProblems(406)
  @ApiOperation({ summary: 'Indicators K1–K19 (domain § 5.2) for a municipality and period: definition, duty, target, value and the cases behind each; as JSON, CSV or HTML (Accept)' })
  async report(@CurrentPrincipal() p: Principal, @Query() q: ReportQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const as = this.representations.negotiate(req, res);
    const report = await this.internalControl.report(p, q, as);
    return (await this.representations.render(as, res, report, reportFileName(report))) ?? report;
  }

  @Get('targets')
  @ApiOkResponse({ type: TargetListDto })
  @ApiOperation({ summary: "The municipality's target per indicator (its own, or domain § 5.2's default)" })
  targets(@CurrentPrincipal() p: Principal, @Query() q: TargetQueryDto) {
    return this.internalControl.targets(p, q.municipality);
  }

  @Put('targets/:indicator')
  @ApiParam({ name: 'indicator', enum: INDICATOR_IDS })
  @ApiOkResponse({ type: TargetListDto })
  @ApiOperation({ summary: 'A KE leader sets the target of one indicator for the municipality' })
  setTarget(@CurrentPrincipal() p: Principal, @Param('indicator') indicator: string, @Query() q: TargetQueryDto, @Body() dto: TargetDto) {
    return this.internalControl.setTarget(p, q.municipality, indicator, dto);
  }
}
