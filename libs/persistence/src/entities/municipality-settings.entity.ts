import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LIMITS } from '../limits';

/** A municipality's deadline settings; absent rows mean the defaults of domain § 4.3. */
@Entity({ name: 'municipality_settings' })
export class MunicipalitySettingsEntity {
  @PrimaryColumn('varchar', { length: LIMITS.municipality }) municipality: string;
  @Column('jsonb') settings: Record<string, unknown>;
  @Column('varchar', { length: LIMITS.personRef, name: 'updated_by' }) updatedBy: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
