import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/auth/src';
import { LIMITS } from '../../../../libs/persistence/src/limits';
import { CurrentPrincipal } from '../auth/auth.guard';
import { Idempotent } from '../common/idempotency.interceptor';
import { ApiProblems } from '../problem/problem.dto';
import { CoordinatorTrainingDto, CoordinatorTrainingListDto, CoordinatorTrainingPageDto, RecordTrainingDto, TrainingRegisterQueryDto } from './dto/coordinator-training.dto';
import { CoordinatorTrainingsService } from './coordinator-trainings.service';
import { EmployeeIdPipe } from './employee-id.pipe';

const EMPLOYEE = ApiParam({
  name: 'employeeId',
  description: "The coordinator's id in the municipality's IAM (a case's coordinator.employeeId)",
  schema: { type: 'string', minLength: 1, maxLength: LIMITS.employeeId },
});

@ApiTags('coordinators')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 422)
@Controller()
export class CoordinatorTrainingsController {
  constructor(private readonly trainings: CoordinatorTrainingsService) {}

  @Post('coordinators/:employeeId/trainings')
  @Idempotent()
  @EMPLOYEE
  @ApiOperation({ summary: 'A KE leader records a course the coordinator completed (hol § 7-3: the KE trains its coordinators)' })
  @ApiCreatedResponse({ type: CoordinatorTrainingDto })
  @ApiProblems(409)
  record(@CurrentPrincipal() p: Principal, @Param('employeeId', EmployeeIdPipe) employeeId: string, @Body() dto: RecordTrainingDto) {
    return this.trainings.record(p, employeeId, dto);
  }

  @Get('coordinators/:employeeId/trainings')
  @EMPLOYEE
  @ApiOperation({ summary: "A coordinator's courses, newest first, in the municipalities of your token" })
  @ApiOkResponse({ type: CoordinatorTrainingListDto })
  ofCoordinator(@CurrentPrincipal() p: Principal, @Param('employeeId', EmployeeIdPipe) employeeId: string) {
    return this.trainings.ofCoordinator(p, employeeId);
  }

  @Get('coordinator-trainings')
  @ApiOperation({ summary: 'The training register of your municipalities (or one of them), newest first, for the KE and internal control (K16)' })
  @ApiOkResponse({ type: CoordinatorTrainingPageDto })
  register(@CurrentPrincipal() p: Principal, @Query() q: TrainingRegisterQueryDto) {
    return this.trainings.register(p, q);
  }
}
