import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The person a case concerns. Personal identity lives only here, never in Temporal search attributes or logs. */
@Entity({ name: 'case_subject' })
export class CaseSubjectEntity {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId: string;
  @Column('varchar', { length: 11, name: 'national_id' }) nationalId: string;
  @Column('varchar', { length: 10, name: 'id_type' }) idType: string;
  @Column('text') name: string;
  @Column('date', { name: 'birth_date', nullable: true }) birthDate: string | null;
}
