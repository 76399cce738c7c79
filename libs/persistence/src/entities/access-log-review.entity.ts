import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LIMITS } from '../limits';

/** A KE leader's monthly review of a municipality's access log (K18), once per month; append-only. */
@Entity({ name: 'access_log_review' })
export class AccessLogReviewEntity {
  @PrimaryColumn('uuid', { name: 'review_id' }) reviewId: string;
  @Column('varchar', { length: LIMITS.municipality }) municipality: string;
  /** YYYY-MM, the month reviewed (Europe/Oslo). */
  @Column('varchar', { length: 7 }) month: string;
  @Column('varchar', { length: LIMITS.personRef, name: 'reviewed_by' }) reviewedBy: string;
  @Column('varchar', { length: LIMITS.name, name: 'reviewed_by_name' }) reviewedByName: string;
  @Column('timestamptz', { name: 'reviewed_at' }) reviewedAt: Date;
  @Column('text') findings: string;
  /** How many accesses each review rule proposed when the review was recorded. */
  @Column('jsonb', { name: 'proposal_counts' }) proposalCounts: Record<string, number>;
  @Column('varchar', { length: 64, name: 'request_id', nullable: true }) requestId: string | null;
}
