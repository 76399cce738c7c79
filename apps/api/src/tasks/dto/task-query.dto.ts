import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';

const bool = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
const date = () => Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' });

/** GET /tasks: the inbox. */
export class TaskQueryDto {
  @ApiPropertyOptional({ description: 'Only tasks assigned to me' }) @IsOptional() @bool() @IsBoolean() mine?: boolean;
  @ApiPropertyOptional({ description: "Only my role's tasks that nobody holds" }) @IsOptional() @bool() @IsBoolean() unassigned?: boolean;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{4}$/, { message: 'municipality must be a 4-digit kommunenummer' }) municipality?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() kind?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional({ example: '2027-01-31' }) @IsOptional() @date() dueBefore?: string;
  @ApiPropertyOptional({ example: '2027-01-01' }) @IsOptional() @date() dueAfter?: string;
  @ApiPropertyOptional({ description: 'Due date before today (Europe/Oslo)' }) @IsOptional() @bool() @IsBoolean() overdue?: boolean;
  @ApiPropertyOptional({ enum: ['OPEN', 'CLAIMED', 'COMPLETED', 'CANCELLED', 'ACTIVE'], description: 'ACTIVE (default) = OPEN or CLAIMED' })
  @IsOptional() @IsIn(['OPEN', 'CLAIMED', 'COMPLETED', 'CANCELLED', 'ACTIVE']) status?: string;
  @ApiPropertyOptional({ enum: ['due', 'priority'] }) @IsOptional() @IsIn(['due', 'priority']) sort?: 'due' | 'priority';
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' }) @IsOptional() @IsString() cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class AssignTaskDto {
  @ApiPropertyOptional({ description: "The person's id (token subject) who gets the task" }) @IsString() @Matches(/\S/) assignee: string;
}
