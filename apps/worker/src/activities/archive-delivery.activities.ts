// The archive delivery's activities: read the case's outbox in order, render the document and build the message once
// (kept on the row, so every resend is the same payload with the same message id), hand it to the transport, and wait
// for the archive's kvittering. Temporal retries what fails retryably; a refusal is final for that message.
import { Context, ApplicationFailure } from '@temporalio/activity';
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  ARCHIVE_INCIDENT_TASK,
  ARCHIVE_REFUSED,
  ARCHIVE_RETRY_COMMAND,
  archiveIncidentTaskKey,
  type ArchiveDeliveryActivities,
  type ArchiveRefusal,
} from '../../../../libs/contracts/src/archive-delivery';
import { MESSAGE_TYPE, type ArchiveReply, type DocumentFile, type OutgoingMessage } from '../../../../libs/archive/src/archive.types';
import type { JournalRecordSpec } from '../../../../libs/archive/src/journal-records';
import { documentFileName, folderInputFor, journalpostInputFor, type CaseRecordSource } from '../../../../libs/archive/src/record-inputs';
import { renderDocument } from '../../../../libs/archive/src/documents';
import { buildCloseFolderMessage, buildRecordMessage, partyIdFor } from '../../../../libs/archive/src/fiks-arkiv/arkivmelding';
import { buildAvskrivningMessage } from '../../../../libs/archive/src/fiks-arkiv/avskrivning';
import { parseReply } from '../../../../libs/archive/src/fiks-arkiv/receipts';
import { mergeArchiveSettings } from '../../../../libs/archive/src/fiks-arkiv/archive-settings';
import { schemasAvailable, validatePayload } from '../../../../libs/archive/src/fiks-arkiv/schema-validator';
import { ArchiveUnavailableError, type ArchiveTransport } from '../../../../libs/archive/src/transport';
import { osloDateOf } from '../../../../libs/calendar/src/civil-date';
import type { ArchiveSettings } from '../../../../libs/archive/src/archive.types';
import type { IpCaseContext } from '../../../../libs/case-machine/src/ip-case.types';

export interface ArchiveDeliveryOptions {
  transport: ArchiveTransport;
  /** How often an attempt asks for replies while it waits for the kvittering. */
  replyPollMs?: number;
  /** How long one attempt waits for the kvittering before it fails (and is resent by Temporal's retry). */
  receiptWaitMs?: number;
}

interface RecordRow {
  record_id: string;
  case_id: string;
  municipality: string;
  seq: number;
  kind: 'ENTRY' | 'AVSKRIVNING' | 'CLOSE_FOLDER';
  /** The entry's spec; for an avskrivning its method and the answering entry. */
  spec: (JournalRecordSpec & { method?: never }) | { method: 'BU' | 'TO'; answeredByKey?: string } | null;
  answers_key: string | null;
  external_key: string | null;
  document_id: string | null;
  document_key: string | null;
  message_id: string;
  status: string;
  payload: string | null;
  last_error: string | null;
  created_at: Date;
}

const refused = (refusal: ArchiveRefusal) => ApplicationFailure.create({ type: ARCHIVE_REFUSED, message: `the archive refused the message: ${refusal.message}`, nonRetryable: true, details: [refusal] });

const TERMINAL = new Set(['STORED', 'INVALID', 'NOT_FOUND', 'PARTIAL_FAILURE', 'SERVER_ERROR']);

