// PUT/PATCH of a municipality's archive settings (README § 8): every field optional, each checked as
// validateArchiveSettings checks it; the settings in force are mergeArchiveSettings(overrides).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Matches, ValidateIf, ValidateNested } from 'class-validator';
import type { DocumentKind } from '../journal-records';
import { FORMAT_CODE, KS_CODE_LISTS } from './code-lists';

/** Optional, but not null: null means "the archive decides" only where the field says so. */
const IsOptionalNotNull = () => ValidateIf((_: object, v: unknown) => v !== undefined);
const TOKEN = /^\S+$/;
const TEXT = /^\S(.*\S)?$/s;

export const DOCUMENT_KINDS = [
  'NOTIFICATION', 'PRELIMINARY_REPLY', 'DECISION_LETTER', 'CONSENT_DECLARATION', 'ORAL_CONSENT_NOTE', 'CONSENT_WITHDRAWAL', 'SHARING_ENDED_NOTICE',
  'DISCLOSURE_NOTE', 'CHILD_HEARD_NOTE', 'APPOINTMENT_LETTER', 'ANSVARSGRUPPE_INVITATION', 'MAPPING_NOTE', 'PLAN_VERSION', 'EVALUATION', 'APPEAL',
  'LATE_APPEAL_ASSESSMENT', 'RECONSIDERATION', 'APPEAL_FORWARDING', 'STATSFORVALTER_DECISION', 'TRANSFER_LETTER', 'CLOSURE_LETTER',
] as const satisfies readonly DocumentKind[];
// Every document kind is listed (a compile error otherwise).
type UnlistedKind = Exclude<DocumentKind, (typeof DOCUMENT_KINDS)[number]>;
const everyKindListed: UnlistedKind extends never ? true : UnlistedKind = true;
void everyKindListed;

export class SecondaryClassDto {
  @ApiProperty({ example: 'KK' }) @IsString() @Matches(TOKEN)
  system: string;
  @ApiProperty({ example: 'G' }) @IsString() @Matches(TEXT)
  classId: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Helsetjenester' }) @IsOptional() @IsString() @Matches(TEXT)
  title: string | null;
}

export class JournalStatusDto {}
for (const type of ['I', 'U', 'N', 'X'] as const) {
  IsOptionalNotNull()(JournalStatusDto.prototype, type);
  IsIn(KS_CODE_LISTS.journalstatus)(JournalStatusDto.prototype, type);
  ApiPropertyOptional({ enum: KS_CODE_LISTS.journalstatus, description: `journalstatus of a journalpost of type ${type}` })(JournalStatusDto.prototype, type);
}

/** One optional dokumenttype per document kind. */
export class DocumentTypeByKindDto {}
for (const kind of DOCUMENT_KINDS) {
  IsOptionalNotNull()(DocumentTypeByKindDto.prototype, kind);
  IsIn(KS_CODE_LISTS.dokumenttype)(DocumentTypeByKindDto.prototype, kind);
  ApiPropertyOptional({ enum: KS_CODE_LISTS.dokumenttype })(DocumentTypeByKindDto.prototype, kind);
}

export class ArchiveSettingsDto {
  @ApiPropertyOptional({ description: 'arkivmelding/system and referanseEksternNoekkel/fagsystem', example: 'ke-ip' })
  @IsOptionalNotNull() @IsString() @Matches(TEXT)
  system?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: "The archive's rule set (arkivmelding/regel); null for none" })
  @IsOptional() @IsString() @Matches(TEXT)
  regel?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'arkivdel code; null lets the archive decide', example: 'KE' })
  @IsOptional() @IsString() @Matches(TOKEN)
  arkivdel?: string | null;

  @ApiPropertyOptional({ description: 'klassifikasjonssystemID of the primary class (the person id)', example: 'PNR' })
  @IsOptionalNotNull() @IsString() @Matches(TOKEN)
  personClassSystem?: string;

  @ApiPropertyOptional({ type: SecondaryClassDto, nullable: true })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => SecondaryClassDto)
  secondaryClass?: SecondaryClassDto | null;

  @ApiPropertyOptional({ description: 'tilgangsrestriksjon code', example: '13' })
  @IsOptionalNotNull() @IsString() @Matches(TOKEN)
  accessRestriction?: string;

  @ApiPropertyOptional({ description: 'skjermingshjemmel', example: 'Offl. § 13 jf. fvl. § 13 (1) nr. 1' })
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @Matches(TEXT)
  screeningAuthority?: string;

  @ApiPropertyOptional({ enum: KS_CODE_LISTS.dokumenttype })
  @IsOptionalNotNull() @IsIn(KS_CODE_LISTS.dokumenttype)
  documentType?: string;

  @ApiPropertyOptional({ type: DocumentTypeByKindDto })
  @IsOptionalNotNull() @IsObject() @ValidateNested() @Type(() => DocumentTypeByKindDto)
  documentTypeByKind?: DocumentTypeByKindDto;

  @ApiPropertyOptional({ description: "'PDF' or a PRONOM id", example: 'PDF' })
  @IsOptionalNotNull() @IsString() @Matches(FORMAT_CODE)
  formatCode?: string;

  @ApiPropertyOptional({ type: JournalStatusDto })
  @IsOptionalNotNull() @IsObject() @ValidateNested() @Type(() => JournalStatusDto)
  journalStatus?: JournalStatusDto;

  @ApiPropertyOptional({ description: 'administrativEnhet/navn', example: 'Koordinerende enhet' })
  @IsOptionalNotNull() @IsString() @Matches(TEXT)
  administrativeUnit?: string;
}
