// avskrivning.opprett (README §§ 2.1, 2.3 (b), template 03): marks one party of an incoming entry as dealt with,
// optionally by the outgoing entry that answered it. Sent after the kvittering of both entries (README § 5 step 5).
import type { ArchiveSettings } from '../archive.types';
import { isKsCode } from './code-lists';
import { NS } from './namespaces';
import { serialize, writerFor, xmlDocument } from './xml-writer';

/** avskrivningsmaate (KS code list): BU besvart med brev, BE e-post, TLF telefon, TE tatt til etterretning, TO til orientering. */
export type AvskrivningMethod = 'BU' | 'BE' | 'TLF' | 'TE' | 'TO';

export interface AvskrivningInput {
  /** referanseEksternNoekkel/noekkel of the incoming entry: "jp/<uuid>". */
  entryKey: string;
  /** korrespondansepartID of the party on that entry (partyIdFor(entryKey, role), as the record message carried it). */
  partyId: string;
  method: AvskrivningMethod;
  /** The outgoing entry that answered it (referanseAvskrivesAvJournalpost), if any. */
  answeredByKey?: string;
  /** avskrivningsdato, YYYY-MM-DD. */
  date: string;
  /** avskrevetAv/navn: who marked it dealt with. */
  by: string;
}

const w = writerFor(NS.avskrivning);

/** nyAvskrivning; throws on a method outside the code list or a date that is not YYYY-MM-DD. */
export function buildAvskrivningMessage(settings: ArchiveSettings, a: AvskrivningInput): string {
  if (!isKsCode('avskrivningsmaate', a.method)) throw new Error(`avskrivningsmaate ${a.method} is not in the KS code list`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(a.date)) throw new Error(`avskrivningsdato ${a.date} is not YYYY-MM-DD`);
  if (!a.partyId) throw new Error('korrespondansepartID is required');
  const doc = xmlDocument(NS.avskrivning, 'nyAvskrivning');
  const av = w.el(doc, 'avskrivning');
  w.el(av, 'avskrivningsdato', a.date);
  w.ids(av, 'avskrevetAv', { name: a.by });
  w.code(av, 'avskrivningsmaate', a.method);
  if (a.answeredByKey) w.refByKey(av, 'referanseAvskrivesAvJournalpost', settings.system, a.answeredByKey);
  w.refByKey(doc, 'referanseTilJournalpost', settings.system, a.entryKey);
  w.el(doc, 'korrespondansepartID', a.partyId);
  return serialize(doc);
}
