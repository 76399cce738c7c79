import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/auth/src';
import { CurrentPrincipal } from '../auth/auth.guard';
import { DeadlinesService } from './deadlines.service';
import { DeadlineQueryDto } from './dto/deadline-query.dto';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('deadlines')
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesService) {}

  @Get()
  @ApiOperation({ summary: 'Open deadlines across cases, with the rule and legal basis behind each' })
  list(@CurrentPrincipal() p: Principal, @Query() q: DeadlineQueryDto) {
    return this.deadlines.list(p, q);
  }
}

