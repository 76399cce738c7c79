import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LIMITS } from '../limits';

/** Read model of one case, kept current by the case workflow's projection activity. No personal identity here. */
@Entity({ name: 'ip_case' })
export class CaseEntity {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId: string;
  @Column('varchar', { length: LIMITS.municipality }) municipality: string;
  @Column('varchar', { length: 40 }) status: string;
  @Column('jsonb', { name: 'state_value' }) stateValue: unknown;
  @Column('int') seq: number;
  @Column('text', { array: true, name: 'allowed_events' }) allowedEvents: string[];
  /** Commands the state handles that a rule refuses now: { type, code, reason, legalBasis }. */
  @Column('jsonb', { name: 'blocked_events', default: [] }) blockedEvents: unknown[];
  @Column('varchar', { length: LIMITS.employeeId, name: 'coordinator_employee_id', nullable: true }) coordinatorEmployeeId: string | null;
  @Column('varchar', { length: LIMITS.employeeId, name: 'proposed_coordinator_employee_id', nullable: true }) proposedCoordinatorEmployeeId: string | null;
  @Column('jsonb') context: Record<string, unknown>;
  @Column('timestamptz', { name: 'received_at', nullable: true }) receivedAt: Date | null;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
  @Column('varchar', { length: 40, name: 'closure_reason', nullable: true }) closureReason: string | null;
  @Column('date', { name: 'next_due', nullable: true }) nextDue: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
