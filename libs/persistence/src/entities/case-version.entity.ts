import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The case as it was after one transition, never changed; see the migration CaseVersions1795380000000. */
@Entity({ name: 'case_version' })
export class CaseVersionEntity {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId: string;
  @PrimaryColumn('int') seq: number;
  /** When the transition happened (the history row's occurred_at). */
  @Column('timestamptz') at: Date;
  @Column('varchar', { length: 40, name: 'event_type' }) eventType: string;
  @Column('varchar', { length: 40 }) status: string;
  @Column('jsonb', { name: 'state_value' }) stateValue: unknown;
  @Column('jsonb') context: Record<string, unknown>;
  /** The open tasks then (AssignedTask[]). */
  @Column('jsonb') tasks: unknown[];
  /** The deadlines people had to meet then (OpenDeadline[]). */
  @Column('jsonb') deadlines: unknown[];
}
