import { Body, Controller, DefaultValuePipe, Get, Headers, HttpCode, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { UuidParam } from '../common/params';
import { CaseListDto, CaseViewDto, HistoryEntryDto } from './dto/case-view.dto';
import { ApiProblems } from '../problem/problem.dto';
import { ApiBearerAuth, ApiBody, ApiParam, ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../../../../libs/auth/src';
import { CurrentPrincipal } from '../auth/auth.guard';
import { CasesService } from './cases.service';
import * as events from './dto/case-event.dto';
import { RegisterNotificationDto } from './dto/register-notification.dto';

const eventModels = Object.values(events.EVENT_PAYLOADS).filter((c) => c.name !== 'NoPayload');

@ApiTags('cases')
@ApiBearerAuth()
@ApiExtraModels(...eventModels)
@ApiProblems(400, 401, 403, 404, 422)
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @ApiHeader({ name: 'idempotency-key', required: false, description: 'A retry with the same key returns the same case' })
  @ApiCreatedResponse({ description: 'The notification is registered and its case workflow started', type: CaseViewDto })
  @ApiProblems(422)
  async register(
    @CurrentPrincipal() p: Principal,
    @Body() dto: RegisterNotificationDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.cases.register(p, dto, key);
    res.location(`/cases/${view.caseId}`);
    return view;
  }

  @Get()
  @ApiOkResponse({ type: CaseListDto })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'municipality', required: false })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  list(
    @CurrentPrincipal() p: Principal,
    @Query('status') status?: string,
    @Query('municipality') municipality?: string,
    @Query('page', new DefaultValuePipe(1), ParseIntPipe) page = 1,
    @Query('pageSize', new DefaultValuePipe(50), ParseIntPipe) pageSize = 50,
  ) {
    return this.cases.list(p, { status, municipality, page: Math.max(1, page), pageSize: Math.min(200, Math.max(1, pageSize)) });
  }

  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ description: 'State, next allowed events, open deadlines and tasks, coordinator, consent', type: CaseViewDto })
  get(@CurrentPrincipal() p: Principal, @Param('id', UuidParam()) id: string) {
    return this.cases.readCase(p, id);
  }

  @Get(':id/history')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  history(@CurrentPrincipal() p: Principal, @Param('id', UuidParam()) id: string) {
    return this.cases.history(p, id);
  }

  @Post(':id/events')
  @ApiParam({ name: 'id', format: 'uuid' })
  @HttpCode(200)
  @ApiOkResponse({ description: 'The case after the event', type: CaseViewDto })
  @ApiBody({
    description: 'One typed event: `type` plus that event\'s payload',
    schema: { oneOf: eventModels.map((m) => ({ allOf: [{ properties: { type: { type: 'string', enum: events.COMMAND_TYPES } }, required: ['type'] }, { $ref: getSchemaPath(m) }] })) },
  })
  @ApiProblems(409, 422)
  send(@CurrentPrincipal() p: Principal, @Param('id', UuidParam()) id: string, @Body() body: Record<string, unknown>) {
    return this.cases.sendEvent(p, id, body);
  }
}
