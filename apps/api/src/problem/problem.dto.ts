// The RFC 9457 (7807) body every error has, as an OpenAPI schema.
import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'subject.nationalId' }) field: string;
  @ApiProperty({ example: 'subject.nationalId is not a valid fødselsnummer or D-number: second check digit (d11) does not match' }) reason: string;
}

export class ProblemCompletedByDto {
  @ApiProperty() sub: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) at: string | null;
}

/**
 * RFC 9457 (7807) problem details: `type`, `title`, `status` always; `detail` and `instance` on every answer of this
 * API; the extension members below where they apply. Open to further extensions, as the RFC has it.
 */
export class ProblemDto {
  @ApiProperty({ example: 'https://ke-ip.example/problems/invalid-payload', description: 'A URI naming the problem, or about:blank' }) type: string;
  @ApiProperty({ example: 'Invalid payload' }) title: string;
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 422, description: 'The HTTP status of the answer' }) status: number;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ example: '/cases', description: 'The path (and query) of the request' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: '400, 422: every field and why' }) errors?: FieldErrorDto[];
  @ApiPropertyOptional({
    example: 'NO_PLAN_TO_EVALUATE',
    description: 'What went wrong, for a program: the rule that refused a case event (409), the task conflict (409), idempotency-key-reused (422), idempotency-key-in-flight (409), command-not-recorded (422), case-did-not-answer (504)',
  })
  code?: string;
  @ApiPropertyOptional({ description: '409 on a case event: the legal basis of the rule that refused it' }) legalBasis?: string;
  @ApiPropertyOptional({ description: '409 on a case event: the status of the case' }) caseStatus?: string;
  @ApiPropertyOptional({ type: [String], description: '409 on a case event: what the case can take now' }) allowedEvents?: string[];
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: '409 on a case event: what the state handles that a rule refuses now, each with its rule' }) blockedEvents?: object[];
  @ApiPropertyOptional({ type: 'integer', description: "412: the resource's version now" }) currentVersion?: number;
  @ApiPropertyOptional({ example: '"7"', description: "412: the resource's ETag now" }) currentETag?: string;
  @ApiPropertyOptional({ type: ProblemCompletedByDto, nullable: true, description: '409 on a task: who completed it' }) completedBy?: ProblemCompletedByDto | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '409 on a task: who holds it' }) assignee?: string | null;
  @ApiPropertyOptional({ description: '409 on a task that is not open: its status' }) taskStatus?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: '409 on a task that is not open: why it closed' }) closeReason?: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: '422 command-not-recorded: the incident the KE leader resolves' }) incidentId?: string;
  @ApiPropertyOptional({ example: '22001', description: '422 command-not-recorded: the PostgreSQL SQLSTATE' }) sqlState?: string;
  @ApiPropertyOptional({ format: 'date-time', description: '401 token-expired: when the token expired' }) expiredAt?: string;
  @ApiPropertyOptional({ type: 'integer', description: '429: seconds until the rate limit lets requests through again (as Retry-After)' }) retryAfter?: number;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Bad request (e.g. a malformed If-Match)',
  401: 'No valid bearer token',
  403: 'Your role or municipality may not do this',
  404: 'Not found, or not visible to you',
  409: 'The case or task has moved on',
  406: 'The Accept header names no format this endpoint answers',
  412: 'The task changed since the version in If-Match',
  422: 'Invalid payload: each field and the reason',
  504: 'The case did not answer in time (TEMPORAL_UPDATE_TIMEOUT_MS); the command may still apply: retry with the same Idempotency-Key',
};

/** Documents the problem+json answers an endpoint can give. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status], content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } } }),
    ),
  );
}
