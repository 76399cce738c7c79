import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canReadSettings, canWriteSettings, Principal } from '../../../../libs/auth/src';
import { DEFAULT_MUNICIPALITY_SETTINGS, mergeSettings, MunicipalitySettings, settingsProblems } from '../../../../libs/case-machine/src';
import { MunicipalitySettingsEntity } from '../../../../libs/persistence/src';
import { AccessLogService } from '../access-log/access-log.service';
import { problems } from '../problem/problem';
import type { MunicipalitySettingsDto } from './dto/municipality-settings.dto';

/** Deadline settings per municipality. They apply to deadlines set after the change; running ones keep theirs. */
@Injectable()
export class MunicipalitiesService {
  constructor(private readonly db: DataSource, private readonly accessLog: AccessLogService) {}

  async get(p: Principal, nr: string) {
    if (!canReadSettings(p, nr)) throw problems.forbidden('That municipality is not in your token.');
    const row = await this.db.getRepository(MunicipalitySettingsEntity).findOneBy({ municipality: nr });
    await this.accessLog.record(p, 'READ', `municipalities/${nr}/settings`, 200);
    return {
      municipality: nr,
      settings: mergeSettings((row?.settings ?? {}) as Partial<MunicipalitySettings>),
      overrides: row?.settings ?? {},
      defaults: DEFAULT_MUNICIPALITY_SETTINGS,
      updatedBy: row?.updatedBy ?? null,
      updatedAt: row?.updatedAt ?? null,
    };
  }

  async put(p: Principal, nr: string, dto: MunicipalitySettingsDto) {
    if (!canWriteSettings(p, nr)) {
      await this.accessLog.record(p, 'COMMAND', `municipalities/${nr}/settings`, 403);
      throw problems.forbidden('Only a KE leader of this municipality changes its settings.');
    }
    const overrides = JSON.parse(JSON.stringify(dto)) as Partial<MunicipalitySettings>;
    const broken = settingsProblems(overrides);
    if (broken.length) {
      throw problems.invalid('The settings break one or more rules.', broken);
    }
    await this.db.getRepository(MunicipalitySettingsEntity).save({ municipality: nr, settings: overrides as Record<string, unknown>, updatedBy: p.sub, updatedAt: new Date() });
    await this.accessLog.record(p, 'COMMAND', `municipalities/${nr}/settings`, 200);
    return this.get(p, nr);
  }
}
