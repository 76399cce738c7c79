import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LIMITS } from '../limits';

export type DeadlineStatus = 'OPEN' | 'MET' | 'CANCELLED' | 'FIRED';

/**
 * A deadline as an explicit record: kind, due date, rule and basis, and what happened to it. Source AUTOMATIC rows are
 * what the case will do by itself (a reminder, a breach, a birthday): no reminder or escalation of their own.
 */
@Entity({ name: 'case_deadline' })
export class CaseDeadlineEntity {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId: string;
  @PrimaryColumn('varchar', { length: LIMITS.deadlineKey, name: 'deadline_key' }) deadlineKey: string;
  @Column('varchar', { length: 40 }) kind: string;
  @Column('varchar', { length: LIMITS.municipality }) municipality: string;
  @Column('varchar', { length: 12 }) source: string;
  @Column('text') rule: string;
  @Column('text', { name: 'legal_basis' }) legalBasis: string;
  @Column('date', { name: 'started_on' }) startedOn: string;
  @Column('date') due: string;
  @Column('date', { name: 'remind_on', nullable: true }) remindOn: string | null;
  @Column('timestamptz', { name: 'breach_at', nullable: true }) breachAt: Date | null;
  @Column('varchar', { length: 20, name: 'escalate_to', nullable: true }) escalateTo: string | null;
  @Column('text', { nullable: true }) effect: string | null;
  @Column('timestamptz', { name: 'fires_at', nullable: true }) firesAt: Date | null;
  @Column('varchar', { length: LIMITS.deadlineKey, name: 'for_deadline', nullable: true }) forDeadline: string | null;
  @Column('varchar', { length: 12 }) status: DeadlineStatus;
  @Column('timestamptz', { name: 'reminded_at', nullable: true }) remindedAt: Date | null;
  @Column('timestamptz', { name: 'breached_at', nullable: true }) breachedAt: Date | null;
  @Column('timestamptz', { name: 'escalation_acknowledged_at', nullable: true }) escalationAcknowledgedAt: Date | null;
  @Column('int', { name: 'opened_seq' }) openedSeq: number;
  @Column('int', { name: 'closed_seq', nullable: true }) closedSeq: number | null;
}
