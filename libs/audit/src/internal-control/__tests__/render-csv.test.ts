import { parse } from 'csv-parse/sync';
import { REPORT_CSV_HEADER, renderReportCsv } from '../render-csv';
import { sampleReport } from './report.fixtures';

const parseCsv = (text: string): Record<string, string>[] => parse(text, { columns: true, record_delimiter: '\r\n', relax_column_count: false });

describe('renderReportCsv', () => {
  const report = sampleReport('2027-01', '4601', 1);

  it('has a header row, then one row per indicator, then one row per case behind each indicator', () => {
    const csv = renderReportCsv(report);
    const rows = parseCsv(csv);
    expect(Object.keys(rows[0])).toEqual([...REPORT_CSV_HEADER]);
    const indicatorRows = rows.filter((r) => r.caseId === '');
    const caseRows = rows.filter((r) => r.caseId !== '');
    expect(indicatorRows.map((r) => r.indicator)).toEqual(report.indicators.map((i) => i.id));
    // Indicator rows first, case rows after them.
    expect(rows.slice(0, report.indicators.length)).toEqual(indicatorRows);
    const expectedCases = report.indicators.flatMap((i) => i.cases.map((c) => ({ indicator: i.id, caseId: c, failing: String(i.casesFailing.includes(c)) })));
    expect(caseRows.map(({ indicator, caseId, failing }) => ({ indicator, caseId, failing }))).toEqual(expectedCases);
    expect(caseRows.some((r) => r.failing === 'true')).toBe(true);
    // A case row carries only its three fields.
    expect(caseRows.every((r) => REPORT_CSV_HEADER.slice(3).every((k) => r[k] === ''))).toBe(true);
  });

  it('keeps the figures as numbers a spreadsheet can use, and the target, met and computable flags', () => {
    const rows = parseCsv(renderReportCsv(report));
    for (const i of report.indicators) {
      const r = rows.find((x) => x.indicator === i.id && x.caseId === '')!;
      expect(r.value === '' ? null : Number(r.value)).toBe(i.value);
      expect(r.numerator === '' ? undefined : Number(r.numerator)).toBe(i.numerator);
      expect(r.target).toBe(`${i.target.comparison}${i.target.value}`);
      expect(r.met).toBe(i.met === null ? '' : String(i.met));
      expect(r.computable).toBe(String(i.computable));
      expect(r.reason).toBe(i.reason ?? '');
    }
    expect(rows.find((x) => x.indicator === 'K2')!.details).toBe('p90Days=41');
  });

  it('quotes commas, quotes and line breaks (RFC 4180) so they parse back unchanged, with CRLF line ends', () => {
    const awkward = 'Plans, "evaluated"\r\nin time; =SUM(A1)';
    const r = { ...report, indicators: report.indicators.map((i, k) => (k === 0 ? { ...i, name: awkward, reason: 'a\nb' } : i)) };
    const csv = renderReportCsv(r);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')[0]).toBe(REPORT_CSV_HEADER.join(','));
    const first = parseCsv(csv)[0];
    expect(first.name).toBe(awkward);
    expect(first.reason).toBe('a\nb');
  });
});
