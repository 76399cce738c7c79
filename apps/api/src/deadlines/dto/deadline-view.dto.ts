import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DeadlineViewDto {
  @ApiProperty() caseId: string;
  @ApiProperty() key: string;
  @ApiProperty() kind: string;
  @ApiProperty() municipality: string;
  @ApiProperty({ enum: ['STATUTORY', 'LOCAL'] }) source: string;
  @ApiProperty() rule: string;
  @ApiProperty() legalBasis: string;
  @ApiProperty() startedOn: string;
  @ApiProperty() due: string;
  @ApiProperty() remindOn: string;
  @ApiPropertyOptional({ nullable: true }) remindedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) breachedAt: string | null;
  @ApiProperty() escalateTo: string;
  @ApiPropertyOptional({ nullable: true }) escalationAcknowledgedAt: string | null;
  @ApiProperty() caseStatus: string;
}

export class DeadlineListDto {
  @ApiProperty({ type: [DeadlineViewDto] }) items: DeadlineViewDto[];
  @ApiPropertyOptional({ nullable: true }) nextCursor: string | null;
}
