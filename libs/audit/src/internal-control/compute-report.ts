// TEMPORARY: a stand-in for computeReport until branch ic-report (which computes K1–K19 from the projections) is
// merged; take that branch's file at merge. Same signature; every indicator is reported as not computable.
import type { DataSource, EntityManager } from 'typeorm';
import { INDICATOR_IDS, InternalControlReport } from './report.types';

export interface ReportQuery {
  municipality: string;
  from: string;
  to: string;
  at: string;
}

export async function computeReport(_db: DataSource | EntityManager, q: ReportQuery): Promise<InternalControlReport> {
  return {
    municipality: q.municipality,
    from: q.from,
    to: q.to,
    generatedAt: q.at,
    indicators: INDICATOR_IDS.map((id) => ({
      id,
      name: id,
      definition: 'TEMPORARY',
      duty: 'TEMPORARY',
      unit: 'COUNT',
      target: { comparison: '=', value: 0 },
      computable: false,
      reason: 'TEMPORARY: the computation lands with branch ic-report.',
      value: null,
      met: null,
      cases: [],
      casesFailing: [],
    })),
  };
}
