import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/auth/src';
import { CurrentPrincipal } from '../auth/auth.guard';
import { UuidParam } from '../common/params';
import { ApiProblems, ProblemDto } from '../problem/problem.dto';
import { CaseVersionsService } from './case-versions.service';
import { AsOfQueryDto, CaseAsOfDto } from './dto/as-of.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseVersionsController {
  constructor(private readonly versions: CaseVersionsService) {}

  @Get(':id/as-of')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({
    summary: 'The case as it was at an instant (internal control)',
    description:
      'State, open tasks, deadlines, active consents, coordinator and plan version after the last transition at or before `at`. ' +
      '404 `CASE_NOT_YET_EXISTING` before the case was received; 409 `STATE_NOT_RECORDED` for an instant a case from before the record of states cannot answer. ' +
      'Who may ask is decided by the case as it is now (a coordinator: the cases they coordinate now).',
  })
  @ApiOkResponse({ type: CaseAsOfDto })
  @ApiProblems(400, 401, 403, 404, 422)
  @ApiResponse({
    status: 409,
    description: 'The state at that instant was not recorded (a case from before the record of states): `firstRecordedSeq` and `firstRecordedAt` say from when it can answer',
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
  })
  asOf(@CurrentPrincipal() p: Principal, @Param('id', UuidParam()) id: string, @Query() q: AsOfQueryDto) {
    return this.versions.asOf(p, id, q.at);
  }
}
