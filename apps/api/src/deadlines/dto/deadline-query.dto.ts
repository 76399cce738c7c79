import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsKnownMunicipality } from '../../../../../libs/municipalities/src';
import { OptionalQuery } from '../../common/params';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { DEADLINE_KINDS } from '../../../../../libs/case-machine/src/ip-case.meta';
import { TIMER_EVENTS } from '../../../../../libs/case-machine/src/ip-case.events';

/** Deadline kinds, and the automatic transitions the case has scheduled (shown as deadlines with source AUTOMATIC). */
const KINDS = [...DEADLINE_KINDS, ...TIMER_EVENTS];

const bool = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

export class DeadlineQueryDto {
  @ApiPropertyOptional() @OptionalQuery() @IsKnownMunicipality() municipality?: string;
  @ApiPropertyOptional({ enum: KINDS, description: 'A deadline kind, or an automatic transition (TURNS_16, TURNS_18, DEADLINE_REMINDER, DEADLINE_BREACHED)' })
  @OptionalQuery() @IsIn(KINDS) kind?: string;
  @ApiPropertyOptional({ description: 'true: only what the case will do by itself (source AUTOMATIC); false: only deadlines people must meet' })
  @OptionalQuery() @bool() @IsBoolean() automatic?: boolean;
  @ApiPropertyOptional({ example: '2027-01-01' }) @OptionalQuery() @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsDateString({ strict: true }, { message: 'dueFrom is not a calendar date' }) dueFrom?: string;
  @ApiPropertyOptional({ example: '2027-01-31' }) @OptionalQuery() @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsDateString({ strict: true }, { message: 'dueTo is not a calendar date' }) dueTo?: string;
  @ApiPropertyOptional() @OptionalQuery() @bool() @IsBoolean() overdue?: boolean;
  @ApiPropertyOptional({ description: 'Breached and escalated to the KE leader' }) @OptionalQuery() @bool() @IsBoolean() escalated?: boolean;
  @ApiPropertyOptional() @OptionalQuery() @IsString() cursor?: string;
  @ApiPropertyOptional({ default: 100 }) @OptionalQuery() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

