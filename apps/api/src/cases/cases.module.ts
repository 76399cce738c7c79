import { Module } from '@nestjs/common';
import { AccessLogService } from '../access-log/access-log.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({ controllers: [CasesController], providers: [CasesService, AccessLogService] })
export class CasesModule {}
