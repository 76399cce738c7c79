// POST /cases: a notification of need (melding om behov), domain § 7.2.
import { LIMITS } from '../../../../../libs/persistence/src/limits';
import { someNationalId } from '../../../../../libs/identity/src/national-id';

/** The document's example is a synthetic test number, never one that could be a person's. */
const SYNTHETIC_EXAMPLE = someNationalId('1990-06-15');
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested,
} from 'class-validator';
import { IsKnownMunicipality } from '../../../../../libs/municipalities/src';
import { CHANNELS, NOTIFIER_TYPES, SERVICE_LINES, SUBJECT_AWARENESS } from '../../../../../libs/case-machine/src/ip-case.types';
import { IsNationalId, IsNotFuture, IsOrganisationNumber, IsWithinDateRange } from './validators';

export class SubjectDto {
  @ApiProperty({
    description: "Fødselsnummer or D-number (11 digits, both check digits). Skatteetaten's synthetic test numbers (Tenor, month + 80) only where SYNTHETIC_NATIONAL_IDS allows them.",
    example: SYNTHETIC_EXAMPLE,
    pattern: '^\\d{11}$',
  })
  @IsNationalId()
  nationalId: string;

  @ApiProperty({ example: 'Kari Nordmann' }) @IsString() @IsNotEmpty() @MaxLength(LIMITS.name)
  name: string;
}

export class NotifierDto {
  @ApiProperty({ enum: NOTIFIER_TYPES }) @IsIn(NOTIFIER_TYPES)
  type: (typeof NOTIFIER_TYPES)[number];

  @ApiProperty({ description: 'Person or organisation that notified', example: 'Fastlege Per Hansen' }) @IsString() @IsNotEmpty() @MaxLength(LIMITS.name)
  name: string;

  @ApiProperty({ description: "Notifier's relation to the person", example: 'fastlege' }) @IsString() @IsNotEmpty() @MaxLength(LIMITS.name)
  relation: string;

  @ApiPropertyOptional({ description: 'Organisation number when the notifier is an organisation', pattern: '^\\d{9}$' })
  @IsOptional() @IsOrganisationNumber()
  organisationNumber?: string;
}

export class RegisterNotificationDto {
  @ApiProperty({
    description: "Kommunenummer (4 digits) in SSB's municipality register (classification 131, the version in force)",
    example: '4601',
    pattern: '^\\d{4}$',
  })
  @IsKnownMunicipality()
  municipality: string;

  @ApiProperty({ type: SubjectDto }) @ValidateNested() @Type(() => SubjectDto)
  subject: SubjectDto;

  @ApiProperty({ type: NotifierDto }) @ValidateNested() @Type(() => NotifierDto)
  notifier: NotifierDto;

  @ApiProperty({ enum: SERVICE_LINES, isArray: true, minItems: 1, uniqueItems: true }) @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(SERVICE_LINES, { each: true })
  requestedLines: (typeof SERVICE_LINES)[number][];

  @ApiProperty({ description: 'Short description of needs' }) @IsString() @IsNotEmpty() @MaxLength(LIMITS.text)
  needsDescription: string;

  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS)
  channel: (typeof CHANNELS)[number];

  @ApiProperty({ enum: SUBJECT_AWARENESS }) @IsIn(SUBJECT_AWARENESS)
  subjectAware: (typeof SUBJECT_AWARENESS)[number];

  @ApiProperty({ description: 'When the notification reached the municipality (starts the deadline clocks); not in the future', format: 'date-time' })
  @IsISO8601({ strict: true }) @IsWithinDateRange() @IsNotFuture()
  receivedAt: string;

  @ApiPropertyOptional({ description: 'Who recorded an oral notification (required for PHONE and MEETING)' })
  @ValidateIf((o: RegisterNotificationDto) => o.channel === 'PHONE' || o.channel === 'MEETING') @IsString() @IsNotEmpty() @MaxLength(LIMITS.name)
  recordedBy?: string;

  @ApiPropertyOptional({ description: 'Barnekoordinator for an expected child' }) @IsOptional() @IsBoolean()
  expectedChild?: boolean;
}
