// The internal-control report (domain § 5.2): every indicator K1–K19 for one municipality and period, with what it
// measures, its target, its value and the cases behind it. One shape for the JSON answer, the CSV and HTML renderings
// and the stored monthly reports.

export type IndicatorId =
  | 'K1' | 'K2' | 'K3' | 'K4' | 'K5' | 'K6' | 'K7' | 'K8' | 'K9' | 'K10'
  | 'K11' | 'K12' | 'K13' | 'K14' | 'K15' | 'K16' | 'K17' | 'K18' | 'K19';

export const INDICATOR_IDS: IndicatorId[] = ['K1', 'K2', 'K3', 'K4', 'K5', 'K6', 'K7', 'K8', 'K9', 'K10', 'K11', 'K12', 'K13', 'K14', 'K15', 'K16', 'K17', 'K18', 'K19'];

/** How a value is read: a share 0..1, a count, a number of days, or months of the period (K18). */
export type IndicatorUnit = 'SHARE' | 'COUNT' | 'DAYS' | 'MONTHS';

/** A target such as "≥ 0.95" or "= 0" (configurable per municipality; defaults from domain § 5.2). */
export interface IndicatorTarget {
  comparison: '>=' | '<=' | '=';
  value: number;
}

export interface IndicatorResult {
  id: IndicatorId;
  name: string;
  /** The definition in words, exact enough to recompute the figure by hand (which cases count, from when to when). */
  definition: string;
  /** The duty it measures (legal basis as cited in domain § 5.2). */
  duty: string;
  unit: IndicatorUnit;
  target: IndicatorTarget;
  /** False when the engine cannot compute it; `reason` then says why (never a silent zero). */
  computable: boolean;
  reason?: string;
  /** The figure (null when not computable, or when nothing falls under it: `reason` says which). */
  value: number | null;
  /** For shares: the cases that meet the definition, and all cases it applies to. */
  numerator?: number;
  denominator?: number;
  /** Further figures of the indicator (K2: p90Days; K5: totalGapDays), named. */
  details?: Record<string, number | null>;
  /** Whether the value meets the target (null when there is no value). */
  met: boolean | null;
  /** The cases behind the figure (ids only), e.g. those that fail it; `casesFailing` ⊆ `cases`. */
  cases: string[];
  casesFailing: string[];
}

export interface InternalControlReport {
  municipality: string;
  /** The period, inclusive civil dates (Europe/Oslo). */
  from: string;
  to: string;
  /** When the figures were computed (an instant); "as of" for everything the report counts. */
  generatedAt: string;
  indicators: IndicatorResult[];
}
