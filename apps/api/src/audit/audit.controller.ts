import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditEntryToFhir, FHIR_JSON, fhirBundle } from '../../../../libs/audit/src';
import type { Principal } from '../../../../libs/auth/src';
import { CurrentPrincipal } from '../auth/auth.guard';
import { negotiate } from '../common/content-negotiation';
import { UuidParam } from '../common/params';
import { ApiProblems } from '../problem/problem.dto';
import { AuditPage, AuditService } from './audit.service';
import {
  AuditListDto, AuditQueryDto, CasePageQueryDto, CheckpointListDto, CheckpointQueryDto, CheckpointRunDto, VerificationDto, VerifyQueryDto,
} from './dto/audit.dto';

const FORMATS = ['application/json', FHIR_JSON] as const;

/** A page as asked: JSON, or a FHIR Bundle of AuditEvents (`Accept: application/fhir+json`) with its next page's link. */
function asAccepted(page: AuditPage, as: (typeof FORMATS)[number], req: Request, res: Response) {
  if (as !== FHIR_JSON) return page;
  res.type(FHIR_JSON);
  let next: string | null = null;
  if (page.nextCursor) {
    const url = new URL(req.originalUrl, 'http://host');
    url.searchParams.set('cursor', page.nextCursor);
    next = `${url.pathname}${url.search}`;
  }
  return fhirBundle(page.items.map(auditEntryToFhir), next);
}

const FHIR_NOTE = 'With `Accept: application/fhir+json`: a FHIR R4 Bundle (searchset) of AuditEvent resources (IHE BALP Create/Update).';

@ApiTags('audit')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 422)
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('cases/:id/audit')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('application/json', FHIR_JSON)
  @ApiOkResponse({ type: AuditListDto })
  @ApiProblems(404, 406)
  @ApiOperation({ summary: "The case's audit trail, newest first", description: FHIR_NOTE })
  async caseTrail(
    @CurrentPrincipal() p: Principal, @Param('id', UuidParam()) id: string, @Query() q: CasePageQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response,
  ) {
    const as = negotiate(req, res, FORMATS);
    return asAccepted(await this.audit.caseTrail(p, id, q, as), as, req, res);
  }

  @Get('audit')
  @ApiProduces('application/json', FHIR_JSON)
  @ApiOkResponse({ type: AuditListDto })
  @ApiProblems(406)
  @ApiOperation({ summary: 'The audit trail across cases, newest first (by actor, municipality, event, period)', description: FHIR_NOTE })
  async list(@CurrentPrincipal() p: Principal, @Query() q: AuditQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const as = negotiate(req, res, FORMATS);
    return asAccepted(await this.audit.list(p, q, as), as, req, res);
  }

  @Get('audit/verify')
  @ApiOkResponse({ type: VerificationDto })
  @ApiOperation({ summary: "Checks a municipality's chain (or the entries of a period) and every signed checkpoint of it" })
  verify(@CurrentPrincipal() p: Principal, @Query() q: VerifyQueryDto) {
    return this.audit.verify(p, q);
  }

  @Get('audit/checkpoints')
  @ApiOkResponse({ type: CheckpointListDto })
  @ApiOperation({ summary: 'The signed checkpoints (from Temporal, outside the database), oldest first' })
  checkpoints(@CurrentPrincipal() p: Principal, @Query() q: CheckpointQueryDto) {
    return this.audit.listCheckpoints(p, q);
  }

  @Post('audit/checkpoints')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CheckpointRunDto })
  @ApiProblems(503)
  @ApiOperation({ summary: "Signs every chain's head now (system role only; the schedule does it periodically)" })
  signCheckpoints(@CurrentPrincipal() p: Principal) {
    return this.audit.signCheckpoints(p);
  }
}
