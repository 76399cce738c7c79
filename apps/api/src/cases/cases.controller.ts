import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { UuidParam } from '../common/params';
import { CaseListDto, CaseViewDto, CommandReceiptDto, HistoryEntryDto } from './dto/case-view.dto';
import { ApiProblems } from '../problem/problem.dto';
import { ApiBearerAuth, ApiBody, ApiParam, ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../../../../libs/auth/src';
import { CurrentPrincipal } from '../auth/auth.guard';
import { CasesService } from './cases.service';
import { CaseQueryDto } from './dto/case-query.dto';
import { etagOf, IF_MATCH_DESCRIPTION } from '../common/etag';
import { ETAG_HEADER } from '../common/openapi-responses';
import { Idempotent, IdempotentRequest } from '../common/idempotency.interceptor';
import * as events from './dto/case-event.dto';
import { RegisterNotificationDto } from './dto/register-notification.dto';
import { EmergencyAccess } from '../access-log/emergency-access';

const eventModels = Object.values(events.EVENT_PAYLOADS).filter((c) => c.name !== 'NoPayload');

@ApiTags('cases')
@ApiBearerAuth()
@ApiExtraModels(...eventModels, events.InformationChecklistDto, CommandReceiptDto)
@ApiProblems(400, 401, 403, 404, 422)
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({
    description: 'The notification is registered and its case workflow started',
    type: CaseViewDto,
    headers: { Location: { description: 'The new case: /cases/{caseId}', required: true, schema: { type: 'string' } }, ETag: ETAG_HEADER },
  })
  @ApiProblems(409, 422, 504)
  async register(@CurrentPrincipal() p: Principal, @Body() dto: RegisterNotificationDto, @Req() req: IdempotentRequest, @Res({ passthrough: true }) res: Response) {
    const view = await this.cases.register(p, dto, req.idempotencyId);
    res.location(`/cases/${view.caseId}`);
    return withETag(res, view);
  }

  @Get()
  @ApiOkResponse({ type: CaseListDto })
  @ApiProblems(422)
  list(@CurrentPrincipal() p: Principal, @Query() q: CaseQueryDto) {
    return this.cases.list(p, q);
  }

  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @EmergencyAccess()
  @ApiOkResponse({
    description: 'State, allowed and blocked events, open deadlines (and what the case will do by itself), tasks, coordinator, consent',
    type: CaseViewDto,
    headers: { ETag: ETAG_HEADER },
  })
  async get(@CurrentPrincipal() p: Principal, @Param('id', UuidParam()) id: string, @Res({ passthrough: true }) res: Response) {
    return withETag(res, await this.cases.readCase(p, id));
  }

  @Get(':id/history')
  @ApiParam({ name: 'id', format: 'uuid' })
  @EmergencyAccess()
  @ApiOkResponse({ type: [HistoryEntryDto] })
  history(@CurrentPrincipal() p: Principal, @Param('id', UuidParam()) id: string) {
    return this.cases.history(p, id);
  }

  @Post(':id/events')
  @ApiParam({ name: 'id', format: 'uuid' })
  @HttpCode(200)
  @Idempotent()
  @ApiHeader({ name: 'if-match', required: false, description: IF_MATCH_DESCRIPTION })
  @ApiOkResponse({
    description: 'The case after the event (with its ETag); if the event took away your own access to the case, a receipt { caseId, accepted, event, visible: false } (without)',
    schema: { oneOf: [{ $ref: getSchemaPath(CaseViewDto) }, { $ref: getSchemaPath(CommandReceiptDto) }] },
    headers: { ETag: { ...ETAG_HEADER, required: false } },
  })
  @ApiBody({ description: 'One typed event: `type` plus that event\'s payload (a oneOf with a discriminator on `type`)', schema: { type: 'object' } })
  @ApiProblems(409, 412, 422, 504)
  async send(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParam()) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ) {
    return withETag(res, await this.cases.sendEvent(p, id, body, ifMatch, req.idempotencyId));
  }
}

/** The case's version is its ETag (what If-Match takes); a receipt has none. */
function withETag<T extends object>(res: Response, view: T): T {
  if ('seq' in view && typeof view.seq === 'number') res.setHeader('ETag', etagOf(view.seq));
  return view;
}
