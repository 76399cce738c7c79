import { Module } from '@nestjs/common';
import { InternalControlReportsModule } from '../internal-control-reports/internal-control-reports.module';
import { InternalControlController } from './internal-control.controller';
import { InternalControlService } from './internal-control.service';

@Module({ imports: [InternalControlReportsModule], controllers: [InternalControlController], providers: [InternalControlService] })
export class InternalControlModule {}
