import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ACCESS_BASES } from '../../../../../libs/auth/src';
import { IsKnownMunicipality } from '../../../../../libs/municipalities/src';
import { LIMITS } from '../../../../../libs/persistence/src/limits';
import { OptionalQuery } from '../../common/params';
import { REVIEW_RULES } from '../review-rules';

/** YYYY-MM, years 1900–2999 like every date the API takes. */
const MONTH = /^(19|2\d)\d{2}-(0[1-9]|1[0-2])$/;
const MONTH_MESSAGE = { message: 'month must be a month YYYY-MM (1900-01 to 2999-12)' };

export class PageQueryDto {
  @ApiPropertyOptional() @OptionalQuery() @IsString() @MaxLength(400) cursor?: string;
  @ApiPropertyOptional({ default: 50 }) @OptionalQuery() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class AccessorDto {
  @ApiProperty({ example: 'Kari Saksbehandler' }) name: string;
  @ApiProperty({ example: 'KE_CASEWORKER' }) role: string;
  @ApiProperty({ example: 'caseworker at the coordinating unit (koordinerende enhet)' }) roleInWords: string;
}

export class EmergencyDto {
  @ApiProperty({ type: String, nullable: true, example: 'Akutt innleggelse, trenger kontaktinformasjon til ansvarsgruppen' }) reason: string | null;
}

export class AccessLogItemDto {
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty({ type: AccessorDto }) who: AccessorDto;
  @ApiProperty({ example: 'read', description: 'read, saw in a list, registered, recorded a change to, exported, printed' }) action: string;
  @ApiProperty({ example: 'the case history' }) what: string;
  @ApiProperty({ example: 'has a task on the case', description: 'The purpose stated and the relationship that allowed it, in words' }) why: string;
  @ApiProperty({ enum: ACCESS_BASES, nullable: true, type: String }) basis: string | null;
  @ApiProperty({ type: EmergencyDto, nullable: true, description: 'An emergency access ("break the glass"), with its reason' }) emergency: EmergencyDto | null;
  @ApiProperty({ example: 'Kari Saksbehandler, caseworker at the coordinating unit (koordinerende enhet), read the case history on 4 May 2026 at 10:15 (Oslo time), because: has a task on the case.' })
  summary: string;
}

export class CaseAccessLogDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ type: [AccessLogItemDto], description: 'Newest first: every read, list that showed the case, and change' }) items: AccessLogItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class RecordLogReviewDto {
  @ApiProperty({ pattern: '^\\d{4}$', example: '4601' }) @IsKnownMunicipality() municipality: string;
  @ApiProperty({ pattern: MONTH.source, example: '2026-05', description: 'The month reviewed (Europe/Oslo); it must have ended' })
  @IsString() @Matches(MONTH, MONTH_MESSAGE) month: string;
  @ApiProperty({ description: 'What the review found and what was done', maxLength: LIMITS.text }) @IsString() @IsNotEmpty() @MaxLength(LIMITS.text) findings: string;
}

export class ReviewerDto {
  @ApiProperty() sub: string;
  @ApiProperty() name: string;
}

export class LogReviewDto {
  @ApiProperty({ format: 'uuid' }) reviewId: string;
  @ApiProperty({ example: '4601' }) municipality: string;
  @ApiProperty({ example: '2026-05' }) month: string;
  @ApiProperty({ type: ReviewerDto }) reviewedBy: ReviewerDto;
  @ApiProperty({ type: String, format: 'date-time' }) reviewedAt: string;
  @ApiProperty() findings: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'What each rule proposed when the review was recorded' })
  proposalCounts: Record<string, number>;
}

export class LogReviewListDto {
  @ApiProperty({ type: [LogReviewDto] }) items: LogReviewDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class LogReviewQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ pattern: '^\\d{4}$', description: 'Default: every municipality in your token' }) @OptionalQuery() @IsKnownMunicipality() municipality?: string;
}

export class ReviewProposalsQueryDto {
  @ApiProperty({ pattern: '^\\d{4}$', example: '4601' }) @IsKnownMunicipality() municipality: string;
  @ApiProperty({ pattern: MONTH.source, example: '2026-05' }) @IsString() @Matches(MONTH, MONTH_MESSAGE) month: string;
  @ApiPropertyOptional({ description: 'MANY_CASES_IN_A_DAY: distinct cases one person read on one day (default ACCESS_REVIEW_DAILY_CASES, 20)' })
  @OptionalQuery() @Type(() => Number) @IsInt() @Min(1) @Max(100000) threshold?: number;
  @ApiPropertyOptional({ default: 200, description: 'At most this many proposals per rule (counts are of all)' })
  @OptionalQuery() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

export class ProposedAccessorDto {
  @ApiProperty() sub: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty() role: string;
}

export class ReviewProposalDto {
  @ApiProperty({ enum: REVIEW_RULES }) rule: string;
  @ApiProperty({ description: 'Why the rule proposes it' }) reason: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When (the first read, for MANY_CASES_IN_A_DAY)' }) at: string;
  @ApiProperty({ type: ProposedAccessorDto }) who: ProposedAccessorDto;
  @ApiProperty({ type: [String], description: 'The cases' }) caseIds: string[];
  @ApiProperty({ type: [String], description: 'The access-log entries (none for MANY_CASES_IN_A_DAY, which counts a day)' }) entryIds: string[];
  @ApiProperty({ type: String, nullable: true }) resource: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The purpose logged' }) purpose: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'EMERGENCY_ACCESS: the reason given' }) emergencyReason: string | null;
}

export class RuleSummaryDto {
  @ApiProperty({ enum: REVIEW_RULES }) rule: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ description: 'More were proposed than `limit` shows' }) truncated: boolean;
}

export class ReviewProposalsDto {
  @ApiProperty({ example: '4601' }) municipality: string;
  @ApiProperty({ example: '2026-05' }) month: string;
  @ApiProperty({ type: 'integer' }) threshold: number;
  @ApiProperty({ example: '07:00–17:00 Europe/Oslo on working days' }) workingHours: string;
  @ApiProperty({ type: [RuleSummaryDto] }) rules: RuleSummaryDto[];
  @ApiProperty({ type: [ReviewProposalDto] }) items: ReviewProposalDto[];
}
