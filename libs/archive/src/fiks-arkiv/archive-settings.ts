// A municipality's archive settings (the AGREE items of README § 8): defaults that validate against the Fiks Arkiv V1
// schemas and suit an IP case, the merge of a municipality's overrides onto them, and a field-by-field check.
import type { DocumentKind } from '../journal-records';
import type { ArchiveSettings } from '../archive.types';
import { FORMAT_CODE, isKsCode, type KsCodeList } from './code-lists';

export const DEFAULT_ARCHIVE_SETTINGS: ArchiveSettings = {
  system: 'ke-ip',
  regel: null,
  // Null lets the archive (or its regel) place the folder; a person-oriented series such as "KE" is agreed locally.
  arkivdel: null,
  personClassSystem: 'PNR',
  secondaryClass: null,
  accessRestriction: '13',
  screeningAuthority: 'Offl. § 13 jf. fvl. § 13 (1) nr. 1',
  documentType: 'DOKUMENT',
  documentTypeByKind: {
    NOTIFICATION: 'MELDING',
    DECISION_LETTER: 'VEDTAK',
    RECONSIDERATION: 'VEDTAK',
    STATSFORVALTER_DECISION: 'VEDTAK',
    APPEAL: 'KLAGE',
    PRELIMINARY_REPLY: 'KORR',
    APPOINTMENT_LETTER: 'KORR',
    ANSVARSGRUPPE_INVITATION: 'KORR',
    SHARING_ENDED_NOTICE: 'KORR',
    APPEAL_FORWARDING: 'KORR',
    TRANSFER_LETTER: 'KORR',
    CLOSURE_LETTER: 'KORR',
    ORAL_CONSENT_NOTE: 'NOTAT',
    CHILD_HEARD_NOTE: 'NOTAT',
    MAPPING_NOTE: 'NOTAT',
    DISCLOSURE_NOTE: 'NOTAT',
    LATE_APPEAL_ASSESSMENT: 'NOTAT',
    EVALUATION: 'RAPPORT',
  },
  // The KS examples send "PDF"; a PRONOM id (fmt/479 = PDF/A-2b) is the alternative to agree.
  formatCode: 'PDF',
  // F (ferdigstilt) lets the records staff journalføre, which every archive accepts from a fagsystem; an outgoing
  // letter is filed when it is sent, so E (ekspedert).
  journalStatus: { I: 'F', U: 'E', N: 'F', X: 'F' },
  administrativeUnit: 'Koordinerende enhet',
};

/** A municipality's overrides: any field, and journalStatus per type. */
export type ArchiveSettingsOverrides = Partial<Omit<ArchiveSettings, 'journalStatus'>> & { journalStatus?: Partial<ArchiveSettings['journalStatus']> };

/** The settings in force: the overrides (undefined fields ignored) over the base, journalStatus and documentTypeByKind per key. */
export function mergeArchiveSettings(partial: ArchiveSettingsOverrides = {}, base: ArchiveSettings = DEFAULT_ARCHIVE_SETTINGS): ArchiveSettings {
  const defined = <T extends object>(o: T | undefined): Partial<T> =>
    Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
  return {
    ...base,
    ...defined(partial),
    journalStatus: { ...base.journalStatus, ...defined(partial.journalStatus) },
    documentTypeByKind: { ...base.documentTypeByKind, ...defined(partial.documentTypeByKind) },
  };
}

/** The dokumenttype of a document kind under these settings. */
export function documentTypeFor(settings: ArchiveSettings, kind: DocumentKind): string {
  return settings.documentTypeByKind?.[kind] ?? settings.documentType;
}

export interface SettingsIssue {
  field: string;
  reason: string;
}

/** Codes are short identifiers: no whitespace inside or around. */
const CODE = /^\S+$/;

/**
 * Every problem with the settings, by field. The schemas restrict these strings only to a minimum length of 1
 * (no maximum); the codes with a closed KS list (dokumenttype, journalstatus) must be on it; the archive's own codes
 * (tilgangsrestriksjon, arkivdel, classification systems) must at least be one token.
 */
export function validateArchiveSettings(s: ArchiveSettings): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  const fail = (field: string, reason: string) => (issues.push({ field, reason }), false);
  const text = (field: string, v: unknown, nullable = false): boolean => {
    if (v === null && nullable) return false;
    if (typeof v !== 'string') return fail(field, nullable ? 'must be a string or null' : 'must be a string');
    if (v.trim().length === 0) return fail(field, 'must not be empty (the schema requires at least one character)');
    if (v !== v.trim()) return fail(field, 'must not start or end with whitespace');
    return true;
  };
  const code = (field: string, v: unknown, nullable = false) => {
    if (text(field, v, nullable) && !CODE.test(v as string)) fail(field, 'a code must not contain whitespace');
  };
  const listed = (field: string, list: KsCodeList, v: unknown) => {
    if (text(field, v) && !isKsCode(list, v as string)) fail(field, `'${String(v)}' is not in the KS ${list} code list`);
  };

  text('system', s.system);
  text('regel', s.regel, true);
  code('arkivdel', s.arkivdel, true);
  code('personClassSystem', s.personClassSystem);
  if (s.secondaryClass !== null) {
    if (typeof s.secondaryClass !== 'object' || s.secondaryClass === undefined) issues.push({ field: 'secondaryClass', reason: 'must be an object or null' });
    else {
      code('secondaryClass.system', s.secondaryClass.system);
      text('secondaryClass.classId', s.secondaryClass.classId);
      text('secondaryClass.title', s.secondaryClass.title, true);
    }
  }
  code('accessRestriction', s.accessRestriction);
  text('screeningAuthority', s.screeningAuthority);
  listed('documentType', 'dokumenttype', s.documentType);
  for (const [kind, v] of Object.entries(s.documentTypeByKind ?? {})) listed(`documentTypeByKind.${kind}`, 'dokumenttype', v);
  if (text('formatCode', s.formatCode) && !FORMAT_CODE.test(s.formatCode)) {
    issues.push({ field: 'formatCode', reason: "must be 'PDF' or a PRONOM id such as 'fmt/479'" });
  }
  if (typeof s.journalStatus !== 'object' || s.journalStatus === null) issues.push({ field: 'journalStatus', reason: 'must be an object with I, U, N and X' });
  else for (const type of ['I', 'U', 'N', 'X'] as const) listed(`journalStatus.${type}`, 'journalstatus', s.journalStatus[type]);
  text('administrativeUnit', s.administrativeUnit);
  return issues;
}
