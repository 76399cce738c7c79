import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { LIMITS } from '../limits';

/** Who read or changed which case, when, and with what outcome (Normen faktaark 15). Append-only. */
@Entity({ name: 'access_log' })
export class AccessLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('timestamptz') at: Date;
  @Column('varchar', { length: LIMITS.personRef, name: 'actor_sub' }) actorSub: string;
  @Column('varchar', { length: 20, name: 'actor_role' }) actorRole: string;
  @Column('uuid', { name: 'case_id', nullable: true }) caseId: string | null;
  @Column('varchar', { length: 20 }) action: string;
  @Column('text') resource: string;
  @Column('int') outcome: number;
  /** The request (X-Request-Id) the entry belongs to. */
  @Column('varchar', { length: 64, name: 'request_id', nullable: true }) requestId: string | null;
  /** A list's filters, and the cases it showed. */
  @Column('jsonb', { nullable: true }) filters: Record<string, unknown> | null;
  @Column('uuid', { array: true, name: 'case_ids', nullable: true }) caseIds: string[] | null;
}
