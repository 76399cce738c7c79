import { Module } from '@nestjs/common';
import { ArchiveModule } from '../archive/archive.module';
import { CasesModule } from '../cases/cases.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({ imports: [CasesModule, ArchiveModule], controllers: [TasksController], providers: [TasksService] })
export class TasksModule {}
