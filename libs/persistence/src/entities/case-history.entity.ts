import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LIMITS } from '../limits';

/** One accepted transition: who, when, what, and on which legal basis. Keyed by (case, event sequence). */
@Entity({ name: 'case_history' })
export class CaseHistoryEntity {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId: string;
  @PrimaryColumn('int') seq: number;
  @Column('varchar', { length: 40, name: 'event_type' }) eventType: string;
  @Column('varchar', { length: LIMITS.personRef, name: 'actor_sub' }) actorSub: string;
  @Column('text', { name: 'actor_name' }) actorName: string;
  @Column('varchar', { length: 20, name: 'actor_role' }) actorRole: string;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt: Date;
  @Column('varchar', { length: 40, name: 'from_status' }) fromStatus: string;
  @Column('varchar', { length: 40, name: 'to_status' }) toStatus: string;
  @Column('text', { name: 'legal_basis', nullable: true }) legalBasis: string | null;
  @Column('jsonb') payload: Record<string, unknown>;
}
