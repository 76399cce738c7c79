import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LIMITS } from '../limits';

/** A stored monthly internal-control report, immutable; see the migration InternalControlReports1795410000000. */
@Entity({ name: 'internal_control_report' })
export class InternalControlReportEntity {
  @PrimaryColumn('uuid', { name: 'report_id' }) reportId: string;
  @Column('varchar', { length: LIMITS.municipality }) municipality: string;
  @Column('date', { name: 'period_from' }) periodFrom: string;
  @Column('date', { name: 'period_to' }) periodTo: string;
  @Column('timestamptz', { name: 'generated_at' }) generatedAt: Date;
  @Column('jsonb') body: Record<string, unknown>;
  @Column('varchar', { length: 64 }) sha256: string;
  /** The workflow run that stored it (`<workflow id>/<run id>`). */
  @Column('varchar', { length: 200, name: 'created_by_run' }) createdByRun: string;
}
