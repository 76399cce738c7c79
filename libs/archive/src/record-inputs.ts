// What a message and its document are built from, resolved from the case as PostgreSQL holds it: the folder, the
// entry's correspondence parties by the roles journal-records.ts names, and the document's input. Pure: the delivery
// activity reads the rows, this decides what they say.
import { municipalityName } from '../../municipalities/src';
import type { ArchiveSettings, FolderInput, JournalpostInput, PartyInput } from './archive.types';
import type { DocumentFile } from './archive.types';
import type { JournalRecordSpec, PartyKind } from './journal-records';
import { partyIdFor } from './fiks-arkiv/arkivmelding';

/** The case as the archive delivery reads it: the person, the transition's history row and the case's context then. */
export interface CaseRecordSource {
  caseId: string;
  municipality: string;
  subject: { nationalId: string; name: string; birthDate: string | null } | null;
  event: { type: string; payload: Record<string, unknown>; at: string; actorName: string; actorRole: string };
  context: Record<string, unknown>;
}

const MASK = '*****';

export function folderInputFor(externalKey: string, openedOn: string, s: CaseRecordSource, settings: ArchiveSettings): FolderInput {
  const name = s.subject?.name ?? 'ukjent';
  const base = 'Koordinerende enhet - individuell plan/koordinator';
  return {
    externalKey,
    title: `${base} - ${name}`,
    publicTitle: `${base} - ${MASK}`,
    subject: { nationalId: s.subject?.nationalId ?? '', name },
    caseDate: openedOn,
    caseHandler: { name: settings.administrativeUnit, id: `KE-${s.municipality}` },
  };
}

/** Names of the parties a record goes to or comes from; a person's name is screened, a service's is not. */
function partyFor(kind: PartyKind, s: CaseRecordSource, role: PartyInput['role'], screenedNames: boolean): PartyInput {
  const p = s.event.payload;
  const ctx = s.context as { coordinator?: { employeeId: string; unit: string } | null };
  switch (kind) {
    case 'USER':
      return { role, name: s.subject?.name ?? 'Brukeren', personId: s.subject?.nationalId, screened: true, isPersonName: true };
    case 'NOTIFIER': {
      const n = p.notifier as { name?: string; organisationNumber?: string } | undefined;
      const organisation = !!n?.organisationNumber;
      return { role, name: n?.name ?? 'Melder', organisationId: n?.organisationNumber, screened: screenedNames && !organisation, isPersonName: !organisation };
    }
    case 'SERVICE':
      return { role, name: String(p.recipient ?? 'Tjenesten'), screened: false, isPersonName: false };
    case 'STATSFORVALTER':
      return { role, name: 'Statsforvalteren', screened: false, isPersonName: false };
    case 'RECEIVING_KE': {
      const to = String(p.newMunicipality ?? '');
      return { role, name: `Koordinerende enhet, ${municipalityName(to) ?? to}`, organisationId: undefined, screened: false, isPersonName: false };
    }
    case 'ANSVARSGRUPPE':
      return { role, name: 'Ansvarsgruppens medlemmer', screened: screenedNames, isPersonName: false };
    case 'SHARING_PARTIES':
      return { role, name: 'Samarbeidende tjenester', screened: screenedNames, isPersonName: false };
    case 'COORDINATOR':
      return { role, name: `Koordinator, ${ctx.coordinator?.unit ?? 'ukjent enhet'}`, screened: false, isPersonName: false };
  }
}

/**
 * The entry's parties: those § 6.3 names, then the KE as the internal party responsible for it (IM on an incoming
 * record, IA on an outgoing one or a note) — README § 2.1.
 */
export function partiesFor(spec: JournalRecordSpec, s: CaseRecordSource, settings: ArchiveSettings): PartyInput[] {
  const screenedNames = spec.screening.includes('NA') || spec.screening.includes('NM');
  const external = spec.parties.filter((x) => x.role !== 'IM' && x.role !== 'IA').map((x) => partyFor(x.party, s, x.role, screenedNames));
  const internalOthers = spec.parties.filter((x) => x.role === 'IM' || x.role === 'IA').map((x) => partyFor(x.party, s, x.role, false));
  const ke: PartyInput = { role: spec.type === 'I' ? 'IM' : 'IA', name: settings.administrativeUnit, screened: false, isPersonName: false, responsible: true };
  return [...external, ke, ...internalOthers];
}

export function journalpostInputFor(externalKey: string, spec: JournalRecordSpec, s: CaseRecordSource, document: DocumentFile, settings: ArchiveSettings, documentDate: string): JournalpostInput {
  // Each party's korrespondansepartID, derived from the entry's key: an avskrivning names the sender by it later.
  const parties = partiesFor(spec, s, settings).map((p) => ({ ...p, partyId: partyIdFor(externalKey, p.role) }));
  return {
    externalKey,
    spec,
    title: spec.record,
    documentDate,
    ...(spec.type === 'I' ? { receivedAt: String(s.event.payload.receivedAt ?? s.event.at) } : {}),
    ...(spec.type === 'U' ? { sentAt: s.event.at } : {}),
    parties,
    document,
  };
}

/** The display name of the filed document. */
export function documentFileName(spec: JournalRecordSpec): string {
  return `${spec.record.replace(/[\\/:*?"<>|]/g, '-')}.pdf`;
}
