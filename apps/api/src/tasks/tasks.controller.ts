import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { UuidParam } from '../common/params';
import { TaskDetailDto, TaskListDto, TaskViewDto } from './dto/task-view.dto';
import { ApiProblems } from '../problem/problem.dto';
import { ApiBearerAuth, ApiBody, ApiParam, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../../../../libs/auth/src';
import { CurrentPrincipal } from '../auth/auth.guard';
import { AssignTaskDto, TaskQueryDto } from './dto/task-query.dto';
import { TasksService } from './tasks.service';

const IF_MATCH = { name: 'if-match', required: false, description: 'The task version (ETag) you saw; 412 if it changed' };

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
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiOperation({ summary: 'One task, with the JSON schema of the payload that completes it' })
  async get(@CurrentPrincipal() p: Principal, @Param('id', UuidParam()) id: string, @Res({ passthrough: true }) res: Response) {
    const task = await this.tasks.get(p, id);
    res.setHeader('ETag', `"${task.version}"`);
    return task;
  }

  @Post(':id/claim')
  @ApiParam({ name: 'id', format: 'uuid' })
  @HttpCode(200)
  @ApiOkResponse({ type: TaskViewDto })
  @ApiHeader(IF_MATCH)
  @ApiProblems(400, 409, 412)
  claim(@CurrentPrincipal() p: Principal, @Param('id', UuidParam()) id: string, @Headers('if-match') ifMatch?: string) {
    return this.tasks.assignment(p, id, 'CLAIM', ifMatch);
  }

  @Post(':id/unclaim')
  @ApiParam({ name: 'id', format: 'uuid' })
  @HttpCode(200)
  @ApiOkResponse({ type: TaskViewDto })
  @ApiHeader(IF_MATCH)
  @ApiProblems(400, 409, 412)
  unclaim(@CurrentPrincipal() p: Principal, @Param('id', UuidParam()) id: string, @Headers('if-match') ifMatch?: string) {
    return this.tasks.assignment(p, id, 'UNCLAIM', ifMatch);
  }

  @Post(':id/assign')
  @ApiParam({ name: 'id', format: 'uuid' })
  @HttpCode(200)
  @ApiOkResponse({ type: TaskViewDto })
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'A KE leader assigns (or reassigns) the task to a named person' })
  @ApiProblems(400, 409, 412, 422)
  assign(@CurrentPrincipal() p: Principal, @Param('id', UuidParam()) id: string, @Body() dto: AssignTaskDto, @Headers('if-match') ifMatch?: string) {
    return this.tasks.assignment(p, id, 'ASSIGN', ifMatch, dto.assignee);
  }

  @Post(':id/complete')
  @ApiParam({ name: 'id', format: 'uuid' })
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiHeader({ name: 'idempotency-key', required: false, description: 'A retry with the same key returns the first answer' })
  @ApiBody({ description: "The payload of the task's command (GET /tasks/:id gives its JSON schema)", schema: { type: 'object' } })
  @ApiOkResponse({ description: 'The task, completed', type: TaskViewDto })
  @ApiProblems(400, 409, 412, 422)
  complete(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParam()) id: string,
    @Body() body: Record<string, unknown>,
    @Headers('if-match') ifMatch?: string,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.tasks.complete(p, id, body, ifMatch, key);
  }
}
