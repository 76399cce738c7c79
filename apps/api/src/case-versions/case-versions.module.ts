import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CaseVersionsController } from './case-versions.controller';
import { CaseVersionsService } from './case-versions.service';

/** GET /cases/:id/as-of: a case as it was at an instant, from its recorded versions. */
@Module({ imports: [CasesModule], controllers: [CaseVersionsController], providers: [CaseVersionsService] })
export class CaseVersionsModule {}
