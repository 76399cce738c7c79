// The monthly internal-control report: its workflow's input, the activity it calls (types only: the workflow bundle
// holds no I/O) and the Temporal ids of the schedule per municipality.
export const MONTHLY_REPORT_WORKFLOW = 'monthlyReportWorkflow';

export interface MonthlyReportInput {
  municipality: string;
}

/** The report to compute and store: a municipality's month (inclusive civil dates), as of `at`. */
export interface MonthlyReportRequest {
  municipality: string;
  from: string;
  to: string;
  at: string;
}

export interface StoredReportReceipt {
  reportId: string;
  sha256: string;
  /** False when the month's report was stored before (a retried activity, a second run): the stored one stands. */
  created: boolean;
}

export interface InternalControlActivities {
  storeMonthlyReport(r: MonthlyReportRequest): Promise<StoredReportReceipt>;
}

/** One schedule per municipality; its runs' workflow ids are this id with the fire time appended by Temporal. */
export const reportScheduleId = (municipality: string) => `internal-control-report-${municipality}`;
