import { ApiProperty } from '@nestjs/swagger';

/** GET /health: whether PostgreSQL and Temporal answer (200 when both do, 503 otherwise; never problem+json). */
export class HealthViewDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) postgres: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) temporal: 'up' | 'down';
}
