import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { LIMITS } from '../limits';

export type TaskStatus = 'OPEN' | 'CLAIMED' | 'COMPLETED' | 'CANCELLED';

/** Work a case waits for. One open row per (case, task key); closed rows stay as the record. */
@Entity({ name: 'case_task' })
export class CaseTaskEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'task_id' }) taskId: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @Column('varchar', { length: 120, name: 'task_key' }) taskKey: string;
  @Column('varchar', { length: 60 }) kind: string;
  @Column('varchar', { length: 20, name: 'candidate_role' }) candidateRole: string;
  @Column('varchar', { length: LIMITS.municipality }) municipality: string;
  @Column('varchar', { length: LIMITS.personRef, nullable: true }) assignee: string | null;
  @Column('varchar', { length: 12 }) status: TaskStatus;
  @Column('date', { nullable: true }) due: string | null;
  @Column('varchar', { length: LIMITS.deadlineKey, name: 'deadline_key', nullable: true }) deadlineKey: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('int', { name: 'created_seq' }) createdSeq: number;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
  @Column('int', { name: 'closed_seq', nullable: true }) closedSeq: number | null;
  @Column('text', { name: 'close_reason', nullable: true }) closeReason: string | null;
  @Column('int') version: number;
  /** 1 urgent (escalated), 2 statutory deadline, 3 normal. */
  @Column('smallint') priority: number;
  /** The command that completes the task. */
  @Column('varchar', { length: 40 }) completes: string;
  @Column('text', { array: true, nullable: true }) commands: string[] | null;
  @Column('varchar', { length: LIMITS.personRef, name: 'closed_by', nullable: true }) closedBy: string | null;
  @Column('text', { name: 'closed_by_name', nullable: true }) closedByName: string | null;
}
