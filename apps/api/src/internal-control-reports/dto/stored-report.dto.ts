import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsKnownMunicipality } from '../../../../../libs/municipalities/src';
import { OptionalQuery } from '../../common/params';
import { InternalControlReportDto } from '../../internal-control/dto/report.dto';

export class StoredReportQueryDto {
  @ApiProperty({ pattern: '^\\d{4}$', example: '4601' }) @IsKnownMunicipality() municipality: string;
  @ApiPropertyOptional() @OptionalQuery() @IsString() @MaxLength(400) cursor?: string;
  @ApiPropertyOptional({ default: 24 }) @OptionalQuery() @Type(() => Number) @IsInt() @Min(1) @Max(120) limit?: number;
}

export class StoredReportSummaryDto {
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({ example: '4601' }) municipality: string;
  @ApiProperty({ type: String, format: 'date', example: '2027-01-01', description: 'First day of the month reported' }) from: string;
  @ApiProperty({ type: String, format: 'date', example: '2027-01-31', description: 'Last day of the month reported' }) to: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'The instant its figures are as of (the first business day after the month)' }) generatedAt: string;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: "SHA-256 of `report` in canonical JSON (RFC 8785); the audit trail records the same" }) sha256: string;
  @ApiProperty({ example: 'internal-control-report-4601-2027-02-01T00:00:00Z/0c5b…', description: 'The workflow run that stored it' }) createdByRun: string;
}

export class StoredReportListDto {
  @ApiProperty({ type: [StoredReportSummaryDto] }) items: StoredReportSummaryDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}

export class StoredReportDto extends StoredReportSummaryDto {
  @ApiProperty({ type: InternalControlReportDto, description: 'The report as stored: what GET /internal-control/report answered for the month then' })
  report: InternalControlReportDto;
}
