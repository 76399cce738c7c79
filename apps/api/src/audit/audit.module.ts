import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { AuditCheckpointsService } from './audit-checkpoints.service';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

@Module({ imports: [CasesModule], controllers: [AuditController], providers: [AuditService, AuditCheckpointsService] })
export class AuditModule {}
