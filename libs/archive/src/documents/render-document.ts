// renderDocument: one record's document as a PDF/A-2b file, from the event that filed it and the case it belongs to.
import type { DocumentInput } from './document-input';
import { date, nationalId } from './labels';
import { SCREENING_NOTE } from './legal-texts';
import { drawDocument, type DocumentFrame } from './pdf-layout';
import { SECTIONS } from './sections';

/** The PDF for one archive record; the same input gives the same bytes (dates and file id come from the input). */
export function renderDocument(input: DocumentInput): Promise<Buffer> {
  const build = SECTIONS[input.kind];
  if (!build) return Promise.reject(new Error(`No document is defined for kind ${String(input.kind)}`));
  const issuedAt = new Date(input.issuedAt);
  if (Number.isNaN(issuedAt.getTime())) return Promise.reject(new Error('issuedAt is not an ISO 8601 instant'));
  return drawDocument(frameOf(input, issuedAt), build(input));
}

function frameOf(input: DocumentInput, issuedAt: Date): DocumentFrame {
  const name = input.municipality.name?.trim();
  const subject = input.subject;
  return {
    title: input.title,
    organisation: name ? (/kommune$/i.test(name) ? name : `${name} kommune`) : `Kommune ${input.municipality.number}`,
    unit: 'Koordinerende enhet',
    reference: input.caseId,
    date: date(input.issuedAt),
    issuedAt,
    screening: SCREENING_NOTE,
    concerning: subject
      ? `${subject.name}, fødselsnr. ${nationalId(subject.nationalId)}`
      : `person ikke identifisert${input.context.birthDate ? ` (født ${date(input.context.birthDate)})` : ''}`,
    defaultRecipient: subject?.name ?? null,
    author: input.author,
  };
}
