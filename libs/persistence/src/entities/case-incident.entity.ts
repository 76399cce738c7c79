import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LIMITS } from '../limits';

/** A command the case accepted but PostgreSQL refused for good; see the migration CaseIncidents1795350000000. */
@Entity({ name: 'case_incident' })
export class CaseIncidentEntity {
  @PrimaryColumn('uuid', { name: 'incident_id' }) incidentId: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @Column('varchar', { length: LIMITS.municipality }) municipality: string;
  @Column('varchar', { length: 40, name: 'event_type' }) eventType: string;
  @Column('varchar', { length: LIMITS.personRef, name: 'actor_sub' }) actorSub: string;
  @Column('varchar', { length: 20, name: 'actor_role' }) actorRole: string;
  @Column('varchar', { length: 5, name: 'sql_state' }) sqlState: string;
  @Column('varchar', { length: 200, name: 'constraint_name', nullable: true }) constraintName: string | null;
  @Column('timestamptz', { name: 'opened_at' }) openedAt: Date;
  @Column('varchar', { length: 12 }) status: 'OPEN' | 'RESOLVED';
  @Column('varchar', { length: LIMITS.personRef, name: 'resolved_by', nullable: true }) resolvedBy: string | null;
  @Column('timestamptz', { name: 'resolved_at', nullable: true }) resolvedAt: Date | null;
  @Column('text', { nullable: true }) resolution: string | null;
}
