// The shapes the archive delivery is built from (issue 11): the per-municipality AGREE settings
// (../shared/noark5/README.md § 8), what a message and a document are made of, and the wire protocol the two
// transports and the local archive peer share. One file, so the message builder, the PDF renderer, the outbox
// and the peer agree on them.
import type { CorrespondentRole, DocumentKind, JournalRecordSpec } from './journal-records';

/** What a municipality agrees with its archive vendor (README § 8); per municipality, with defaults that validate. */
export interface ArchiveSettings {
  /** The sending system's name: arkivmelding/system and referanseEksternNoekkel/fagsystem. */
  system: string;
  /** The archive's rule set for IP (arkivmelding/regel), if agreed. */
  regel: string | null;
  /** The person-oriented series (arkivdel), e.g. "KE"; null lets the archive or its rule decide. */
  arkivdel: string | null;
  /** Primary class: the person's identity number (klassifikasjonssystemID, e.g. "PNR"), always screened (KID). */
  personClassSystem: string;
  /** Secondary class from the municipality's K-codes (e.g. KK / G), if agreed. */
  secondaryClass: { system: string; classId: string; title: string | null } | null;
  /** tilgangsrestriksjon code for offentleglova § 13 (often "13"). */
  accessRestriction: string;
  /** skjermingshjemmel text, e.g. "Offl. § 13 jf. fvl. § 13 (1) nr. 1". */
  screeningAuthority: string;
  /** dokumenttype code of the filed documents (KS code list), e.g. "DOKUMENT", as agreed. */
  documentType: string;
  /** A dokumenttype per document kind where it differs from documentType (e.g. VEDTAK for a decision letter). */
  documentTypeByKind?: Partial<Record<DocumentKind, string>>;
  /** format code of the PDF/A files: "PDF" as the KS examples, or a PRONOM id ("fmt/479" is PDF/A-2b). */
  formatCode: string;
  /** journalstatus the engine may set per journalposttype (J, F, E …). */
  journalStatus: { I: string; U: string; N: string; X: string };
  /** The administrative unit (administrativEnhet/navn) that owns the case. */
  administrativeUnit: string;
}

/** The case folder (saksmappe) every message carries, so the archive can get-or-create it (README § 5.3). */
export interface FolderInput {
  /** referanseEksternNoekkel/noekkel: "sak/<uuid>", generated once in our database. */
  externalKey: string;
  /** The folder's title, with the person's name (screened); the public title has it masked. */
  title: string;
  publicTitle: string;
  subject: { nationalId: string; name: string };
  /** saksdato, YYYY-MM-DD. */
  caseDate: string;
  /** saksansvarlig: the KE caseworker or coordinator responsible, if known. */
  caseHandler: { name: string; id: string } | null;
}

/** A correspondence party resolved from the case (names never reach a public title). */
export interface PartyInput {
  /**
   * korrespondansepartID, assigned by us (partyIdFor) so a later avskrivning can name the party: the archive does
   * not return its own id in the kvittering (README § 2.1). AGREE with the archive that it keeps the given id.
   */
  partyId?: string;
  role: CorrespondentRole;
  name: string;
  personId?: string;
  organisationId?: string;
  /** The name is screened (NA/NM on the entry, or a private person). */
  screened: boolean;
  isPersonName: boolean;
  /** erBehandlingsansvarlig: the internal party who follows the record up. */
  responsible?: boolean;
}

/** A rendered document as filed: the bytes live in our database, the message names them. */
export interface DocumentFile {
  /** referanseEksternNoekkel/noekkel of the dokumentbeskrivelse: "dok/<uuid>". */
  externalKey: string;
  kind: DocumentKind;
  title: string;
  /** filnavn: the display name, e.g. "Vedtak om individuell plan.pdf". */
  fileName: string;
  /** referanseDokumentfil: the file's name inside the message (and the drop folder), e.g. "dok-<uuid>.pdf". */
  fileRef: string;
  mimeType: 'application/pdf';
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  size: number;
}

