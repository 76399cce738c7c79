import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.guard';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import { HealthViewDto } from './dto/health-view.dto';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: DataSource, @Inject(TEMPORAL_CLIENT) private readonly temporal: Client) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: 'PostgreSQL and Temporal answer', type: HealthViewDto })
  @ApiServiceUnavailableResponse({ description: 'PostgreSQL or Temporal does not answer', type: HealthViewDto })
  async check(@Res() res: Response) {
    const probe = async (fn: () => Promise<unknown>) => fn().then(() => 'up' as const, () => 'down' as const);
    const [postgres, temporal] = await Promise.all([
      probe(() => this.db.query('SELECT 1')),
      probe(() => this.temporal.workflowService.getSystemInfo({})),
    ]);
    const up = postgres === 'up' && temporal === 'up';
    res.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: up ? 'up' : 'down', postgres, temporal });
  }
}
