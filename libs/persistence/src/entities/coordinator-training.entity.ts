import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LIMITS } from '../limits';

/** One course a coordinator completed (hol § 7-3); see the migration CoordinatorTraining1795390000000. */
@Entity({ name: 'coordinator_training' })
export class CoordinatorTrainingEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: LIMITS.municipality }) municipality: string;
  /** The coordinator's id in the municipality's IAM, as in a case's coordinator. */
  @Column('varchar', { length: LIMITS.employeeId, name: 'employee_id' }) employeeId: string;
  @Column('varchar', { length: LIMITS.course }) course: string;
  @Column('date', { name: 'completed_on' }) completedOn: string;
  @Column('varchar', { length: LIMITS.personRef, name: 'recorded_by' }) recordedBy: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}
