import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { DEADLINE_KINDS } from '../../../../../libs/case-machine/src/ip-case.meta';

const bool = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

export class DeadlineQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{4}$/, { message: 'municipality must be a 4-digit kommunenummer' }) municipality?: string;
  @ApiPropertyOptional({ enum: DEADLINE_KINDS }) @IsOptional() @IsIn(DEADLINE_KINDS) kind?: string;
  @ApiPropertyOptional({ example: '2027-01-01' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) dueFrom?: string;
  @ApiPropertyOptional({ example: '2027-01-31' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) dueTo?: string;
  @ApiPropertyOptional() @IsOptional() @bool() @IsBoolean() overdue?: boolean;
  @ApiPropertyOptional({ description: 'Breached and escalated to the KE leader' }) @IsOptional() @bool() @IsBoolean() escalated?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

