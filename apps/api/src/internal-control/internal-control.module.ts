import { Module } from '@nestjs/common';
import { InternalControlController } from './internal-control.controller';
import { InternalControlService } from './internal-control.service';

@Module({ controllers: [InternalControlController], providers: [InternalControlService] })
export class InternalControlModule {}
