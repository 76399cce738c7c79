import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsKnownMunicipality } from '../../../../../libs/municipalities/src';
import { OptionalQuery } from '../../common/params';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { LIMITS } from '../../../../../libs/persistence/src/limits';

const bool = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
// A calendar day: `2026-02-30` matches the pattern but is none (PostgreSQL would refuse it: a 500).
const date = () =>
  applyDecorators(Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' }), IsDateString({ strict: true }, { message: ({ property }) => `${property} is not a calendar date` }));

/** GET /tasks: the inbox. */
export class TaskQueryDto {
  @ApiPropertyOptional({ description: 'Only tasks assigned to me' }) @OptionalQuery() @bool() @IsBoolean() mine?: boolean;
  @ApiPropertyOptional({ description: "Only my role's tasks that nobody holds" }) @OptionalQuery() @bool() @IsBoolean() unassigned?: boolean;
  @ApiPropertyOptional() @OptionalQuery() @IsKnownMunicipality() municipality?: string;
  @ApiPropertyOptional() @OptionalQuery() @IsString() kind?: string;
  @ApiPropertyOptional() @OptionalQuery() @IsUUID() caseId?: string;
  @ApiPropertyOptional({ example: '2027-01-31' }) @OptionalQuery() @date() dueBefore?: string;
  @ApiPropertyOptional({ example: '2027-01-01' }) @OptionalQuery() @date() dueAfter?: string;
  @ApiPropertyOptional({ description: 'Due date before today (Europe/Oslo)' }) @OptionalQuery() @bool() @IsBoolean() overdue?: boolean;
  @ApiPropertyOptional({ enum: ['OPEN', 'CLAIMED', 'COMPLETED', 'CANCELLED', 'ACTIVE'], description: 'ACTIVE (default) = OPEN or CLAIMED' })
  @OptionalQuery() @IsIn(['OPEN', 'CLAIMED', 'COMPLETED', 'CANCELLED', 'ACTIVE']) status?: string;
  @ApiPropertyOptional({ enum: ['due', 'priority'] }) @OptionalQuery() @IsIn(['due', 'priority']) sort?: 'due' | 'priority';
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' }) @OptionalQuery() @IsString() cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @OptionalQuery() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class AssignTaskDto {
  @ApiProperty({ description: "The person's id (token subject) who gets the task", minLength: 1, pattern: '\\S' })
  @IsString() @Matches(/\S/, { message: 'assignee must name a person' }) @MaxLength(LIMITS.personRef)
  assignee: string;
}
