import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Principal } from '../../../../libs/auth/src';
import { auditEventBundle } from '../../../../libs/audit/src/fhir/audit-event';
import { FHIR_JSON } from '../../../../libs/audit/src/fhir/audit-trail-event';
import { CurrentPrincipal } from '../auth/auth.guard';
import { negotiate } from '../common/content-negotiation';
import { UuidParam } from '../common/params';
import { ApiProblems } from '../problem/problem.dto';
import { CaseAccessLogService } from './case-access-log.service';
import { CaseAccessLogDto, LogReviewDto, LogReviewListDto, LogReviewQueryDto, PageQueryDto, RecordLogReviewDto, ReviewProposalsDto, ReviewProposalsQueryDto } from './dto/access-log.dto';
import { LogReviewService } from './log-review.service';
import { inPlainTerms } from './plain-terms';


/** The FHIR answer's outline; the AuditEvents inside follow IHE BALP (libs/audit/src/fhir). */
const FHIR_BUNDLE_SCHEMA = {
  type: 'object',
  description: 'FHIR R4 Bundle (searchset) of AuditEvent resources in the IHE BALP shape (Read for reads, Query for lists that showed the case), newest first; `link` next for the next page',
  required: ['resourceType', 'type', 'entry'],
  properties: {
    resourceType: { type: 'string', enum: ['Bundle'] },
    type: { type: 'string', enum: ['searchset'] },
    timestamp: { type: 'string', format: 'date-time' },
    link: { type: 'array', items: { type: 'object', properties: { relation: { type: 'string' }, url: { type: 'string' } }, required: ['relation', 'url'] } },
    entry: { type: 'array', items: { type: 'object', properties: { resource: { type: 'object' }, search: { type: 'object' } }, required: ['resource'] } },
  },
};

@ApiTags('access-log')
@ApiBearerAuth()
@ApiExtraModels(CaseAccessLogDto)
@ApiProblems(400, 401, 403, 422)
@Controller()
export class AccessLogController {
  constructor(
    private readonly caseLog: CaseAccessLogService,
    private readonly reviews: LogReviewService,
  ) {}

  @Get('cases/:id/access-log')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({ summary: "Who accessed the case, when and why, in plain terms (KE leader, internal control; the integration on the person's behalf); FHIR AuditEvents with Accept: application/fhir+json" })
  @ApiProduces('application/json', FHIR_JSON)
  @ApiOkResponse({
    description: 'The access log of the case, newest first',
    content: { 'application/json': { schema: { $ref: getSchemaPath(CaseAccessLogDto) } }, [FHIR_JSON]: { schema: FHIR_BUNDLE_SCHEMA } },
  })
  @ApiProblems(404, 406)
  async caseAccessLog(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParam()) id: string,
    @Query() q: PageQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const format = negotiate(req, res, ['application/json', FHIR_JSON] as const);
    const page = await this.caseLog.page(p, id, q);
    if (format === 'application/json') return { caseId: id, items: page.entries.map(inPlainTerms), nextCursor: page.nextCursor };
    const base = `${req.protocol}://${req.get('host')}`;
    const url = (cursor?: string) => `${base}/cases/${id}/access-log${cursor || q.limit ? `?${new URLSearchParams({ ...(q.limit ? { limit: String(q.limit) } : {}), ...(cursor ? { cursor } : {}) })}` : ''}`;
    res.type(FHIR_JSON);
    return auditEventBundle(page.entries, { server: { name: 'ke-ip-api', url: base }, self: url(q.cursor), next: page.nextCursor && url(page.nextCursor) });
  }

  @Post('access-log/reviews')
  @ApiOperation({ summary: "A KE leader records that a month's access-log review (K18) was done, with its findings: once per municipality and month" })
  @ApiCreatedResponse({ type: LogReviewDto })
  @ApiProblems(409)
  recordReview(@CurrentPrincipal() p: Principal, @Body() dto: RecordLogReviewDto) {
    return this.reviews.record(p, dto);
  }

  @Get('access-log/reviews')
  @ApiOperation({ summary: 'The recorded monthly reviews, newest month first (KE leaders, auditors)' })
  @ApiOkResponse({ type: LogReviewListDto })
  listReviews(@CurrentPrincipal() p: Principal, @Query() q: LogReviewQueryDto) {
    return this.reviews.list(p, q);
  }

  @Get('access-log/review-proposals')
  @ApiOperation({ summary: 'Unusual accesses of a month, proposed for the review by the rules (KE leaders, auditors)' })
  @ApiOkResponse({ type: ReviewProposalsDto })
  proposals(@CurrentPrincipal() p: Principal, @Query() q: ReviewProposalsQueryDto) {
    return this.reviews.proposals(p, q);
  }
}
