import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { UuidParam } from '../common/params';
import { TaskDetailDto, TaskListDto, TaskViewDto } from './dto/task-view.dto';
import { ApiProblems } from '../problem/problem.dto';
import { ApiBearerAuth, ApiBody, ApiParam, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../../../../libs/auth/src';
import { CurrentPrincipal } from '../auth/auth.guard';
import { AssignTaskDto, TaskQueryDto } from './dto/task-query.dto';
import { TasksService } from './tasks.service';
import { etagOf, IF_MATCH_DESCRIPTION } from '../common/etag';
import { ETAG_HEADER } from '../common/openapi-responses';
import { Idempotent, IdempotentRequest } from '../common/idempotency.interceptor';
import { EmergencyAccess } from '../access-log/emergency-access';

const ETAG = { ETag: ETAG_HEADER };
const IF_MATCH = { name: 'if-match', required: false, description: IF_MATCH_DESCRIPTION };

/** A task's version is its ETag, on every answer that shows the task. */
const withETag = <T extends { version: number }>(res: Response, task: T): T => (res.setHeader('ETag', etagOf(task.version)), task);

@ApiTags('tasks')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 422)
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOkResponse({ type: TaskListDto })
  @ApiOperation({ summary: 'The inbox: filters, sort by due date or priority, cursor pages, counts for dashboards' })
  @ApiProblems(422)
  list(@CurrentPrincipal() p: Principal, @Query() q: TaskQueryDto) {
    return this.tasks.list(p, q);
  }

  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @EmergencyAccess()
  @ApiOkResponse({ type: TaskDetailDto, headers: ETAG })
  @ApiOperation({ summary: 'One task, with the JSON schema of the payload that completes it' })
  async get(@CurrentPrincipal() p: Principal, @Param('id', UuidParam()) id: string, @Res({ passthrough: true }) res: Response) {
    return withETag(res, await this.tasks.get(p, id));
  }

  @Post(':id/claim')
  @ApiParam({ name: 'id', format: 'uuid' })
  @HttpCode(200)
  @ApiOkResponse({ type: TaskViewDto, headers: ETAG })
  @ApiHeader(IF_MATCH)
  @ApiProblems(400, 409, 412, 504)
  async claim(@CurrentPrincipal() p: Principal, @Param('id', UuidParam()) id: string, @Res({ passthrough: true }) res: Response, @Headers('if-match') ifMatch?: string) {
    return withETag(res, await this.tasks.assignment(p, id, 'CLAIM', ifMatch));
  }

  @Post(':id/unclaim')
  @ApiParam({ name: 'id', format: 'uuid' })
  @HttpCode(200)
  @ApiOkResponse({ type: TaskViewDto, headers: ETAG })
  @ApiHeader(IF_MATCH)
  @ApiProblems(400, 409, 412, 504)
  async unclaim(@CurrentPrincipal() p: Principal, @Param('id', UuidParam()) id: string, @Res({ passthrough: true }) res: Response, @Headers('if-match') ifMatch?: string) {
    return withETag(res, await this.tasks.assignment(p, id, 'UNCLAIM', ifMatch));
  }

  @Post(':id/assign')
  @ApiParam({ name: 'id', format: 'uuid' })
  @HttpCode(200)
  @ApiOkResponse({ type: TaskViewDto, headers: ETAG })
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'A KE leader assigns (or reassigns) the task to a named person' })
  @ApiProblems(400, 409, 412, 422, 504)
  async assign(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParam()) id: string,
    @Body() dto: AssignTaskDto,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ) {
    return withETag(res, await this.tasks.assignment(p, id, 'ASSIGN', ifMatch, dto.assignee));
  }

  @Post(':id/complete')
  @ApiParam({ name: 'id', format: 'uuid' })
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @Idempotent()
  @ApiBody({
    description: "The payload of the task's command (GET /tasks/:id gives its JSON schema). A task that offers several (`inputs`, e.g. accept or decline) takes `type` to choose one.",
    schema: { type: 'object' },
  })
  @ApiOkResponse({ description: 'The task, completed', type: TaskViewDto, headers: ETAG })
  @ApiProblems(400, 409, 412, 422, 504)
  async complete(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParam()) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ) {
    return withETag(res, await this.tasks.complete(p, id, body, ifMatch, req.idempotencyId));
  }
}