/** One journal entry (journalpost) to deliver. */
export interface JournalpostInput {
  /** referanseEksternNoekkel/noekkel: "jp/<uuid>". */
  externalKey: string;
  spec: JournalRecordSpec;
  /** The entry's title (may name the case's person only where screened); the public title is spec.publicTitle. */
  title: string;
  /** dokumentetsDato, YYYY-MM-DD. */
  documentDate: string;
  /** mottattDato (I) or sendtDato (U), ISO date-time. */
  receivedAt?: string;
  sentAt?: string;
  parties: PartyInput[];
  document: DocumentFile;
}

/** The Fiks Arkiv message types the engine sends. */
export const MESSAGE_TYPE = {
  CREATE: 'no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett',
  UPDATE: 'no.ks.fiks.arkiv.v1.arkivering.arkivmelding.oppdater',
  /** nyAvskrivning: marks an incoming entry's party as dealt with (README § 2.3 (b)). */
  AVSKRIVNING: 'no.ks.fiks.arkiv.v1.arkivering.avskrivning.opprett',
} as const;

/** The reply types (README § 3). */
export const REPLY_TYPE = {
  CREATE_RECEIVED: 'no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.mottatt',
  CREATE_RECEIPT: 'no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.kvittering',
  UPDATE_RECEIVED: 'no.ks.fiks.arkiv.v1.arkivering.arkivmelding.oppdater.mottatt',
  UPDATE_RECEIPT: 'no.ks.fiks.arkiv.v1.arkivering.arkivmelding.oppdater.kvittering',
  /** Both without payload (meldingstyper.json: harPayload false). */
  AVSKRIVNING_RECEIVED: 'no.ks.fiks.arkiv.v1.arkivering.avskrivning.opprett.mottatt',
  AVSKRIVNING_RECEIPT: 'no.ks.fiks.arkiv.v1.arkivering.avskrivning.opprett.kvittering',
  INVALID: 'no.ks.fiks.arkiv.v1.feilmelding.ugyldigforespoersel',
  SERVER_ERROR: 'no.ks.fiks.arkiv.v1.feilmelding.serverfeil',
  NOT_FOUND: 'no.ks.fiks.arkiv.v1.feilmelding.ikkefunnet',
} as const;

// ---- The wire protocol of both transports and the local archive peer -------------------------------------------

/** One message as handed to a transport: the payload, its files, and the ids that make a resend recognisable. */
export interface OutgoingMessage {
  /** klientMeldingId: generated once per outbox row, reused on every resend. */
  messageId: string;
  messageType: (typeof MESSAGE_TYPE)[keyof typeof MESSAGE_TYPE];
  /** arkivmelding.xml */
  payload: string;
  files: { name: string; content: Buffer }[];
}

/** One reply of the archive to a message, in the order it came. */
export interface ArchiveReply {
  type: string;
  /** The reply's XML payload (kvittering, feilmelding), when the type has one. */
  payload?: string;
  at: string;
}

/**
 * HTTP: POST {base}/messages with JSON {messageId, messageType, payload, files: [{name, contentBase64}]} answers
 * 202 {replies}; GET {base}/messages/{messageId}/replies answers 200 {replies} (404 for a message it never got).
 * File drop: {dir}/outbox/{messageId}/ holds melding.json ({messageId, messageType}), arkivmelding.xml and the files,
 * written under {dir}/outbox/.tmp-{messageId} and renamed whole; the archive writes {dir}/replies/{messageId}/replies.json
 * ({replies}), replaced whole (write + rename) as replies arrive; a resend of a dropped message id goes in a new folder
 * {dir}/outbox/{messageId}.{suffix}.
 * On both, the replies of a message id are an append-only list. A message id the archive knows with a terminal reply
 * other than serverfeil is a recognised duplicate: nothing is appended or processed again. After a serverfeil (or no
 * terminal reply yet), the same message id is processed anew and its new replies are appended.
 */
export const WIRE = {
  messagesPath: '/messages',
  repliesPath: (messageId: string) => `/messages/${encodeURIComponent(messageId)}/replies`,
  dropOutbox: 'outbox',
  dropReplies: 'replies',
  dropMeta: 'melding.json',
  dropPayload: 'arkivmelding.xml',
  dropRepliesFile: 'replies.json',
} as const;
