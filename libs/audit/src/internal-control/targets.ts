// Targets per municipality (table internal_control_target); an indicator without a row has domain § 5.2's default.
import type { DataSource, EntityManager } from 'typeorm';
import { INDICATORS } from './indicators';
import { INDICATOR_IDS, IndicatorId, IndicatorTarget } from './report.types';

export interface TargetView extends IndicatorTarget {
  indicator: IndicatorId;
  default: IndicatorTarget;
  /** Null while the default applies. */
  updatedBy: string | null;
  updatedAt: string | null;
}

export async function loadTargets(db: DataSource | EntityManager, municipality: string): Promise<TargetView[]> {
  const rows: { indicator: IndicatorId; comparison: IndicatorTarget['comparison']; value: string; updatedBy: string; updatedAt: Date }[] = await db.query(
    `SELECT indicator, comparison, value, updated_by AS "updatedBy", updated_at AS "updatedAt" FROM internal_control_target WHERE municipality = $1`,
    [municipality],
  );
  return INDICATOR_IDS.map((id) => {
    const row = rows.find((r) => r.indicator === id);
    const d = INDICATORS[id].defaultTarget;
    return row
      ? { indicator: id, comparison: row.comparison, value: Number(row.value), default: d, updatedBy: row.updatedBy, updatedAt: new Date(row.updatedAt).toISOString() }
      : { indicator: id, ...d, default: d, updatedBy: null, updatedAt: null };
  });
}

export async function saveTarget(db: DataSource | EntityManager, municipality: string, id: IndicatorId, t: IndicatorTarget, updatedBy: string): Promise<void> {
  await db.query(
    `INSERT INTO internal_control_target (municipality, indicator, comparison, value, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (municipality, indicator) DO UPDATE SET comparison = EXCLUDED.comparison, value = EXCLUDED.value, updated_by = EXCLUDED.updated_by,
       updated_at = EXCLUDED.updated_at`,
    [municipality, id, t.comparison, t.value, updatedBy],
  );
}
