import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsKnownMunicipality } from '../../../../../libs/municipalities/src';
import { OptionalQuery } from '../../common/params';

export class ArchiveIdsDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: "The archive's systemID" }) systemId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'journalpostnummer as the archive shows it: journalaar/journalsekvensnummer' }) journalpostnummer!: string | null;
}

export class ArchiveDocumentLinkDto {
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty({ description: 'referanseEksternNoekkel of the document (dok/<uuid>)' }) externalKey!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() mimeType!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ description: 'SHA-256, hex' }) sha256!: string;
  @ApiProperty({ description: 'GET it: the PDF/A as filed' }) href!: string;
}

export class ArchiveRecordDto {
  @ApiProperty({ format: 'uuid' }) recordId!: string;
  @ApiProperty({ description: 'Delivery order within the case' }) position!: number;
  @ApiProperty({ enum: ['ENTRY', 'AVSKRIVNING', 'CLOSE_FOLDER'] }) kind!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'An avskrivning: the incoming entry it marks as dealt with (jp/<uuid>)' }) answersKey!: string | null;
  @ApiProperty({ description: 'The transition that made the record' }) eventType!: string;
  @ApiProperty() seq!: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The record as domain § 6.3 names it' }) record!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['I', 'U', 'N', 'X'], description: 'journalposttype' }) type!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'referanseEksternNoekkel of the entry (jp/<uuid>)' }) externalKey!: string | null;
  @ApiProperty({ enum: ['PENDING', 'SENT', 'RECEIVED', 'DELIVERED', 'REFUSED'] }) state!: string;
  @ApiProperty() attempts!: number;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) lastAttemptAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: "The archive's (or the transport's) last error" }) lastError!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) deliveredAt!: string | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'The archive had it already (Eksisterende)' }) existed!: boolean | null;
  @ApiProperty({ type: ArchiveIdsDto }) archiveIds!: ArchiveIdsDto;
  @ApiPropertyOptional({ type: ArchiveDocumentLinkDto, nullable: true }) document!: ArchiveDocumentLinkDto | null;
}

export class ArchiveFolderDto {
  @ApiProperty({ description: 'referanseEksternNoekkel of the case folder (sak/<uuid>)' }) externalKey!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) systemId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'saksnummer: saksaar/sakssekvensnummer' }) saksnummer!: string | null;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time', description: 'When the archive confirmed the folder closed' }) closedAt!: string | null;
}

export class CaseArchiveDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiPropertyOptional({ type: ArchiveFolderDto, nullable: true, description: 'Null until the case files its first record' }) folder!: ArchiveFolderDto | null;
  @ApiProperty({ type: [ArchiveRecordDto] }) records!: ArchiveRecordDto[];
}

export class ArchiveIncidentDto {
  @ApiProperty({ format: 'uuid' }) incidentId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) recordId!: string;
  @ApiProperty() municipality!: string;
  @ApiProperty({ format: 'uuid', description: 'klientMeldingId of the refused message' }) messageId!: string;
  @ApiProperty({ description: "The archive's reply type (ugyldigforespoersel …), LOCAL_SCHEMA_CHECK, or UNDELIVERABLE after every attempt" }) replyType!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) errorId!: string | null;
  @ApiProperty({ description: "The archive's error text" }) errorText!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ enum: ['OPEN', 'RETRIED'] }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) retriedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) retriedBy!: string | null;
}

export class ArchiveIncidentListDto {
  @ApiProperty({ type: [ArchiveIncidentDto] }) items!: ArchiveIncidentDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ArchiveIncidentQueryDto {
  @ApiPropertyOptional({ enum: ['OPEN', 'RETRIED'], default: 'OPEN' }) @OptionalQuery() @IsIn(['OPEN', 'RETRIED']) status?: 'OPEN' | 'RETRIED';
  @ApiPropertyOptional({ pattern: '^\\d{4}$' }) @OptionalQuery() @IsKnownMunicipality() municipality?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalQuery() @IsUUID() caseId?: string;
  @ApiPropertyOptional() @OptionalQuery() @IsString() @MaxLength(400) cursor?: string;
  @ApiPropertyOptional({ default: 100 }) @OptionalQuery() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}
