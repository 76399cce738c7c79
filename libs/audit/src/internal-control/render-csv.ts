// The internal-control report as CSV (RFC 4180): a header row, one row per indicator, then one row per case behind an
// indicator (`indicator,caseId,failing`, the other fields empty). CRLF line ends; a field with a comma, a quote or a
// line break is quoted, its quotes doubled. Numbers as they are (a share is 0..1), so a spreadsheet can compute with them.
import type { IndicatorResult, IndicatorTarget, InternalControlReport } from './report.types';

export const REPORT_CSV_HEADER = [
  'indicator', 'caseId', 'failing', 'name', 'unit', 'value', 'numerator', 'denominator', 'target', 'met', 'computable', 'reason', 'details',
] as const;

type Cell = string | number | boolean | null | undefined;

const field = (v: Cell): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const row = (cells: Cell[]) => cells.map(field).join(',');

export const formatTarget = (t: IndicatorTarget) => `${t.comparison}${t.value}`;

/** Further figures as `name=value` pairs, `;`-separated (e.g. `p90Days=31`). */
const details = (d: IndicatorResult['details']) =>
  d ? Object.entries(d).map(([k, v]) => `${k}=${v ?? ''}`).join(';') : '';

export function renderReportCsv(report: InternalControlReport): string {
  const pad = REPORT_CSV_HEADER.length;
  const indicatorRows = report.indicators.map((i) =>
    row([i.id, null, null, i.name, i.unit, i.value, i.numerator, i.denominator, formatTarget(i.target), i.met, i.computable, i.reason, details(i.details)]),
  );
  const caseRows = report.indicators.flatMap((i) => {
    const failing = new Set(i.casesFailing);
    return i.cases.map((caseId) => row([i.id, caseId, failing.has(caseId), ...Array(pad - 3).fill(null)]));
  });
  return [row([...REPORT_CSV_HEADER]), ...indicatorRows, ...caseRows].map((line) => `${line}\r\n`).join('');
}
