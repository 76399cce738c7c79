// The transactional outbox of the archive delivery: called inside the projection's transaction of a transition, it
// writes the records that transition files (journal-records.ts decides which), and the folder's closing after the
// last. The external keys are generated here, once: a retried projection finds its history row and never gets here.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { TransitionRecord } from '../../contracts/src/ip-case.activities';
import { ANSWERS, CLOSING_AVSKRIVNING, journalRecordFor } from './journal-records';

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
  const first = position;
  // Each row is written at once, so the rows after it see it (an incoming entry avskrevet is not avskrevet again).
  const row = (kind: string, o: { spec?: unknown; key?: string; documentId?: string; answers?: string } = {}) =>
    m.query(
      `INSERT INTO archive_record (record_id, case_id, municipality, position, seq, event_type, kind, spec, external_key, document_id, document_key,
         answers_key, message_id, status, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,'PENDING',$14)`,
      [randomUUID(), r.caseId, r.municipality, position++, r.seq, r.eventType, kind, o.spec ? JSON.stringify(o.spec) : null, o.key ?? null,
        o.documentId ?? null, o.documentId ? documentKey(o.documentId) : null, o.answers ?? null, randomUUID(), r.at],
    );
  /** Incoming entries of the case not yet avskrevet (of the given events, or all). */
  const open = async (events?: string[]): Promise<string[]> =>
    (await m.query(
      `SELECT e.external_key AS key FROM archive_record e
       WHERE e.case_id = $1 AND e.kind = 'ENTRY' AND e.spec->>'type' = 'I' AND ($2::text[] IS NULL OR e.event_type = ANY($2))
         AND NOT EXISTS (SELECT 1 FROM archive_record a WHERE a.answers_key = e.external_key)
       ORDER BY e.position`,
      [r.caseId, events ?? null],
    )).map((x: { key: string }) => x.key);
  if (spec) {
    const key = entryKey(randomUUID());
    await row('ENTRY', { spec, key, documentId: randomUUID() });
    // The answer goes after the entry that answers (the archive needs both): avskrivning besvart med brev.
    const answers = ANSWERS[r.eventType as keyof typeof ANSWERS];
    if (answers) for (const incoming of await open(answers.answers)) await row('AVSKRIVNING', { spec: { method: answers.method, answeredByKey: key }, answers: incoming });
  }
  // Closing the folder goes last: the archive refuses registrations on a closed case (README § 5.6), and may refuse to
  // close one with restanser, so every incoming entry still open is avskrevet first. Once.
  const closing = r.closed && (await m.query(`SELECT 1 FROM archive_record WHERE case_id = $1 AND kind = 'CLOSE_FOLDER'`, [r.caseId])).length === 0;
  if (closing) {
    for (const incoming of await open()) await row('AVSKRIVNING', { spec: { method: CLOSING_AVSKRIVNING }, answers: incoming });
    await row('CLOSE_FOLDER');
  }
  return position - first;
}
