import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DeadlineViewDto {
  @ApiProperty() caseId: string;
  @ApiProperty() key: string;
  @ApiProperty() kind: string;
  @ApiProperty() municipality: string;
  @ApiProperty({ enum: ['STATUTORY', 'LOCAL'] }) source: string;
  @ApiProperty() rule: string;
  @ApiProperty() legalBasis: string;
  @ApiProperty({ type: String, format: 'date' }) startedOn: string;
  @ApiProperty() due: string;
  @ApiProperty({ type: String, format: 'date' }) remindOn: string;
  @ApiPropertyOptional({ type: String, nullable: true }) remindedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) breachedAt: string | null;
  @ApiProperty() escalateTo: string;
  @ApiPropertyOptional({ type: String, nullable: true }) escalationAcknowledgedAt: string | null;
  @ApiProperty() caseStatus: string;
}

export class DeadlineListDto {
  @ApiProperty({ type: [DeadlineViewDto] }) items: DeadlineViewDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}
