import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/auth/src';
import { INDICATOR_IDS } from '../../../../libs/audit/src/internal-control/report.types';
import { CurrentPrincipal } from '../auth/auth.guard';
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
  constructor(private readonly internalControl: InternalControlService) {}

  @Get('report')
  @ApiOkResponse({ type: InternalControlReportDto })
  @ApiOperation({ summary: 'Indicators K1–K19 (domain § 5.2) for a municipality and period: definition, duty, target, value and the cases behind each' })
  report(@CurrentPrincipal() p: Principal, @Query() q: ReportQueryDto) {
    return this.internalControl.report(p, q);
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
