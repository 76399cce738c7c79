// The renderer-neutral shape of a document: what each kind's section builder returns and the PDF layout draws.

/** A block of the body, drawn top to bottom. */
export type Block =
  /** A section heading (level 2) or a sub-heading within a section (level 3). */
  | { type: 'heading'; text: string; level?: 2 | 3 }
  | { type: 'paragraph'; text: string }
  /** Label → text rows (e.g. "Tjeneste: Individuell plan"). */
  | { type: 'fields'; rows: [label: string, text: string][] }
  | { type: 'bullets'; items: string[] }
  /** A grid with a header row; an empty table shows one row saying so. */
  | { type: 'table'; columns: string[]; rows: string[][]; empty: string };

export interface DocumentBody {
  /** A letter goes to someone and is signed "Med hilsen"; a note is the unit's own record, "Ført av". */
  form: 'letter' | 'note';
  /** The addressees ("Til"); a letter without any is to the person the case is about. */
  to?: string[];
  copyTo?: string[];
  blocks: Block[];
}
