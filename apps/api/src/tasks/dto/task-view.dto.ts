// What the task endpoints answer. Every property the API sends is here (the document closes these schemas).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const INSTANT = { type: String, format: 'date-time' } as const;

export class TaskClosedByDto {
  @ApiProperty() sub: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

export class TaskViewDto {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) caseId: string;
  @ApiProperty({ example: '4601' }) municipality: string;
  @ApiProperty({ example: 'DECIDE' }) kind: string;
  @ApiProperty({ example: 'KE_CASEWORKER' }) candidateRole: string;
  @ApiProperty({ type: String, nullable: true }) assignee: string | null;
  @ApiProperty({ enum: ['OPEN', 'CLAIMED', 'COMPLETED', 'CANCELLED'] }) status: string;
  @ApiProperty({ type: 'integer', enum: [1, 2, 3], description: '1 escalated, 2 statutory deadline, 3 normal' }) priority: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) due: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: String, nullable: true }) deadlineKey: string | null;
  @ApiProperty({ example: 'RECORD_DECISION', description: 'The command that completes the task' }) completes: string;
  @ApiProperty({ type: [String], description: 'Every command that completes it (accept or decline: two)', example: ['COORDINATOR_ACCEPTED', 'COORDINATOR_DECLINED'] }) commands: string[];
  @ApiProperty(INSTANT) createdAt: string;
  @ApiProperty({ ...INSTANT, nullable: true }) closedAt: string | null;
  @ApiProperty({ type: TaskClosedByDto, nullable: true, description: 'Who completed or closed it' }) closedBy: TaskClosedByDto | null;
  @ApiProperty({ type: String, nullable: true }) closeReason: string | null;
  @ApiProperty({ type: 'integer', description: 'Version for If-Match (the ETag)' }) version: number;
  @ApiProperty({ type: String, nullable: true, description: 'null only when completing the task took away your access to its case (then `visible: false`)' }) caseStatus: string | null;
  @ApiPropertyOptional({ type: Boolean, description: 'POST /tasks/:id/complete only: false when completing took away your access to the case' }) visible?: boolean;
}

export class TaskInputDto {
  @ApiProperty({ example: 'RECORD_DECISION' }) command: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'JSON schema of the completion payload' }) schema: object;
}

export class TaskDetailDto extends TaskViewDto {
  @ApiProperty({ type: TaskInputDto, description: 'The command the task is completed by' }) input: TaskInputDto;
  @ApiProperty({ type: [TaskInputDto], description: 'Every command the task offers (accept and decline), each with its schema' }) inputs: TaskInputDto[];
}

export class TaskCountsDto {
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) mine: number;
  @ApiProperty({ type: 'integer' }) myRoleUnassigned: number;
  @ApiProperty({ type: 'integer' }) overdue: number;
  @ApiProperty({ type: 'integer' }) escalated: number;
}

export class TaskListDto {
  @ApiProperty({ type: [TaskViewDto] }) items: TaskViewDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' }) nextCursor: string | null;
  @ApiProperty({ type: TaskCountsDto }) counts: TaskCountsDto;
}
