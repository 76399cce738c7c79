import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ArchiveIncidentsController } from './archive-incidents.controller';
import { ArchiveSettingsController } from './archive-settings.controller';
import { ArchiveSettingsService } from './archive-settings.service';
import { ArchiveController } from './archive.controller';
import { ArchiveService } from './archive.service';

/** The archive delivery: a case's records and documents, the archive's refusals, and the AGREE settings. */
@Module({ imports: [CasesModule], controllers: [ArchiveController, ArchiveIncidentsController, ArchiveSettingsController], providers: [ArchiveService, ArchiveSettingsService], exports: [ArchiveService] })
export class ArchiveModule {}
