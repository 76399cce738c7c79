// The transactional outbox of the archive delivery: called inside the projection's transaction of a transition, it
// writes the records that transition files (journal-records.ts decides which), and the folder's closing after the
// last. The external keys are generated here, once: a retried projection finds its history row and never gets here.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { TransitionRecord } from '../../contracts/src/ip-case.activities';
import { journalRecordFor } from './journal-records';

export const folderKey = (id: string) => `sak/${id}`;
export const entryKey = (id: string) => `jp/${id}`;
export const documentKey = (id: string) => `dok/${id}`;

/** Writes the transition's archive records; returns how many (0 when it files none). */
export async function enqueueArchiveRecords(m: EntityManager, r: TransitionRecord): Promise<number> {
  const spec = journalRecordFor({ ...r.payload, type: r.eventType });
  if (!spec && !r.closed) return 0;
  await m.query(
    `INSERT INTO archive_folder (case_id, municipality, external_key, opened_at) VALUES ($1, $2, $3, $4) ON CONFLICT (case_id) DO NOTHING`,
    [r.caseId, r.municipality, folderKey(randomUUID()), r.at],
  );
  const [{ next }] = await m.query(`SELECT COALESCE(MAX(position), 0) + 1 AS next FROM archive_record WHERE case_id = $1`, [r.caseId]);
  let position = Number(next);
  const rows: unknown[][] = [];
  if (spec) {
    const recordId = randomUUID();
    const documentId = randomUUID();
    rows.push([recordId, r.caseId, r.municipality, position++, r.seq, r.eventType, 'ENTRY', JSON.stringify(spec), entryKey(randomUUID()), documentId,
      documentKey(documentId), randomUUID(), r.at]);
  }
  // Closing the folder goes last: the archive refuses registrations on a closed case (README § 5.6). Once.
  const closing = r.closed && (await m.query(`SELECT 1 FROM archive_record WHERE case_id = $1 AND kind = 'CLOSE_FOLDER'`, [r.caseId])).length === 0;
  if (closing) rows.push([randomUUID(), r.caseId, r.municipality, position++, r.seq, r.eventType, 'CLOSE_FOLDER', null, null, null, null, randomUUID(), r.at]);
  for (const row of rows) {
    await m.query(
      `INSERT INTO archive_record (record_id, case_id, municipality, position, seq, event_type, kind, spec, external_key, document_id, document_key,
         message_id, status, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,'PENDING',$13)`,
      row,
    );
  }
  return rows.length;
}
