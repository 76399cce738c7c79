import { Module } from '@nestjs/common';
import { CaseCommandsService } from './case-commands.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({ controllers: [CasesController], providers: [CasesService, CaseCommandsService], exports: [CasesService, CaseCommandsService] })
export class CasesModule {}
