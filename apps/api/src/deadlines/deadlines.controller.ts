import { Controller, Get, Query } from '@nestjs/common';
import { DeadlineListDto } from './dto/deadline-view.dto';
import { ApiProblems } from '../problem/problem.dto';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/auth/src';
import { CurrentPrincipal } from '../auth/auth.guard';
import { DeadlinesService } from './deadlines.service';
import { DeadlineQueryDto } from './dto/deadline-query.dto';

@ApiTags('deadlines')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 422)
@Controller('deadlines')
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesService) {}

  @Get()
  @ApiOkResponse({ type: DeadlineListDto })
  @ApiOperation({ summary: 'Open deadlines across cases, with the rule and legal basis behind each' })
  list(@CurrentPrincipal() p: Principal, @Query() q: DeadlineQueryDto) {
    return this.deadlines.list(p, q);
  }
}

