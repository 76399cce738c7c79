// Internal control (domain § 5): the report of K1–K19 for a municipality and period, and the municipality's targets.
// The figures are computed in libs/audit (pure of HTTP); this service checks who asks, logs the read, validates.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canReadInternalControl, canSetInternalControlTargets, Principal } from '../../../../libs/auth/src';
import { addMonths } from '../../../../libs/calendar/src/civil-date';
import { casesNamed, computeReport } from '../../../../libs/audit/src/internal-control/compute-report';
import { targetProblems } from '../../../../libs/audit/src/internal-control/indicators';
import { INDICATOR_IDS, IndicatorId, InternalControlReport } from '../../../../libs/audit/src/internal-control/report.types';
import { loadTargets, saveTarget } from '../../../../libs/audit/src/internal-control/targets';
import { AccessLogService, readActionFor } from '../access-log/access-log.service';
import { problems } from '../problem/problem';
import type { ReportQueryDto } from './dto/report-query.dto';
import type { TargetDto } from './dto/target.dto';

/** The longest period one report covers. */
export const MAX_PERIOD_MONTHS = 24;

@Injectable()
export class InternalControlService {
  constructor(private readonly db: DataSource, private readonly accessLog: AccessLogService) {}

  /** `as`: the representation asked for, as the access log records it. */
  async report(p: Principal, q: ReportQueryDto, as = 'application/json'): Promise<InternalControlReport> {
    if (q.from > q.to) throw problems.invalid('to is before from.', [{ field: 'to', reason: 'to must not be before from' }]);
    if (q.to >= addMonths(q.from, MAX_PERIOD_MONTHS)) {
      throw problems.invalid(`The period is longer than ${MAX_PERIOD_MONTHS} months.`, [{ field: 'to', reason: `to must be less than ${MAX_PERIOD_MONTHS} months after from` }]);
    }
    if (!canReadInternalControl(p, q.municipality)) {
      await this.accessLog.record(p, 'READ', 'internal-control/report', 403);
      throw problems.forbidden('The internal-control report is for the KE and internal control of the municipalities in your token.');
    }
    const report = await computeReport(this.db, { municipality: q.municipality, from: q.from, to: q.to, at: new Date().toISOString() });
    await this.accessLog.record(p, readActionFor(as), 'internal-control/report', 200, null, { filters: { municipality: q.municipality, from: q.from, to: q.to, as }, caseIds: casesNamed(report) });
    return report;
  }

  async targets(p: Principal, municipality: string) {
    if (!canReadInternalControl(p, municipality)) throw problems.forbidden('The targets are for the KE and internal control of the municipalities in your token.');
    return { municipality, targets: await loadTargets(this.db, municipality) };
  }

  async setTarget(p: Principal, municipality: string, indicator: string, dto: TargetDto) {
    if (!INDICATOR_IDS.includes(indicator as IndicatorId)) {
      throw problems.invalid(`${indicator} is not an indicator.`, [{ field: 'indicator', reason: `indicator must be one of ${INDICATOR_IDS.join(', ')}` }]);
    }
    if (!canSetInternalControlTargets(p, municipality)) {
      await this.accessLog.record(p, 'COMMAND', `internal-control/targets/${indicator}`, 403);
      throw problems.forbidden('Only a KE leader of this municipality sets its targets.');
    }
    const broken = targetProblems(indicator as IndicatorId, dto);
    if (broken.length) throw problems.invalid('The target does not fit the indicator.', broken);
    await saveTarget(this.db, municipality, indicator as IndicatorId, { comparison: dto.comparison, value: dto.value }, p.sub);
    await this.accessLog.record(p, 'COMMAND', `internal-control/targets/${indicator}`, 200);
    return this.targets(p, municipality);
  }
}
