import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/auth/src';
import { CurrentPrincipal } from '../auth/auth.guard';
import { UuidParam } from '../common/params';
import { ApiProblems } from '../problem/problem.dto';
import { IncidentDto, IncidentListDto, IncidentQueryDto, ResolveIncidentDto } from './dto/incident.dto';
import { IncidentsService } from './incidents.service';

@ApiTags('incidents')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 422)
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @ApiOkResponse({ type: IncidentListDto })
  @ApiOperation({ summary: 'Commands cases accepted but could not record (the case was left as it was); for the KE leader and internal control' })
  list(@CurrentPrincipal() p: Principal, @Query() q: IncidentQueryDto) {
    return this.incidents.list(p, q);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: IncidentDto })
  @ApiProblems(404, 409, 504)
  resolve(@CurrentPrincipal() p: Principal, @Param('id', UuidParam()) id: string, @Body() dto: ResolveIncidentDto) {
    return this.incidents.resolve(p, id, dto.resolution);
  }
}
