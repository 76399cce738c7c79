// The RFC 7807 body every error has, as an OpenAPI schema.
import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'subject.nationalId' }) field: string;
  @ApiProperty({ example: 'subject.nationalId is not a valid fødselsnummer or D-number: second check digit (d11) does not match' }) reason: string;
}

export class ProblemDto {
  @ApiProperty({ example: 'https://ke-ip.example/problems/invalid-payload' }) type: string;
  @ApiProperty({ example: 'Invalid payload' }) title: string;
  @ApiProperty({ example: 422 }) status: number;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ example: '/cases' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: '422: every field and why' }) errors?: FieldErrorDto[];
  @ApiPropertyOptional({ type: [String], description: '409 on a case event: what the case can take now' }) allowedEvents?: string[];
  @ApiPropertyOptional({ description: '409 on a task: who completed it', example: { sub: 'kari', name: 'Kari', at: '2026-11-22T10:00:00Z' } })
  completedBy?: Record<string, string>;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Bad request (e.g. a malformed If-Match)',
  401: 'No valid bearer token',
  403: 'Your role or municipality may not do this',
  404: 'Not found, or not visible to you',
  409: 'The case or task has moved on',
  412: 'The task changed since the version in If-Match',
  422: 'Invalid payload: each field and the reason',
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
