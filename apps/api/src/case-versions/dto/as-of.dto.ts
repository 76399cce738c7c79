// GET /cases/:id/as-of: the instant asked about, and the case as it was then, as OpenAPI schemas.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, Matches } from 'class-validator';
import { CONSENT_CAPACITIES, CONSENT_FORMS, CONSENT_SCOPES } from '../../../../../libs/case-machine/src/ip-case.types';
import { CaseDeadlineDto, CoordinatorViewDto } from '../../cases/dto/case-view.dto';
import { IsNotFuture, IsWithinDateRange } from '../../cases/dto/validators';

const INSTANT = { type: String, format: 'date-time' } as const;
/** A time and an offset: a date alone ("3 March") names no instant (its start or its end, in which zone?). */
const WITH_TIME_AND_OFFSET = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;

export class AsOfQueryDto {
  @ApiProperty({
    ...INSTANT,
    example: '2026-03-03T15:00:00+01:00',
    description: 'An ISO 8601 instant with a time and an offset (Z or ±hh:mm; write + as %2B in a query), not in the future',
  })
  @Matches(WITH_TIME_AND_OFFSET, { message: 'at must be an ISO 8601 instant with a time and an offset (Z or ±hh:mm; write + as %2B in a query)' })
  @IsISO8601({ strict: true }, { message: 'at must be a valid ISO 8601 instant' })
  @IsWithinDateRange()
  @IsNotFuture()
  at: string;
}

export class AsOfTaskDto {
  @ApiProperty({ example: 'REGISTER_NOTIFICATION' }) key: string;
  @ApiProperty({ example: 'REGISTER_NOTIFICATION' }) kind: string;
  @ApiProperty({ example: 'KE_CASEWORKER' }) candidateRole: string;
  @ApiProperty({ type: String, nullable: true }) assignee: string | null;
  @ApiProperty({ enum: ['OPEN', 'CLAIMED'] }) status: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) due: string | null;
}

/** A consent in force then: what it covers and how it was given, not who gave it (a name). */
export class AsOfConsentDto {
  @ApiProperty({ enum: CONSENT_SCOPES }) scope: string;
  @ApiPropertyOptional({ description: 'The party of SHARE_WITH, OBTAIN_FROM and PARTICIPANT' }) party?: string;
  @ApiProperty({ enum: CONSENT_CAPACITIES }) capacity: string;
  @ApiProperty({ enum: CONSENT_FORMS }) form: string;
  @ApiProperty(INSTANT) validFrom: string;
}

export class AsOfPlanDto {
  @ApiProperty({ description: 'Approved versions so far' }) version: number;
  @ApiProperty(INSTANT) approvedAt: string;
  @ApiProperty({ type: String, format: 'date' }) revisionDate: string;
}

export class CaseAsOfDto {
  @ApiProperty({ type: String, format: 'uuid' }) caseId: string;
  @ApiProperty({ ...INSTANT, description: 'The instant asked about (as UTC)' }) at: string;
  @ApiProperty({ description: 'The seq of the last transition at or before `at`: the case as it was after it' }) asOfSeq: number;
  @ApiProperty({ ...INSTANT, description: 'When that transition happened' }) recordedAt: string;
  @ApiProperty({ example: 'RECORD_DECISION', description: 'The event of that transition' }) eventType: string;
  @ApiProperty({ example: 'CONSENT_PENDING' }) status: string;
  @ApiProperty({ description: 'The statechart state value then', oneOf: [{ type: 'string' }, { type: 'object' }], example: { open: 'consentPending' } })
  state: string | object;
  @ApiProperty({ type: [AsOfTaskDto], description: 'The tasks open then' }) tasks: AsOfTaskDto[];
  @ApiProperty({ type: [CaseDeadlineDto], description: 'The deadlines people had to meet then' }) deadlines: CaseDeadlineDto[];
  @ApiProperty({ type: [AsOfConsentDto], description: 'The consents active then' }) consents: AsOfConsentDto[];
  @ApiProperty({ type: CoordinatorViewDto, nullable: true }) coordinator: CoordinatorViewDto | null;
  @ApiProperty({ type: AsOfPlanDto, nullable: true, description: 'The approved plan then' }) plan: AsOfPlanDto | null;
}
