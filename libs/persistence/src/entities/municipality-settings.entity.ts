import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A municipality's deadline settings; absent rows mean the defaults of domain § 4.3. */
@Entity({ name: 'municipality_settings' })
export class MunicipalitySettingsEntity {
  @PrimaryColumn('varchar', { length: 4 }) municipality: string;
  @Column('jsonb') settings: Record<string, unknown>;
  @Column('varchar', { length: 200, name: 'updated_by' }) updatedBy: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
