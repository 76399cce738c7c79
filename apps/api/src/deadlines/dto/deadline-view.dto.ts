// What GET /deadlines answers: open deadlines across cases, the people's (STATUTORY, LOCAL) and what the cases will do
// by themselves (AUTOMATIC: reminders, breaches, birthdays, with `effect` and `firesAt`).
import { ApiProperty } from '@nestjs/swagger';

const DATE = { type: String, format: 'date' } as const;
const INSTANT = { type: String, format: 'date-time' } as const;

export class DeadlineViewDto {
  @ApiProperty({ type: String, format: 'uuid' }) caseId: string;
  @ApiProperty({ example: 'DECISION@2026-11-20' }) key: string;
  @ApiProperty({ example: 'DECISION', description: 'A deadline kind, or (source AUTOMATIC) the event the case will raise by itself' }) kind: string;
  @ApiProperty({ example: '4601' }) municipality: string;
  @ApiProperty({ enum: ['STATUTORY', 'LOCAL', 'AUTOMATIC'] }) source: string;
  @ApiProperty() rule: string;
  @ApiProperty() legalBasis: string;
  @ApiProperty(DATE) startedOn: string;
  @ApiProperty(DATE) due: string;
  @ApiProperty({ ...DATE, nullable: true, description: 'null for AUTOMATIC' }) remindOn: string | null;
  @ApiProperty({ ...INSTANT, nullable: true }) remindedAt: string | null;
  @ApiProperty({ ...INSTANT, nullable: true }) breachedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'KE_LEADER', description: 'null for AUTOMATIC' }) escalateTo: string | null;
  @ApiProperty({ ...INSTANT, nullable: true }) escalationAcknowledgedAt: string | null;
  @ApiProperty() caseStatus: string;
  @ApiProperty({ type: String, nullable: true, description: 'AUTOMATIC only: what will happen' }) effect: string | null;
  @ApiProperty({ ...INSTANT, nullable: true, description: 'AUTOMATIC only: when' }) firesAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'AUTOMATIC only: the deadline a reminder or breach belongs to' }) forDeadline: string | null;
}

export class DeadlineListDto {
  @ApiProperty({ type: [DeadlineViewDto] }) items: DeadlineViewDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' }) nextCursor: string | null;
}
