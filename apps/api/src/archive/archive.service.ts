// What the archive delivery shows: each case's records with their state and the archive's ids, the documents as
// filed, and the archive's refusals; a refused message is retried through the case's delivery workflow (an Update),
// never by changing the outbox from here.
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import {
  canReadCaseArchive,
  canReadCase,
  canRetryArchiveIncident,
  canSeeArchiveIncidents,
  Principal,
} from '../../../../libs/auth/src';
import { archiveDeliveryWorkflowId, retryArchiveIncidentUpdate } from '../../../../libs/contracts/src/archive-delivery';
import { AccessLogService } from '../access-log/access-log.service';
import { actorOf } from '../cases/case-commands.service';
import { CasesService } from '../cases/cases.service';
import { incidentPage } from '../common/incident-page';
import { ProblemException, problems } from '../problem/problem';
import { requestContext } from '../access-log/request-context';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import type { ArchiveIncidentQueryDto, CaseArchiveDto } from './dto/archive.dto';

const INCIDENT_COLUMNS = `i.incident_id AS "incidentId", i.case_id AS "caseId", i.record_id AS "recordId", i.municipality, i.message_id AS "messageId",
  i.reply_type AS "replyType", i.error_id AS "errorId", i.error_text AS "errorText", i.opened_at AS "openedAt", i.status,
  i.retried_at AS "retriedAt", i.retried_by AS "retriedBy"`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const number = (year: number | null, seq: number | null) => (year && seq ? `${year}/${seq}` : null);
/** The stored error: the archive's text, not our JSON wrapping of it. */
const errorText = (e: string | null) => {
  if (!e) return null;
  try {
    return (JSON.parse(e) as { message?: string }).message ?? e;
  } catch {
    return e;
  }
};

@Injectable()
export class ArchiveService {
  constructor(
    private readonly db: DataSource,
    private readonly accessLog: AccessLogService,
    private readonly cases: CasesService,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async caseArchive(p: Principal, caseId: string): Promise<CaseArchiveDto> {
    const c = await this.cases.visibleCase(p, caseId);
    if (!canReadCaseArchive(p, c)) {
      await this.accessLog.record(p, 'READ', `cases/${caseId}/archive`, 403, caseId);
      throw problems.forbidden('The archive delivery of a case is for those who read the case.');
    }
    const [folder] = await this.db.query(`SELECT * FROM archive_folder WHERE case_id = $1`, [caseId]);
    const rows = await this.db.query(
      `SELECT r.*, d.file_name, d.mime_type, d.size, d.sha256 FROM archive_record r LEFT JOIN archive_document d ON d.document_id = r.document_id
       WHERE r.case_id = $1 ORDER BY r.position`,
      [caseId],
    );
    await this.accessLog.record(p, 'READ', `cases/${caseId}/archive`, 200, caseId);
    return {
      caseId,
      folder: folder
        ? { externalKey: folder.external_key, systemId: folder.system_id, saksnummer: number(folder.saksaar, folder.sakssekvensnummer), openedAt: iso(folder.opened_at)!, closedAt: iso(folder.closed_at) }
        : null,
      records: rows.map((r: Record<string, any>) => ({
        recordId: r.record_id,
        position: r.position,
        kind: r.kind,
        eventType: r.event_type,
        seq: r.seq,
        record: r.kind === 'AVSKRIVNING' ? `Avskrivning (${r.spec?.method})` : r.spec?.record ?? null,
        answersKey: r.answers_key,
        type: r.spec?.type ?? null,
        externalKey: r.external_key,
        state: r.status,
        attempts: r.attempts,
        lastAttemptAt: iso(r.last_attempt_at),
        lastError: errorText(r.last_error),
        deliveredAt: iso(r.delivered_at),
        existed: r.existed,
        archiveIds: { systemId: r.system_id, journalpostnummer: number(r.journalaar, r.journalsekvensnummer) },
        document: r.file_name
          ? { documentId: r.document_id, externalKey: r.document_key, fileName: r.file_name, mimeType: r.mime_type, size: r.size, sha256: String(r.sha256).trim(),
              href: `/cases/${caseId}/documents/${r.document_id}` }
          : null,
      })),
    };
  }

  /** The PDF/A as filed; a download of health data, logged as an export. */
  async document(p: Principal, caseId: string, documentId: string): Promise<{ content: Buffer; fileName: string; mimeType: string }> {
    const c = await this.cases.visibleCase(p, caseId);
    const resource = `cases/${caseId}/documents/${documentId}`;
    if (!canReadCaseArchive(p, c)) {
      await this.accessLog.record(p, 'EXPORT', resource, 403, caseId);
      throw problems.forbidden('The documents of a case are for those who read the case.');
    }
    const [doc] = await this.db.query(`SELECT content, file_name, mime_type FROM archive_document WHERE document_id = $1 AND case_id = $2`, [documentId, caseId]);
    if (!doc) {
      await this.accessLog.record(p, 'EXPORT', resource, 404, caseId);
      throw problems.notFound('document');
    }
    await this.accessLog.record(p, 'EXPORT', resource, 200, caseId);
    return { content: doc.content, fileName: doc.file_name, mimeType: doc.mime_type };
  }

  async incidents(p: Principal, q: ArchiveIncidentQueryDto) {
    if (!canSeeArchiveIncidents(p)) throw problems.forbidden('Archive incidents are followed up by the KE leader.');
    return incidentPage(this.db, this.accessLog, p, q, { table: 'archive_incident', columns: INCIDENT_COLUMNS, resource: 'archive/incidents' });
  }

  async retry(p: Principal, incidentId: string) {
    const resource = `archive/incidents/${incidentId}/retry`;
    const [row] = await this.db.query(
      `SELECT ${INCIDENT_COLUMNS}, c.coordinator_employee_id AS "coordinatorEmployeeId", c.proposed_coordinator_employee_id AS "proposedCoordinatorEmployeeId"
       FROM archive_incident i JOIN ip_case c ON c.case_id = i.case_id WHERE i.incident_id = $1`,
      [incidentId],
    );
    if (!row || !canSeeArchiveIncidents(p) || !canReadCase(p, row)) {
      await this.accessLog.record(p, 'COMMAND', resource, 404);
      throw problems.notFound('archive incident');
    }
    if (!canRetryArchiveIncident(p)) {
      await this.accessLog.record(p, 'COMMAND', resource, 403, row.caseId);
      throw problems.forbidden('Only a KE leader (or the system role) retries a refused archive message.');
    }
    try {
      await this.temporal.workflow
        .getHandle(archiveDeliveryWorkflowId(row.caseId))
        .executeUpdate(retryArchiveIncidentUpdate, { args: [{ incidentId, actor: actorOf(p), requestId: requestContext()?.requestId }], updateId: `retry-${incidentId}` });
    } catch (e) {
      if (e instanceof WorkflowUpdateFailedError || e instanceof WorkflowNotFoundError) {
        await this.accessLog.record(p, 'COMMAND', resource, 409, row.caseId);
        throw new ProblemException(HttpStatus.CONFLICT, 'Incident not open', `Archive incident ${incidentId} is not open (it was retried already).`, { code: 'ARCHIVE_INCIDENT_NOT_OPEN' });
      }
      throw e;
    }
    await this.accessLog.record(p, 'COMMAND', resource, 200, row.caseId);
    const [done] = await this.db.query(`SELECT ${INCIDENT_COLUMNS} FROM archive_incident i WHERE i.incident_id = $1`, [incidentId]);
    return done;
  }
}
