import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DeadlineStatus = 'OPEN' | 'MET' | 'CANCELLED';

/** A deadline as an explicit record: kind, due date, rule and basis, and what happened to it. */
@Entity({ name: 'case_deadline' })
export class CaseDeadlineEntity {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId: string;
  @PrimaryColumn('varchar', { length: 120, name: 'deadline_key' }) deadlineKey: string;
  @Column('varchar', { length: 40 }) kind: string;
  @Column('varchar', { length: 4 }) municipality: string;
  @Column('varchar', { length: 12 }) source: string;
  @Column('text') rule: string;
  @Column('text', { name: 'legal_basis' }) legalBasis: string;
  @Column('date', { name: 'started_on' }) startedOn: string;
  @Column('date') due: string;
  @Column('date', { name: 'remind_on' }) remindOn: string;
  @Column('timestamptz', { name: 'breach_at' }) breachAt: Date;
  @Column('varchar', { length: 20, name: 'escalate_to' }) escalateTo: string;
  @Column('varchar', { length: 12 }) status: DeadlineStatus;
  @Column('timestamptz', { name: 'reminded_at', nullable: true }) remindedAt: Date | null;
  @Column('timestamptz', { name: 'breached_at', nullable: true }) breachedAt: Date | null;
  @Column('timestamptz', { name: 'escalation_acknowledged_at', nullable: true }) escalationAcknowledgedAt: Date | null;
  @Column('int', { name: 'opened_seq' }) openedSeq: number;
  @Column('int', { name: 'closed_seq', nullable: true }) closedSeq: number | null;
}
