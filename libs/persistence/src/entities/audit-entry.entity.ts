import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LIMITS } from '../limits';

/**
 * One entry of the internal-control audit trail: hash-chained per municipality (position, prev_hash, hash), append-only
 * (the application role may only SELECT and INSERT; a trigger refuses UPDATE, DELETE and TRUNCATE). Case entries are
 * keyed by (case, seq), so a retried projection adds none. The payload is kept only as its SHA-256 digest.
 */
@Entity({ name: 'audit_entry' })
export class AuditEntryEntity {
  @PrimaryColumn('varchar', { length: LIMITS.municipality }) municipality: string;
  @PrimaryColumn('bigint') position: string;
  @Column('varchar', { length: 64, name: 'prev_hash' }) prevHash: string;
  @Column('varchar', { length: 64 }) hash: string;
  @Column('varchar', { length: 16 }) kind: string;
  @Column('uuid', { name: 'case_id', nullable: true }) caseId: string | null;
  @Column('int', { nullable: true }) seq: number | null;
  @Column('timestamptz') at: Date;
  @Column('varchar', { length: LIMITS.personRef, name: 'actor_sub' }) actorSub: string;
  @Column('text', { name: 'actor_name' }) actorName: string;
  @Column('varchar', { length: 20, name: 'actor_role' }) actorRole: string;
  @Column('text', { array: true, name: 'actor_municipalities' }) actorMunicipalities: string[];
  @Column('varchar', { length: 64 }) event: string;
  @Column('varchar', { length: 64, name: 'payload_digest' }) payloadDigest: string;
  @Column('varchar', { length: 40, name: 'from_status', nullable: true }) fromStatus: string | null;
  @Column('varchar', { length: 40, name: 'to_status', nullable: true }) toStatus: string | null;
  @Column('text', { name: 'legal_basis', nullable: true }) legalBasis: string | null;
  @Column('varchar', { length: 64, name: 'request_id', nullable: true }) requestId: string | null;
  @Column('varchar', { length: LIMITS.purpose, nullable: true }) purpose: string | null;
  /** When PostgreSQL stored it (not hashed: the chain covers what was recorded, this says when). */
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}
