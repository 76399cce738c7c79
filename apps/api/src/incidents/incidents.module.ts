import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';

@Module({ imports: [CasesModule], controllers: [IncidentsController], providers: [IncidentsService] })
export class IncidentsModule {}
