import { Module } from '@nestjs/common';
import { CoordinatorTrainingsController } from './coordinator-trainings.controller';
import { CoordinatorTrainingsService } from './coordinator-trainings.service';

/** The coordinators' training register (hol § 7-3): not a case, so the API keeps it directly. */
@Module({ controllers: [CoordinatorTrainingsController], providers: [CoordinatorTrainingsService] })
export class CoordinatorsModule {}
