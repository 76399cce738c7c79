// The stored monthly reports (table internal_control_report): written once per municipality and month, in the same
// transaction as the audit-trail entry that records their digest; read back by id, listed newest first, and used as
// the trend's months. A report is kept as its JSON body and the SHA-256 of that body in canonical JSON (RFC 8785).
import type { DataSource, EntityManager } from 'typeorm';
import { AuditFacts, payloadDigest } from '../audit-chain';
import { appendAuditEntry } from '../audit-store';
import type { InternalControlReport } from './report.types';
import { Month, monthPeriod } from './report-trend';

type Db = DataSource | EntityManager;

export interface StoredReportSummary {
  reportId: string;
  municipality: string;
  from: string;
  to: string;
  generatedAt: string;
  sha256: string;
  createdByRun: string;
}

export interface StoredReport extends StoredReportSummary {
  report: InternalControlReport;
}

const SUMMARY = `report_id AS "reportId", municipality, period_from AS "from", period_to AS "to", generated_at AS "generatedAt",
  sha256, created_by_run AS "createdByRun"`;

const summaryOf = (r: StoredReportSummary & { generatedAt: Date | string }): StoredReportSummary => ({ ...r, generatedAt: new Date(r.generatedAt).toISOString() });

/** The report as JSON has it (no undefined members), so its digest is the same before storing and after reading. */
const asStored = (report: InternalControlReport): InternalControlReport => JSON.parse(JSON.stringify(report));

/** The digest of a report: SHA-256 over its canonical JSON, the one the audit trail records. */
export const reportDigest = (report: InternalControlReport) => payloadDigest(asStored(report));

/**
 * Stores a month's report once: a second store of the same municipality and period (a retried activity) finds the
 * first and changes nothing, audit trail included.
 */
export async function storeReport(db: DataSource, reportId: string, report: InternalControlReport, createdByRun: string): Promise<{ stored: StoredReportSummary; created: boolean }> {
  const body = asStored(report);
  const sha256 = payloadDigest(body);
  return db.transaction(async (m) => {
    const [inserted] = await m.query(
      `INSERT INTO internal_control_report (report_id, municipality, period_from, period_to, generated_at, body, sha256, created_by_run)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (municipality, period_from, period_to) DO NOTHING
       RETURNING ${SUMMARY}`,
      [reportId, body.municipality, body.from, body.to, body.generatedAt, JSON.stringify(body), sha256, createdByRun],
    );
    if (!inserted) {
      const [existing] = await m.query(`SELECT ${SUMMARY} FROM internal_control_report WHERE municipality = $1 AND period_from = $2 AND period_to = $3`, [body.municipality, body.from, body.to]);
      return { stored: summaryOf(existing), created: false };
    }
    const summary = summaryOf(inserted);
    // The digest goes into the municipality's chain in this transaction: a stored report always has its entry.
    await appendAuditEntry(m, reportAuditFacts(summary));
    return { stored: summary, created: true };
  });
}

/** The monthly report job, as the audit trail names it. */
export const REPORT_ACTOR = { sub: 'system:internal-control-report', name: 'Monthly internal-control report', role: 'SYSTEM' } as const;

/** What the trail records of a stored report: its digest, the period and the run, no figure and no case. */
export function reportAuditFacts(r: StoredReportSummary): AuditFacts {
  return {
    kind: 'REPORT',
    municipality: r.municipality,
    caseId: null,
    seq: null,
    at: r.generatedAt,
    actor: { ...REPORT_ACTOR, municipalities: [r.municipality] },
    event: 'INTERNAL_CONTROL_REPORT_STORED',
    payloadDigest: r.sha256,
    fromStatus: null,
    toStatus: null,
    legalBasis: 'FOR-2016-10-28-1250 § 8; kommuneloven § 25-1',
    requestId: null,
    purpose: `internal control ${r.from}–${r.to}: report ${r.reportId} (run ${r.createdByRun})`,
  };
}

export async function findStoredReport(db: Db, reportId: string): Promise<StoredReport | undefined> {
  const [row] = await db.query(`SELECT ${SUMMARY}, body FROM internal_control_report WHERE report_id = $1`, [reportId]);
  if (!row) return undefined;
  const { body, ...summary } = row;
  return { ...summaryOf(summary), report: body };
}

/** A municipality's stored reports, newest period first, after the keyset `after` (period_from, report_id). */
export async function listStoredReports(db: Db, municipality: string, limit: number, after?: { from: string; reportId: string }): Promise<StoredReportSummary[]> {
  const rows = await db.query(
    `SELECT ${SUMMARY} FROM internal_control_report
     WHERE municipality = $1 AND ($2::date IS NULL OR (period_from, report_id) < ($2::date, $3::uuid))
     ORDER BY period_from DESC, report_id DESC LIMIT $4`,
    [municipality, after?.from ?? null, after?.reportId ?? null, limit],
  );
  return rows.map(summaryOf);
}

/** The stored report of each of `months` that has one. */
export async function storedMonthlyReports(db: Db, municipality: string, months: Month[]): Promise<Map<Month, InternalControlReport>> {
  const periods = months.map(monthPeriod);
  const rows: { body: InternalControlReport }[] = await db.query(
    `SELECT r.body FROM internal_control_report r JOIN unnest($2::date[], $3::date[]) AS p(period_from, period_to)
       ON r.period_from = p.period_from AND r.period_to = p.period_to
     WHERE r.municipality = $1`,
    [municipality, periods.map((p) => p.from), periods.map((p) => p.to)],
  );
  return new Map(rows.map((r) => [r.body.from.slice(0, 7), r.body]));
}
