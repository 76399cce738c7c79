import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { LIMITS } from '../limits';

/** Who read or changed which case, when, why, and with what outcome (Normen faktaark 15). Append-only. */
@Entity({ name: 'access_log' })
export class AccessLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('timestamptz') at: Date;
  @Column('varchar', { length: LIMITS.personRef, name: 'actor_sub' }) actorSub: string;
  @Column('varchar', { length: LIMITS.name, name: 'actor_name', nullable: true }) actorName: string | null;
  @Column('varchar', { length: 20, name: 'actor_role' }) actorRole: string;
  @Column('uuid', { name: 'case_id', nullable: true }) caseId: string | null;
  /** The case's municipality; for a list, the one it was asked for (or the person's only one). */
  @Column('varchar', { length: LIMITS.municipality, nullable: true }) municipality: string | null;
  @Column('varchar', { length: 20 }) action: string;
  @Column('text') resource: string;
  @Column('int') outcome: number;
  /** The purpose stated (token claim or X-Purpose), else the basis: why the person accessed the case. */
  @Column('varchar', { length: LIMITS.purpose, nullable: true }) purpose: string | null;
  /** Where the purpose came from: TOKEN, HEADER, or BASIS (none was stated). */
  @Column('varchar', { length: 8, name: 'purpose_source', nullable: true }) purposeSource: string | null;
  /** The relationship that allowed the access (case-access.policy.ts, AccessBasis); none on a refusal. */
  @Column('varchar', { length: 30, nullable: true }) basis: string | null;
  /** An emergency access ("break the glass"): the reason given. Such entries are proposed for review. */
  @Column('varchar', { length: LIMITS.emergencyReason, name: 'emergency_reason', nullable: true }) emergencyReason: string | null;
  @Column('varchar', { length: LIMITS.clientId, name: 'client_id', nullable: true }) clientId: string | null;
  @Column('varchar', { length: 64, name: 'client_address', nullable: true }) clientAddress: string | null;
  /** The request (X-Request-Id) the entry belongs to. */
  @Column('varchar', { length: 64, name: 'request_id', nullable: true }) requestId: string | null;
  /** A list's filters, and the cases it showed. */
  @Column('jsonb', { nullable: true }) filters: Record<string, unknown> | null;
  @Column('uuid', { array: true, name: 'case_ids', nullable: true }) caseIds: string[] | null;
}
