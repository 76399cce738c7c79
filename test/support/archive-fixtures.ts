// Archive rows written straight into the outbox's tables, for tests where no archive delivery runs: what the API
// shows of them is the point, not the delivery.
import { randomUUID } from 'node:crypto';

/**
 * Files a stand-in document (and opens an incident) for the case's first archive record, for tests where no archive
 * delivery runs: what the API shows of them is the point, not the PDF.
 */
export async function fileTestDocument(db: { query(sql: string, params?: unknown[]): Promise<any[]> }, caseId: string, municipality = '4601') {
  const [rec] = await db.query(`SELECT record_id, document_id, document_key, message_id FROM archive_record WHERE case_id = $1 AND kind = 'ENTRY' ORDER BY position LIMIT 1`, [caseId]);
  await db.query(
    `INSERT INTO archive_document (document_id, record_id, case_id, external_key, kind, title, file_name, file_ref, mime_type, sha256, size, content, created_at)
     VALUES ($1, $2, $3, $4, 'NOTIFICATION', 'Melding', 'Melding.pdf', 'dok.pdf', 'application/pdf', $5, 8, $6, now())`,
    [rec.document_id, rec.record_id, caseId, rec.document_key, '0'.repeat(64), Buffer.from('%PDF-1.7')],
  );
  const incidentId = randomUUID();
  await db.query(
    `INSERT INTO archive_incident (incident_id, record_id, case_id, municipality, message_id, reply_type, error_text, opened_at, status)
     VALUES ($1, $2, $3, $4, $5, 'no.ks.fiks.arkiv.v1.feilmelding.ugyldigforespoersel', 'test', now(), 'OPEN')`,
    [incidentId, rec.record_id, caseId, municipality, rec.message_id],
  );
  return { documentId: rec.document_id as string, incidentId };
}
