import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LIMITS } from '../limits';

/** A municipality's own target for an internal-control indicator; without a row, domain § 5.2's default applies. */
@Entity({ name: 'internal_control_target' })
export class InternalControlTargetEntity {
  @PrimaryColumn('varchar', { length: LIMITS.municipality }) municipality: string;
  @PrimaryColumn('varchar', { length: LIMITS.indicator }) indicator: string;
  @Column('varchar', { length: 2 }) comparison: string;
  @Column('numeric') value: string;
  @Column('varchar', { length: LIMITS.personRef, name: 'updated_by' }) updatedBy: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
