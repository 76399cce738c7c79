// The AGREE items of the archive delivery per municipality (../shared/noark5/README.md § 8), like the deadline settings:
// overrides stored, defaults that validate, every change by a KE leader and logged.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canReadArchiveSettings, canWriteSettings, Principal } from '../../../../libs/auth/src';
import type { ArchiveSettings } from '../../../../libs/archive/src/archive.types';
import { DEFAULT_ARCHIVE_SETTINGS, mergeArchiveSettings, validateArchiveSettings } from '../../../../libs/archive/src/fiks-arkiv/archive-settings';
import type { ArchiveSettingsDto } from '../../../../libs/archive/src/fiks-arkiv/archive-settings.dto';
import { AccessLogService } from '../access-log/access-log.service';
import { problems } from '../problem/problem';

@Injectable()
export class ArchiveSettingsService {
  constructor(private readonly db: DataSource, private readonly accessLog: AccessLogService) {}

  async get(p: Principal, nr: string) {
    if (!canReadArchiveSettings(p, nr)) throw problems.forbidden('That municipality is not in your token.');
    const [row] = await this.db.query(`SELECT settings, updated_by, updated_at FROM archive_settings WHERE municipality = $1`, [nr]);
    await this.accessLog.record(p, 'READ', `municipalities/${nr}/archive-settings`, 200);
    return {
      municipality: nr,
      settings: mergeArchiveSettings((row?.settings ?? {}) as Partial<ArchiveSettings>),
      overrides: row?.settings ?? {},
      defaults: DEFAULT_ARCHIVE_SETTINGS,
      updatedBy: row?.updated_by ?? null,
      updatedAt: row?.updated_at ?? null,
    };
  }

  async put(p: Principal, nr: string, dto: ArchiveSettingsDto) {
    const resource = `municipalities/${nr}/archive-settings`;
    if (!canWriteSettings(p, nr)) {
      await this.accessLog.record(p, 'COMMAND', resource, 403);
      throw problems.forbidden('Only a KE leader of this municipality changes its archive settings.');
    }
    const overrides = JSON.parse(JSON.stringify(dto)) as Partial<ArchiveSettings>;
    const broken = validateArchiveSettings(mergeArchiveSettings(overrides));
    if (broken.length) throw problems.invalid('The archive settings break one or more rules.', broken);
    await this.db.query(
      `INSERT INTO archive_settings (municipality, settings, updated_at, updated_by) VALUES ($1, $2, now(), $3)
       ON CONFLICT (municipality) DO UPDATE SET settings = EXCLUDED.settings, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [nr, JSON.stringify(overrides), p.sub],
    );
    await this.accessLog.record(p, 'COMMAND', resource, 200);
    return this.get(p, nr);
  }
}
