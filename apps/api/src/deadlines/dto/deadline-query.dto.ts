import { ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalQuery } from '../../common/params';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { DEADLINE_KINDS } from '../../../../../libs/case-machine/src/ip-case.meta';

const bool = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

export class DeadlineQueryDto {
  @ApiPropertyOptional() @OptionalQuery() @Matches(/^\d{4}$/, { message: 'municipality must be a 4-digit kommunenummer' }) municipality?: string;
  @ApiPropertyOptional({ enum: DEADLINE_KINDS }) @OptionalQuery() @IsIn(DEADLINE_KINDS) kind?: string;
  @ApiPropertyOptional({ example: '2027-01-01' }) @OptionalQuery() @Matches(/^\d{4}-\d{2}-\d{2}$/) dueFrom?: string;
  @ApiPropertyOptional({ example: '2027-01-31' }) @OptionalQuery() @Matches(/^\d{4}-\d{2}-\d{2}$/) dueTo?: string;
  @ApiPropertyOptional() @OptionalQuery() @bool() @IsBoolean() overdue?: boolean;
  @ApiPropertyOptional({ description: 'Breached and escalated to the KE leader' }) @OptionalQuery() @bool() @IsBoolean() escalated?: boolean;
  @ApiPropertyOptional() @OptionalQuery() @IsString() cursor?: string;
  @ApiPropertyOptional({ default: 100 }) @OptionalQuery() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

