// The stored monthly internal-control reports, for internal control and the KE leader of their municipalities. Every
// read is in the access log with the cases the report names (Normen: a report is an export of case data).
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { casesNamed } from '../../../../libs/audit/src/internal-control/compute-report';
import { findStoredReport, listStoredReports, StoredReport } from '../../../../libs/audit/src/internal-control/report-store';
import { canReadStoredReports, canSeeMunicipality, Principal } from '../../../../libs/auth/src';
import { AccessLogService, listFilters, readActionFor } from '../access-log/access-log.service';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { problems } from '../problem/problem';
import type { StoredReportQueryDto } from './dto/stored-report.dto';
import type { ReportMediaType } from './report-representations';

@Injectable()
export class InternalControlReportsService {
  constructor(private readonly db: DataSource, private readonly accessLog: AccessLogService) {}

  async list(p: Principal, q: StoredReportQueryDto) {
    if (!canSeeMunicipality(p, q.municipality)) throw problems.forbidden('That municipality is not in your token.');
    if (!canReadStoredReports(p, q.municipality)) throw problems.forbidden('Stored internal-control reports are for internal control and the KE leader.');
    const after = q.cursor ? decodeCursor(q.cursor, ['date', 'uuid']) : undefined;
    const limit = q.limit ?? 24;
    const rows = await listStoredReports(this.db, q.municipality, limit + 1, after && { from: after[0] as string, reportId: after[1] as string });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    await this.accessLog.record(p, 'LIST', 'internal-control/reports', 200, null, { filters: listFilters(q), caseIds: [] });
    return { items: page, nextCursor: rows.length > limit && last ? encodeCursor([last.from, last.reportId]) : null };
  }

  /** One stored report; another municipality's is 404 (its existence does not leak), another role's 403. */
  async get(p: Principal, reportId: string, as: ReportMediaType): Promise<StoredReport> {
    const resource = `internal-control/reports/${reportId}`;
    const stored = await findStoredReport(this.db, reportId);
    if (!stored || !canSeeMunicipality(p, stored.municipality)) {
      await this.accessLog.record(p, 'READ', resource, 404);
      throw problems.notFound('stored report');
    }
    if (!canReadStoredReports(p, stored.municipality)) {
      await this.accessLog.record(p, 'READ', resource, 403);
      throw problems.forbidden('Stored internal-control reports are for internal control and the KE leader.');
    }
    await this.accessLog.record(p, readActionFor(as), resource, 200, null, { filters: { municipality: stored.municipality, as }, caseIds: casesNamed(stored.report) });
    return stored;
  }
}
