// The archive delivery of one case: drains the case's outbox in position order, one message in flight, the next only
// after the archive's kvittering (README § 5.5: folder and entries, closing last). Temporal does the waiting and the
// retrying: a server error or silence is retried with back-off with the same payload and message id; a refusal opens
// an incident and the delivery of this case waits until a KE leader retries it (an Update) — the rows after it wait
// too, since order matters. Idle, it ends after a while; the projection's next signal-with-start begins it again.
import { ActivityFailure, ApplicationFailure, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  ARCHIVE_REFUSED,
  archiveRecordsPendingSignal,
  retryArchiveIncidentUpdate,
  type ArchiveDeliveryActivities,
  type ArchiveDeliveryInput,
  type ArchiveRefusal,
  DEFAULT_ARCHIVE_RETRY,
} from '../../libs/contracts/src/archive-delivery';

const IDLE_BEFORE_END = '1 hour';
const ROWS_BEFORE_CONTINUE_AS_NEW = 200;

export async function archiveDeliveryWorkflow(input: ArchiveDeliveryInput): Promise<{ delivered: number }> {
  const retry = input.retry ?? DEFAULT_ARCHIVE_RETRY;
  const { nextArchiveRecord, openArchiveIncident, retryArchiveRecord, archiveFolderClosed } = proxyActivities<ArchiveDeliveryActivities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });
  const { deliverArchiveRecord } = proxyActivities<ArchiveDeliveryActivities>({
    startToCloseTimeout: retry.attemptTimeout,
    heartbeatTimeout: retry.heartbeatTimeout ?? '10 seconds',
    retry: {
      initialInterval: retry.initialInterval,
      maximumInterval: retry.maximumInterval,
      backoffCoefficient: 2,
      maximumAttempts: retry.maximumAttempts,
      nonRetryableErrorTypes: [ARCHIVE_REFUSED],
    },
  });

  let pending = true;
  let blockedBy: string | null = null;
  let retried: string | null = null;
  setHandler(archiveRecordsPendingSignal, () => {
    pending = true;
  });
  setHandler(
    retryArchiveIncidentUpdate,
    async (cmd) => {
      const at = new Date().toISOString();
      const { recordId } = await retryArchiveRecord({ incidentId: cmd.incidentId, actor: cmd.actor, at });
      retried = cmd.incidentId;
      return { incidentId: cmd.incidentId, recordId, retriedAt: at };
    },
    {
      validator: (cmd) => {
        if (blockedBy !== cmd.incidentId) {
          throw ApplicationFailure.create({ type: 'IncidentNotOpen', message: `incident ${cmd.incidentId} is not what this case's delivery waits on`, nonRetryable: true });
        }
      },
    },
  );

  let delivered = 0;
  while (delivered < ROWS_BEFORE_CONTINUE_AS_NEW && !workflowInfo().continueAsNewSuggested) {
    pending = false;
    const next = await nextArchiveRecord(input.caseId);
    if (!next) {
      if (await archiveFolderClosed(input.caseId)) return { delivered };
      if (!(await condition(() => pending, IDLE_BEFORE_END))) return { delivered };
      continue;
    }
    try {
      await deliverArchiveRecord(next.recordId);
      delivered += 1;
    } catch (e) {
      const refusal = refusalOf(e);
      blockedBy = await openArchiveIncident({ recordId: next.recordId, refusal, at: new Date().toISOString() });
      await condition(() => retried === blockedBy);
      blockedBy = null;
      retried = null;
    }
  }
  await continueAsNew<typeof archiveDeliveryWorkflow>(input);
  return { delivered };
}

/** A refusal as the archive gave it, or the last error of a message that could not be delivered in all its attempts. */
function refusalOf(e: unknown): ArchiveRefusal {
  const cause = e instanceof ActivityFailure ? e.cause : e;
  if (cause instanceof ApplicationFailure && cause.type === ARCHIVE_REFUSED) return cause.details?.[0] as ArchiveRefusal;
  const message = cause instanceof Error ? cause.message : String(cause);
  return { replyType: 'UNDELIVERABLE', errorId: null, message: `not delivered after every attempt: ${message}` };
}
