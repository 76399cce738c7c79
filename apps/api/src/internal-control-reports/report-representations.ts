// The internal-control report as the client asked for it: JSON, CSV (render-csv.ts) or the printable HTML page with
// its trend charts (render-html.ts, the trend from load-trend.ts). One place for the computed report
// (GET /internal-control/report) and the stored ones (GET /internal-control/reports/:id).
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { loadReportTrend } from '../../../../libs/audit/src/internal-control/load-trend';
import { renderReportCsv } from '../../../../libs/audit/src/internal-control/render-csv';
import { renderReportHtml, StoredReportMark } from '../../../../libs/audit/src/internal-control/render-html';
import type { InternalControlReport } from '../../../../libs/audit/src/internal-control/report.types';
import { negotiate } from '../common/content-negotiation';

export const REPORT_MEDIA_TYPES = ['application/json', 'text/csv', 'text/html'] as const;
export type ReportMediaType = (typeof REPORT_MEDIA_TYPES)[number];

/** The page needs nothing from elsewhere: inline styles (the SVG charts' too), no script, no request. */
const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

@Injectable()
export class ReportRepresentations {
  constructor(private readonly db: DataSource) {}

  /** Which representation the request asks for; 406 before any work when none of them. */
  negotiate(req: Request, res: Response): ReportMediaType {
    return negotiate(req, res, REPORT_MEDIA_TYPES);
  }

  /**
   * The body of a CSV or HTML answer (its headers set on `res`), or undefined for JSON, which the caller answers with
   * its own object. `name` is the download's file name without extension.
   */
  async render(type: ReportMediaType, res: Response, report: InternalControlReport, name: string, stored?: StoredReportMark): Promise<string | undefined> {
    switch (type) {
      case 'application/json':
        return undefined;
      case 'text/csv':
        // attachment() sets a type from the extension: the exact one after it.
        res.attachment(`${name}.csv`).type('text/csv; charset=utf-8; header=present');
        return renderReportCsv(report);
      case 'text/html':
        res.type('text/html; charset=utf-8').setHeader('Content-Security-Policy', HTML_CSP);
        return renderReportHtml(report, await loadReportTrend(this.db, report), stored);
    }
  }
}

/** The OpenAPI 200 of a report resource: `jsonSchema` for JSON, text for CSV and HTML. */
export const reportResponse = (jsonSchema: string, what: string) => ({
  description: `By Accept: ${what} (JSON), its indicators and the cases behind them (CSV, RFC 4180), or the printable page with a 12-month trend chart per indicator (HTML)`,
  content: {
    'application/json': { schema: { $ref: jsonSchema } },
    'text/csv': { schema: { type: 'string' } },
    'text/html': { schema: { type: 'string' } },
  },
});

/** A report's file name: municipality and period. */
export const reportFileName = (r: Pick<InternalControlReport, 'municipality' | 'from' | 'to'>) => `internal-control-${r.municipality}-${r.from}-${r.to}`;