export function createArchiveDeliveryActivities(db: DataSource, o: ArchiveDeliveryOptions): ArchiveDeliveryActivities {
  const pollMs = o.replyPollMs ?? 250;
  const waitMs = o.receiptWaitMs ?? 60_000;
  const localSchemas = schemasAvailable();

  async function settingsOf(municipality: string): Promise<ArchiveSettings> {
    const [row] = await db.query(`SELECT settings FROM archive_settings WHERE municipality = $1`, [municipality]);
    return mergeArchiveSettings((row?.settings ?? {}) as Partial<ArchiveSettings>);
  }

  async function sourceOf(row: RecordRow): Promise<CaseRecordSource> {
    const [[subject], [history], [version]] = await Promise.all([
      db.query(`SELECT national_id, name, birth_date FROM case_subject WHERE case_id = $1`, [row.case_id]),
      db.query(`SELECT event_type, payload, occurred_at, actor_name, actor_role FROM case_history WHERE case_id = $1 AND seq = $2`, [row.case_id, row.seq]),
      db.query(`SELECT context FROM case_version WHERE case_id = $1 AND seq = $2`, [row.case_id, row.seq]),
    ]);
    return {
      caseId: row.case_id,
      municipality: row.municipality,
      subject: subject ? { nationalId: subject.national_id, name: subject.name, birthDate: subject.birth_date ? osloDateOf(subject.birth_date) : null } : null,
      event: {
        type: history?.event_type ?? row.kind,
        payload: history?.payload ?? {},
        at: history ? new Date(history.occurred_at).toISOString() : row.created_at.toISOString(),
        actorName: history?.actor_name ?? 'system',
        actorRole: history?.actor_role ?? 'SYSTEM',
      },
      context: version?.context ?? {},
    };
  }

  /** The row's document, rendered once and kept: the bytes the archive gets are the bytes the API serves. */
  async function documentOf(row: RecordRow, s: CaseRecordSource): Promise<{ file: DocumentFile; content: Buffer }> {
    const spec = row.spec as JournalRecordSpec;
    const fileRef = `${row.document_key!.replace('/', '-')}.pdf`;
    let [stored] = await db.query(`SELECT * FROM archive_document WHERE document_id = $1`, [row.document_id]);
    if (!stored) {
      const content = await renderDocument({
        kind: spec.document,
        title: spec.record,
        municipality: { number: row.municipality },
        caseId: row.case_id,
        issuedAt: s.event.at,
        author: { name: s.event.actorName, role: s.event.actorRole },
        subject: s.subject ? { name: s.subject.name, nationalId: s.subject.nationalId, birthDate: s.subject.birthDate ?? undefined } : null,
        event: { type: s.event.type, payload: s.event.payload },
        context: s.context as Partial<IpCaseContext>,
      });
      await db.query(
        `INSERT INTO archive_document (document_id, record_id, case_id, external_key, kind, title, file_name, file_ref, mime_type, sha256, size, content, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'application/pdf',$9,$10,$11,now()) ON CONFLICT (document_id) DO NOTHING`,
        [row.document_id, row.record_id, row.case_id, row.document_key, spec.document, spec.record, documentFileName(spec), fileRef,
          createHash('sha256').update(content).digest('hex'), content.length, content],
      );
      [stored] = await db.query(`SELECT * FROM archive_document WHERE document_id = $1`, [row.document_id]);
    }
    return {
      file: { externalKey: stored.external_key, kind: spec.document, title: stored.title, fileName: stored.file_name, fileRef: stored.file_ref, mimeType: 'application/pdf', sha256: stored.sha256.trim(), size: stored.size },
      content: stored.content as Buffer,
    };
  }

  /** The message of a row: built and checked against the schema once, then the same for every resend. */
  async function messageOf(row: RecordRow): Promise<OutgoingMessage> {
    const s = await sourceOf(row);
    const document = row.kind === 'ENTRY' ? await documentOf(row, s) : null;
    let payload = row.payload;
    const messageType = { ENTRY: MESSAGE_TYPE.CREATE, AVSKRIVNING: MESSAGE_TYPE.AVSKRIVNING, CLOSE_FOLDER: MESSAGE_TYPE.UPDATE }[row.kind];
    if (!payload) {
      const settings = await settingsOf(row.municipality);
      const [folder] = await db.query(`SELECT external_key, opened_at, closed_at FROM archive_folder WHERE case_id = $1`, [row.case_id]);
      const avskrivning = row.spec as { method: 'BU' | 'TO'; answeredByKey?: string };
      const xml =
        row.kind === 'ENTRY'
          ? buildRecordMessage(settings, folderInputFor(folder.external_key, osloDateOf(folder.opened_at), s, settings),
              journalpostInputFor(row.external_key!, row.spec as JournalRecordSpec, s, document!.file, settings, osloDateOf(s.event.at)))
          : row.kind === 'AVSKRIVNING'
            // The incoming entry's sender (EA) is the party avskrevet: its id as the record message carried it.
            ? buildAvskrivningMessage(settings, { entryKey: row.answers_key!, partyId: partyIdFor(row.answers_key!, 'EA'), method: avskrivning.method,
                answeredByKey: avskrivning.answeredByKey, date: osloDateOf(s.event.at), by: s.event.actorName })
            : buildCloseFolderMessage(settings, folder.external_key, s.event.at, s.event.actorName);
      // Checked against the official schemas where the worker has them (FIKS_ARKIV_XSD_DIR); the archive checks again.
      const check = localSchemas ? await validatePayload(messageType, xml) : { valid: true, errors: [] };
      if (!check.valid) {
        // Our own message would not pass the archive's schema: a refusal before the round trip (README § 4).
        const refusal: ArchiveRefusal = { replyType: 'LOCAL_SCHEMA_CHECK', errorId: null, message: check.errors.slice(0, 5).join('; ') };
        await db.query(`UPDATE archive_record SET status = 'REFUSED', last_error = $2 WHERE record_id = $1`, [row.record_id, JSON.stringify(refusal)]);
        throw refused(refusal);
      }
      await db.query(`UPDATE archive_record SET payload = $2 WHERE record_id = $1 AND payload IS NULL`, [row.record_id, xml]);
      [{ payload }] = await db.query(`SELECT payload FROM archive_record WHERE record_id = $1`, [row.record_id]);
    }
    return { messageId: row.message_id, messageType, payload: payload!, files: document ? [{ name: document.file.fileRef, content: document.content }] : [] };
  }

  /** Applies the archive's terminal reply to the row; returns whether the archive already had it, or throws. */
  async function settle(row: RecordRow, reply: ArchiveReply): Promise<{ existed: boolean }> {
    const parsed = parseReply(reply);
    if (parsed.kind === 'STORED') {
      const existed = !!(parsed.entry?.existed ?? parsed.folder?.existed);
      await db.transaction(async (m) => {
        await m.query(
          `UPDATE archive_record SET status = 'DELIVERED', delivered_at = now(), existed = $2, system_id = $3, journalaar = $4, journalsekvensnummer = $5,
             journalpostnummer = $6, last_error = NULL WHERE record_id = $1`,
          [row.record_id, existed, parsed.entry?.systemId ?? null, parsed.entry?.journalaar ?? null, parsed.entry?.journalsekvensnummer ?? null, parsed.entry?.journalpostnummer ?? null],
        );
        if (parsed.folder) {
          await m.query(`UPDATE archive_folder SET system_id = $2, saksaar = $3, sakssekvensnummer = $4 WHERE case_id = $1`,
            [row.case_id, parsed.folder.systemId ?? null, parsed.folder.saksaar ?? null, parsed.folder.sakssekvensnummer ?? null]);
        }
        if (row.kind === 'CLOSE_FOLDER') await m.query(`UPDATE archive_folder SET closed_at = now() WHERE case_id = $1 AND closed_at IS NULL`, [row.case_id]);
      });
      return { existed };
    }
    const p = parsed as { kind: string; errorId?: string | null; message?: string };
    const refusal: ArchiveRefusal = { replyType: reply.type, errorId: p.errorId ?? null, message: p.message ?? reply.type };
    if (parsed.kind === 'SERVER_ERROR') {
      await db.query(`UPDATE archive_record SET last_error = $2 WHERE record_id = $1`, [row.record_id, JSON.stringify(refusal)]);
      throw new ArchiveUnavailableError(`the archive answered serverfeil: ${refusal.message}`);
    }
    await db.query(`UPDATE archive_record SET status = 'REFUSED', last_error = $2 WHERE record_id = $1`, [row.record_id, JSON.stringify(refusal)]);
    throw refused(refusal);
  }

  const terminalOf = (replies: ArchiveReply[]) => {
    for (let i = replies.length - 1; i >= 0; i--) if (TERMINAL.has(parseReply(replies[i]).kind)) return replies[i];
    return undefined;
  };

  return {
    async nextArchiveRecord(caseId) {
      const [row] = await db.query(
        `SELECT record_id, position, kind FROM archive_record WHERE case_id = $1 AND status <> 'DELIVERED' ORDER BY position LIMIT 1`,
        [caseId],
      );
      return row ? { recordId: row.record_id, position: row.position, kind: row.kind } : null;
    },

    async archiveFolderClosed(caseId) {
      const [row] = await db.query(`SELECT closed_at FROM archive_folder WHERE case_id = $1`, [caseId]);
      return !!row?.closed_at;
    },

    async deliverArchiveRecord(recordId) {
      const [row]: RecordRow[] = await db.query(`SELECT * FROM archive_record WHERE record_id = $1`, [recordId]);
      if (!row) throw ApplicationFailure.nonRetryable(`no archive record ${recordId}`, 'ArchiveRecordMissing');
      if (row.status === 'DELIVERED') return { existed: false };
      if (row.status === 'REFUSED') throw refused(JSON.parse(row.last_error ?? '{}') as ArchiveRefusal);
      const ctx = Context.current();
      await db.query(
        `UPDATE archive_record SET attempts = attempts + 1, last_attempt_at = now(), status = CASE WHEN status = 'PENDING' THEN 'SENT' ELSE status END
         WHERE record_id = $1`,
        [recordId],
      );
      try {
        // What the archive already answered (a crash after the kvittering came): settled without a resend.
        const before = await o.transport.replies(row.message_id);
        const answered = terminalOf(before);
        if (answered && parseReply(answered).kind !== 'SERVER_ERROR') return await settle(row, answered);
        ctx.heartbeat();
        const message = await messageOf(row);
        ctx.heartbeat();
        await o.transport.send(message);
        const waitUntil = Date.now() + waitMs;
        while (Date.now() < waitUntil) {
          ctx.heartbeat();
          const replies = (await o.transport.replies(row.message_id)).slice(before.length);
          const terminal = terminalOf(replies);
          if (terminal) return await settle(row, terminal);
          if (replies.length > 0) await db.query(`UPDATE archive_record SET status = 'RECEIVED' WHERE record_id = $1 AND status = 'SENT'`, [recordId]);
          await ctx.sleep(pollMs);
        }
        throw new ArchiveUnavailableError(`no kvittering within ${Math.round(waitMs / 1000)} s`);
      } catch (e) {
        // The archive out of reach, a server fault or silence: said on the row, and Temporal resends.
        if (e instanceof ArchiveUnavailableError) {
          await db.query(`UPDATE archive_record SET last_error = $2 WHERE record_id = $1`, [recordId, JSON.stringify({ replyType: 'TRANSPORT', errorId: null, message: e.message })]);
        }
        throw e;
      }
    },

    async openArchiveIncident({ recordId, refusal, at }) {
      const [row] = await db.query(`SELECT case_id, municipality, message_id FROM archive_record WHERE record_id = $1`, [recordId]);
      await db.query(`UPDATE archive_record SET status = 'REFUSED', last_error = $2 WHERE record_id = $1 AND status <> 'DELIVERED'`, [recordId, JSON.stringify(refusal)]);
      await db.query(
        `INSERT INTO archive_incident (incident_id, record_id, case_id, municipality, message_id, reply_type, error_id, error_text, opened_at, status)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,'OPEN') ON CONFLICT (message_id) DO NOTHING`,
        [randomUUID(), recordId, row.case_id, row.municipality, row.message_id, refusal.replyType, refusal.errorId, refusal.message, at],
      );
      const [incident] = await db.query(`SELECT incident_id FROM archive_incident WHERE message_id = $1`, [row.message_id]);
      // The KE leader's task in the inbox: the refusal holds the case's later records until someone acts on it.
      await db.query(
        `INSERT INTO case_task (case_id, task_key, kind, candidate_role, municipality, status, due, created_at, created_seq, version, priority, completes, commands)
         SELECT $1, $2, '${ARCHIVE_INCIDENT_TASK}', 'KE_LEADER', $3, 'OPEN', $4::date, $5, r.seq, 1, 1, '${ARCHIVE_RETRY_COMMAND}', ARRAY['${ARCHIVE_RETRY_COMMAND}']
         FROM archive_record r WHERE r.record_id = $6
         ON CONFLICT (case_id, task_key) WHERE status IN ('OPEN', 'CLAIMED') DO NOTHING`,
        [row.case_id, archiveIncidentTaskKey(incident.incident_id), row.municipality, osloDateOf(at), at, recordId],
      );
      return incident.incident_id as string;
    },

    async retryArchiveRecord({ incidentId, actor, at }) {
      return db.transaction(async (m) => {
        const [incident] = await m.query(`SELECT record_id, status FROM archive_incident WHERE incident_id = $1 FOR UPDATE`, [incidentId]);
        if (!incident) throw ApplicationFailure.nonRetryable(`no archive incident ${incidentId}`, 'ArchiveIncidentMissing');
        if (incident.status === 'OPEN') {
          await m.query(`UPDATE archive_incident SET status = 'RETRIED', retried_at = $2, retried_by = $3 WHERE incident_id = $1`, [incidentId, at, actor.sub]);
          await m.query(
            `UPDATE case_task SET status = 'COMPLETED', closed_at = $2, closed_by = $3, closed_by_name = $4, close_reason = 'archive message retried', version = version + 1
             WHERE task_key = $1 AND status IN ('OPEN', 'CLAIMED')`,
            [archiveIncidentTaskKey(incidentId), at, actor.sub, actor.name],
          );
          // A new message: rebuilt from the corrected data, with a new message id (the refused one is never resent).
          await m.query(`UPDATE archive_record SET status = 'PENDING', payload = NULL, message_id = $2 WHERE record_id = $1 AND status = 'REFUSED'`, [incident.record_id, randomUUID()]);
        }
        return { recordId: incident.record_id as string };
      });
    },
  };
}
