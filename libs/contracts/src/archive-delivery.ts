// The archive delivery of a case (issue 11): one Temporal workflow per case drains the case's outbox rows in order,
// one message in flight, the next only after the archive's kvittering. The projection wakes it with a signal (with
// start); a KE leader's retry of a refused message reaches it as an Update, validated before it enters history.
import type { Duration } from '@temporalio/common';
import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from './ip-case.messages';

export const ARCHIVE_DELIVERY_WORKFLOW = 'archiveDeliveryWorkflow';
export const archiveDeliveryWorkflowId = (caseId: string) => `archive-${caseId}`;

export interface ArchiveDeliveryInput {
  caseId: string;
  municipality: string;
  retry?: ArchiveRetryOptions;
}

/** How the delivery retries; the worker's configuration (ARCHIVE_RETRY_*, ARCHIVE_RECEIPT_WAIT; tests shorten it). */
export interface ArchiveRetryOptions {
  initialInterval: Duration;
  maximumInterval: Duration;
  /** Attempts of one message before it becomes an incident ("not delivered") for a person to look at. */
  maximumAttempts: number;
  /** How long one attempt may take, its wait for the kvittering included, before Temporal resends it. */
  attemptTimeout: Duration;
  /** An attempt heartbeats while it waits; a worker that died mid-attempt is noticed after this, and the attempt resent. */
  heartbeatTimeout?: Duration;
}

export const DEFAULT_ARCHIVE_RETRY: ArchiveRetryOptions = { initialInterval: '2 seconds', maximumInterval: '5 minutes', maximumAttempts: 100, attemptTimeout: '2 minutes' };

/** Outbox rows are waiting: sent (with start) by the projection after its transaction committed. */
export const archiveRecordsPendingSignal = defineSignal('archiveRecordsPending');

export interface RetryArchiveIncident {
  incidentId: string;
  actor: Actor;
  requestId?: string;
}
export interface ArchiveIncidentRetried {
  incidentId: string;
  recordId: string;
  retriedAt: string;
}
/** Retry a message the archive refused, after the data was corrected: rebuilt from the case, sent once more. */
export const retryArchiveIncidentUpdate = defineUpdate<ArchiveIncidentRetried, [RetryArchiveIncident]>('retryArchiveIncident');

/** What the delivery waits on: nothing, the next row, or a refusal a person must look at. */
export interface NextArchiveRecord {
  recordId: string;
  position: number;
  kind: 'ENTRY' | 'AVSKRIVNING' | 'CLOSE_FOLDER';
}

/**
 * The KE leader's inbox task of an archive incident: written by the delivery (not a case's own task, so the case's
 * projection leaves it alone), completed by retrying the incident (POST /archive/incidents/:id/retry, or completing
 * the task, which does the same).
 */
export const ARCHIVE_INCIDENT_TASK = 'ARCHIVE_INCIDENT';
export const ARCHIVE_RETRY_COMMAND = 'ARCHIVE_RETRY';
export const archiveIncidentTaskKey = (incidentId: string) => `archive-incident:${incidentId}`;
export const incidentOfTaskKey = (taskKey: string) => (taskKey.startsWith('archive-incident:') ? taskKey.slice('archive-incident:'.length) : null);

/** The failure type of a message the archive refused (ugyldigforespoersel, a partial failure, ikkefunnet): never resent as it is. */
export const ARCHIVE_REFUSED = 'ArchiveRefused';

export interface ArchiveRefusal {
  replyType: string;
  errorId: string | null;
  message: string;
}

export interface ArchiveDeliveryActivities {
  /** The case's first undelivered row in position order, or null when everything is delivered. */
  nextArchiveRecord(caseId: string): Promise<NextArchiveRecord | null>;
  /**
   * Renders the document and builds the message once (kept, so every resend is the same payload and message id),
   * sends it and waits for the kvittering. Server errors and silence fail retryably; a refusal fails with ARCHIVE_REFUSED.
   */
  deliverArchiveRecord(recordId: string): Promise<{ existed: boolean }>;
  /** Opens the incident of a refused row (idempotent by the row's message id); returns its id. */
  openArchiveIncident(r: { recordId: string; refusal: ArchiveRefusal; at: string }): Promise<string>;
  /** Marks the incident retried and the row pending again with a new message id, so the message is rebuilt. */
  retryArchiveRecord(r: { incidentId: string; actor: Actor; at: string }): Promise<{ recordId: string }>;
  /** Whether the case's folder was closed in the archive (the delivery's end). */
  archiveFolderClosed(caseId: string): Promise<boolean>;
}
