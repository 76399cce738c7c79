import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class TaskViewDto {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty() municipality: string;
  @ApiProperty({ example: 'DECIDE' }) kind: string;
  @ApiProperty({ example: 'KE_CASEWORKER' }) candidateRole: string;
  @ApiPropertyOptional({ type: String, nullable: true }) assignee: string | null;
  @ApiProperty({ enum: ['OPEN', 'CLAIMED', 'COMPLETED', 'CANCELLED'] }) status: string;
  @ApiProperty({ description: '1 escalated, 2 statutory deadline, 3 normal' }) priority: number;
  @ApiPropertyOptional({ type: String, nullable: true }) due: string | null;
  @ApiProperty() overdue: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) deadlineKey: string | null;
  @ApiProperty({ example: 'RECORD_DECISION', description: 'The command that completes the task' }) completes: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) closedAt: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Who completed or closed it' }) closedBy: object | null;
  @ApiPropertyOptional({ type: String, nullable: true }) closeReason: string | null;
  @ApiProperty({ description: 'Version for If-Match' }) version: number;
  @ApiProperty() caseStatus: string;
}

export class TaskInputDto {
  @ApiProperty({ example: 'RECORD_DECISION' }) command: string;
  @ApiProperty({ description: 'JSON schema of the completion payload' }) schema: object;
}

export class TaskDetailDto extends TaskViewDto {
  @ApiProperty({ type: TaskInputDto }) input: TaskInputDto;
}

export class TaskCountsDto {
  @ApiProperty() total: number;
  @ApiProperty() mine: number;
  @ApiProperty() myRoleUnassigned: number;
  @ApiProperty() overdue: number;
  @ApiProperty() escalated: number;
}

export class TaskListDto {
  @ApiProperty({ type: [TaskViewDto] }) items: TaskViewDto[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as cursor for the next page' }) nextCursor: string | null;
  @ApiProperty({ type: TaskCountsDto }) counts: TaskCountsDto;
}
