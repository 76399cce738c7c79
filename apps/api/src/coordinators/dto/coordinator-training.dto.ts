// The coordinators' training register (hol § 7-3): what a KE leader records, and what the register answers.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsKnownMunicipality } from '../../../../../libs/municipalities/src';
import { LIMITS } from '../../../../../libs/persistence/src/limits';
import { CivilDateField, IsNotFuture, Text } from '../../cases/dto/validators';
import { OptionalQuery } from '../../common/params';

export class RecordTrainingDto {
  @ApiProperty({ example: '4601', pattern: '^\\d{4}$', description: 'The municipality whose KE trained the coordinator (in your token)' })
  @IsKnownMunicipality() municipality: string;
  @ApiProperty({ example: 'KE-opplæring for koordinatorer' }) @Text(LIMITS.course) course: string;
  @ApiProperty({ example: '2026-10-15', description: 'The day the course was completed; not in the future' }) @CivilDateField() @IsNotFuture() completedOn: string;
}

export class CoordinatorTrainingDto {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ example: '4601' }) municipality: string;
  @ApiProperty({ example: 'emp-17', description: "The coordinator's id in the municipality's IAM (as a case's coordinator.employeeId)" }) employeeId: string;
  @ApiProperty({ example: 'KE-opplæring for koordinatorer' }) course: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-10-15' }) completedOn: string;
  @ApiProperty({ description: 'The KE leader who recorded it (token subject)' }) recordedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) recordedAt: string;
}

export class CoordinatorTrainingListDto {
  @ApiProperty({ type: [CoordinatorTrainingDto] }) items: CoordinatorTrainingDto[];
}

export class CoordinatorTrainingPageDto extends CoordinatorTrainingListDto {
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' }) nextCursor: string | null;
}

export class TrainingRegisterQueryDto {
  @ApiPropertyOptional({ pattern: '^\\d{4}$', description: 'One of your municipalities (default: all of them)' }) @OptionalQuery() @IsKnownMunicipality() municipality?: string;
  @ApiPropertyOptional() @OptionalQuery() @IsString() @MaxLength(400) cursor?: string;
  @ApiPropertyOptional({ default: 100 }) @OptionalQuery() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}
