import type { IpCaseContext } from '../../../case-machine/src/ip-case.types';
import type { DocumentKind } from '../journal-records';

/**
 * What the renderer needs to write one record's document. The identity (names, national identity numbers) comes from
 * PostgreSQL, never from the machine's context; the rest is the event that filed the record and the case as it stood.
 */
export interface DocumentInput {
  kind: DocumentKind;
  /** The document's title (the heading and the PDF's title metadata), e.g. the record name of journalRecordFor. */
  title: string;
  municipality: { number: string; name?: string };
  caseId: string;
  /** When the document was issued (ISO 8601): its date, and the PDF's creation and modification dates. */
  issuedAt: string;
  /** The caseworker who files it (signs a letter, writes a note). */
  author: { name: string; role: string };
  /** The person the case is about; null when not known (e.g. an expected child not yet born). */
  subject: { name: string; nationalId: string; birthDate?: string } | null;
  /** The event that filed the record; its payload is read defensively (older histories lack fields). */
  event: { type: string; payload: Record<string, unknown> };
  /** The machine's case context (the snapshot after the event, or before it: either is read). */
  context: Partial<IpCaseContext>;
  /** Names the context only holds as references (the coordinator is an employee id there). */
  names?: { coordinator?: { name: string; unit?: string; phone?: string } };
}
