import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/auth/src';
import { CurrentPrincipal } from '../auth/auth.guard';
import { UuidParam } from '../common/params';
import { ApiProblems } from '../problem/problem.dto';
import { ArchiveService } from './archive.service';
import { ArchiveIncidentDto, ArchiveIncidentListDto, ArchiveIncidentQueryDto } from './dto/archive.dto';

@ApiTags('archive')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 422)
@Controller('archive/incidents')
export class ArchiveIncidentsController {
  constructor(private readonly archive: ArchiveService) {}

  @Get()
  @ApiOkResponse({ type: ArchiveIncidentListDto })
  @ApiOperation({ summary: "Messages the archive refused (or that could not be delivered in every attempt), with the archive's error text; the case's later records wait behind each" })
  list(@CurrentPrincipal() p: Principal, @Query() q: ArchiveIncidentQueryDto) {
    return this.archive.incidents(p, q);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ArchiveIncidentDto })
  @ApiProblems(404, 409, 504)
  @ApiOperation({ summary: 'After the data was corrected: the record is rebuilt and delivered once more (a new message); KE leader or system role' })
  retry(@CurrentPrincipal() p: Principal, @Param('id', UuidParam()) id: string) {
    return this.archive.retry(p, id);
  }
}
