import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsKnownMunicipality } from '../../../../../libs/municipalities/src';
import { LIMITS } from '../../../../../libs/persistence/src/limits';
import { OptionalQuery } from '../../common/params';

export class IncidentQueryDto {
  @ApiPropertyOptional({ enum: ['OPEN', 'RESOLVED'], default: 'OPEN' }) @OptionalQuery() @IsIn(['OPEN', 'RESOLVED']) status?: 'OPEN' | 'RESOLVED';
  @ApiPropertyOptional({ pattern: '^\\d{4}$' }) @OptionalQuery() @IsKnownMunicipality() municipality?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalQuery() @IsUUID() caseId?: string;
  @ApiPropertyOptional() @OptionalQuery() @IsString() @MaxLength(400) cursor?: string;
  @ApiPropertyOptional({ default: 100 }) @OptionalQuery() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class ResolveIncidentDto {
  @ApiProperty({ description: 'What was done about it (e.g. the value shortened and the command sent again)' })
  @IsString() @IsNotEmpty() @MaxLength(LIMITS.text) resolution: string;
}

export class IncidentDto {
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ example: '4601' }) municipality: string;
  @ApiProperty({ example: 'PROPOSE_COORDINATOR', description: 'The command that could not be recorded (its values are not kept)' }) eventType: string;
  @ApiProperty() actorSub: string;
  @ApiProperty() actorRole: string;
  @ApiProperty({ example: '22001', description: 'PostgreSQL SQLSTATE (class 22: data, 23: integrity)' }) sqlState: string;
  @ApiPropertyOptional({ type: String, nullable: true }) constraintName: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) openedAt: string;
  @ApiProperty({ enum: ['OPEN', 'RESOLVED'] }) status: string;
  @ApiPropertyOptional({ type: String, nullable: true }) resolvedBy: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) resolvedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) resolution: string | null;
}

export class IncidentListDto {
  @ApiProperty({ type: [IncidentDto] }) items: IncidentDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}
