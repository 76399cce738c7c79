// What GET /cases/:id and every case command answer, as an OpenAPI schema.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CaseDeadlineDto {
  @ApiProperty({ example: 'DECISION@2026-11-20' }) key: string;
  @ApiProperty({ example: 'DECISION', description: 'A deadline kind, or (source AUTOMATIC) the event the case will raise by itself' }) kind: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-12-18' }) due: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) remindOn: string | null;
  @ApiProperty({ example: 'Decision on the requested service lines: 4 weeks from 2026-11-20' }) rule: string;
  @ApiProperty({ example: 'fvl § 11 a første ledd' }) legalBasis: string;
  @ApiProperty({ enum: ['STATUTORY', 'LOCAL', 'AUTOMATIC'], description: 'AUTOMATIC: what the case will do by itself at `firesAt` (see `effect`)' }) source: string;
  @ApiPropertyOptional({ type: String, nullable: true }) breachedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'KE_LEADER' }) escalateTo: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'AUTOMATIC only: what will happen' }) effect: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) firesAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'AUTOMATIC only: the deadline a reminder or breach belongs to' }) forDeadline: string | null;
}

export class BlockedEventDto {
  @ApiProperty({ example: 'START_EVALUATION' }) type: string;
  @ApiProperty({ example: 'NO_PLAN_TO_EVALUATE', description: 'The rule that refuses it now (the same code a refused command carries)' }) code: string;
  @ApiProperty() reason: string;
  @ApiProperty({ example: 'pbrl § 2-5; forskrift om individuell plan' }) legalBasis: string;
}

export class CaseTaskSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'REGISTER_NOTIFICATION' }) kind: string;
  @ApiProperty({ example: 'KE_CASEWORKER' }) candidateRole: string;
  @ApiPropertyOptional({ type: String, nullable: true }) assignee: string | null;
  @ApiProperty({ enum: ['OPEN', 'CLAIMED'] }) status: string;
  @ApiPropertyOptional({ type: String, nullable: true }) due: string | null;
}

export class CaseViewDto {
  @ApiProperty() caseId: string;
  @ApiProperty({ example: '4601' }) municipality: string;
  @ApiProperty({ example: 'CONSENT_PENDING', description: 'Domain status of the case (section 2.1)' }) status: string;
  @ApiProperty({ description: 'The statechart state value' }) state: object;
  @ApiProperty({ description: 'Number of accepted events' }) seq: number;
  @ApiProperty({ type: [String], description: 'Commands the case takes now (every rule about the case holds; the payload is checked when sent)' }) allowedEvents: string[];
  @ApiProperty({ type: [BlockedEventDto], description: 'Commands the state handles that a rule refuses now, each with the rule' }) blockedEvents: BlockedEventDto[];
  @ApiProperty({ type: [String], description: 'Consent scopes only one parent has given under joint parental responsibility (pbrl § 4-4)' }) consentsAwaitingSecondParent: string[];
  @ApiPropertyOptional({ description: 'Name and birth date; the identity number only for KE caseworkers and leaders' }) subject?: object;
  @ApiPropertyOptional({ nullable: true, description: 'The notification as received: notifier, needs, channel' }) notification: object | null;
  @ApiProperty({ type: [String] }) requestedLines: string[];
  @ApiProperty({ type: [Object] }) decisions: object[];
  @ApiPropertyOptional({ nullable: true }) coordinator: object | null;
  @ApiPropertyOptional({ nullable: true }) proposedCoordinator: object | null;
  @ApiProperty({ type: [Object], description: 'Consents per scope, with status' }) consents: object[];
  @ApiPropertyOptional({ nullable: true }) plan: object | null;
  @ApiPropertyOptional({ nullable: true }) appeal: object | null;
  @ApiPropertyOptional({ nullable: true }) pause: object | null;
  @ApiPropertyOptional({ type: String, nullable: true }) nextEvaluationDate: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Reason and time when closed' }) closure: object | null;
  @ApiProperty({ type: [CaseDeadlineDto] }) deadlines: CaseDeadlineDto[];
  @ApiProperty({ type: [CaseTaskSummaryDto] }) tasks: CaseTaskSummaryDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) receivedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

export class CaseListItemDto {
  @ApiProperty() caseId: string;
  @ApiProperty() municipality: string;
  @ApiProperty() status: string;
  @ApiProperty() seq: number;
  @ApiPropertyOptional({ type: String, nullable: true }) nextDue: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) receivedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) closureReason: string | null;
}

export class CaseListDto {
  @ApiProperty({ type: [CaseListItemDto] }) items: CaseListItemDto[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' }) nextCursor: string | null;
  @ApiProperty({ description: 'Cases matching the filters' }) total: number;
}

export class HistoryEntryDto {
  @ApiProperty() seq: number;
  @ApiProperty({ example: 'RECORD_DECISION' }) eventType: string;
  @ApiProperty() actorSub: string;
  @ApiProperty() actorName: string;
  @ApiProperty() actorRole: string;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt: string;
  @ApiProperty() fromStatus: string;
  @ApiProperty() toStatus: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'pbrl §§ 2-5, 2-5 b, 2-5 c, 2-7' }) legalBasis: string | null;
}
