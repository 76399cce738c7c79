import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsKnownMunicipality } from '../../../../../libs/municipalities/src';
import { LIMITS } from '../../../../../libs/persistence/src/limits';
import { OptionalQuery } from '../../common/params';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (field: string) => [Matches(DAY, { message: `${field} must be a date YYYY-MM-DD` }), IsDateString({ strict: true }, { message: `${field} is not a calendar date` })];
const applyAll = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));

export class CasePageQueryDto {
  @ApiPropertyOptional() @OptionalQuery() @IsString() @MaxLength(400) cursor?: string;
  @ApiPropertyOptional({ default: 100 }) @OptionalQuery() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class AuditQueryDto extends CasePageQueryDto {
  @ApiPropertyOptional({ pattern: '^\\d{4}$', description: 'Kommunenummer; default: every municipality of your token' })
  @OptionalQuery() @IsKnownMunicipality() municipality?: string;
  @ApiPropertyOptional({ description: "The actor's token subject" }) @OptionalQuery() @IsString() @MaxLength(LIMITS.personRef) actor?: string;
  @ApiPropertyOptional({ example: 'CONSENT_GIVEN', description: 'The event (command, timer event or record) the entry is of' })
  @OptionalQuery() @Matches(/^[A-Z][A-Z0-9_]{1,63}$/, { message: 'event must be an event name such as CONSENT_GIVEN' }) event?: string;
  @ApiPropertyOptional({ example: '2027-01-01', description: 'First day (Europe/Oslo), inclusive' }) @OptionalQuery() @applyAll(day('from')) from?: string;
  @ApiPropertyOptional({ example: '2027-01-31', description: 'Last day (Europe/Oslo), inclusive' }) @OptionalQuery() @applyAll(day('to')) to?: string;
}

export class VerifyQueryDto {
  @ApiPropertyOptional({ pattern: '^\\d{4}$', description: 'The chain to check; required when your token names several municipalities' })
  @OptionalQuery() @IsKnownMunicipality() municipality?: string;
  @ApiPropertyOptional({ example: '2027-01-01', description: 'Check the entries from this day (Europe/Oslo); default: the whole chain' }) @OptionalQuery() @applyAll(day('from')) from?: string;
  @ApiPropertyOptional({ example: '2027-12-31', description: 'Up to this day, inclusive' }) @OptionalQuery() @applyAll(day('to')) to?: string;
}

export class CheckpointQueryDto {
  @ApiPropertyOptional({ pattern: '^\\d{4}$' }) @OptionalQuery() @IsKnownMunicipality() municipality?: string;
}

class AuditActorDto {
  @ApiProperty() sub: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'KE_CASEWORKER' }) role: string;
  @ApiProperty({ type: [String], example: ['4601'] }) municipalities: string[];
}

export class AuditEntryDto {
  @ApiProperty({ enum: ['CASE_EVENT', 'REPORT'] }) kind: string;
  @ApiProperty({ example: '4601' }) municipality: string;
  @ApiProperty({ description: "Position in the municipality's chain (1, 2, …)" }) position: number;
  @ApiProperty({ description: 'SHA-256 of the entry before it (64 zeros for the first)' }) prevHash: string;
  @ApiProperty({ description: 'SHA-256 of this entry (canonical JSON of its fields, its position and prevHash)' }) hash: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) caseId: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: "The case's event sequence number" }) seq: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty({ type: AuditActorDto }) actor: AuditActorDto;
  @ApiProperty({ example: 'CONSENT_GIVEN' }) event: string;
  @ApiProperty({ description: "SHA-256 of the command's payload in canonical JSON (RFC 8785); the payload itself is not in the trail" }) payloadDigest: string;
  @ApiPropertyOptional({ type: String, nullable: true }) fromStatus: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) toStatus: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) legalBasis: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) requestId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) purpose: string | null;
}

export class AuditListDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}

class BrokenDto {
  @ApiProperty() position: number;
  @ApiProperty({ example: 'its content does not match its hash (changed)' }) reason: string;
}

class CheckpointHeadDto {
  @ApiProperty({ example: '4601' }) municipality: string;
  @ApiProperty() position: number;
  @ApiProperty() hash: string;
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
}

class CheckpointSummaryDto {
  @ApiProperty({ description: 'Whether this API has the public keys to check signed checkpoints' }) configured: boolean;
  @ApiProperty({ description: 'Signed checkpoints of this chain that the entries were checked against' }) checked: number;
  @ApiPropertyOptional({ type: CheckpointHeadDto, nullable: true }) latest: CheckpointHeadDto | null;
}

export class VerificationDto {
  @ApiProperty() valid: boolean;
  @ApiProperty({ description: 'Entries checked' }) checked: number;
  @ApiPropertyOptional({ type: BrokenDto, nullable: true }) firstBroken: BrokenDto | null;
  @ApiProperty({ example: '4601' }) municipality: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) fromPosition: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) toPosition: number | null;
  @ApiProperty({ type: CheckpointSummaryDto }) checkpoints: CheckpointSummaryDto;
}

export class SignedCheckpointDto extends CheckpointHeadDto {
  @ApiProperty({ description: 'Key id of the signing key' }) kid: string;
  @ApiProperty({ description: 'The checkpoint as a compact JWS (EdDSA/Ed25519); its payload is the head above' }) jws: string;
}

export class CheckpointListDto {
  @ApiProperty({ type: [SignedCheckpointDto] }) items: SignedCheckpointDto[];
}

export class CheckpointRunDto {
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty({ type: [SignedCheckpointDto] }) checkpoints: SignedCheckpointDto[];
}
