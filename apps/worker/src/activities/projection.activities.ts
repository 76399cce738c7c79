// Keeps the PostgreSQL read model current. Idempotent: the history row keyed by (case, seq) is the gate,
// so a retried activity finds its row and changes nothing.
import { DataSource } from 'typeorm';
import { mergeSettings, MunicipalitySettings } from '../../../../libs/case-machine/src';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { enqueueArchiveRecords } from '../../../../libs/archive/src/outbox';
import { ARCHIVE_DELIVERY_WORKFLOW, archiveDeliveryWorkflowId, archiveRecordsPendingSignal } from '../../../../libs/contracts/src/archive-delivery';
import type { ArchiveRetryOptions } from '../../../../libs/contracts/src/archive-delivery';
import { CaseActivities, PROJECTION_REJECTED, TransitionRecord } from '../../../../libs/contracts/src/ip-case.activities';
import { MunicipalitySettingsEntity } from '../../../../libs/persistence/src';
import { classifyDbError, withSafeFailures } from './activity-failures';
import { auditTransition } from './audit-trail';
import { readModelStatement } from './read-model-statement';

/**
 * A data or integrity error (SQLSTATE classes 22, 23) stays one however often it is retried: it is not retried, and
 * the workflow opens an incident. The failure keeps the SQLSTATE and the constraint, never the values.
 */
function rejectedForGood(e: unknown): ApplicationFailure | undefined {
  const { sqlState, constraint, retryable } = classifyDbError(e);
  if (!sqlState || retryable) return undefined;
  return ApplicationFailure.create({
    type: PROJECTION_REJECTED,
    message: `PostgreSQL refused the change for good (SQLSTATE ${sqlState}${constraint ? `, constraint ${constraint}` : ''})`,
    nonRetryable: true,
    details: [{ sqlState, constraint }],
  });
}

/** Whether this worker delivers to an archive, and how the delivery retries. */
export interface ArchiveWake {
  retry?: ArchiveRetryOptions;
}

/**
 * Wakes the case's archive delivery when its outbox holds undelivered rows: after the projection committed (so the
 * rows are there to read), and again on a retried projection, so a crash between the commit and the signal loses no
 * wake-up. Signal-with-start: the delivery workflow begins if it is not running.
 */
async function wakeArchiveDelivery(db: DataSource, r: TransitionRecord, wake: ArchiveWake) {
  const waiting = await db.query(`SELECT 1 FROM archive_record WHERE case_id = $1 AND status <> 'DELIVERED' LIMIT 1`, [r.caseId]);
  if (waiting.length === 0) return;
  const ctx = Context.current();
  await ctx.client.workflow.signalWithStart(ARCHIVE_DELIVERY_WORKFLOW, {
    workflowId: archiveDeliveryWorkflowId(r.caseId),
    taskQueue: ctx.info.taskQueue,
    args: [{ caseId: r.caseId, municipality: r.municipality, ...(wake.retry ? { retry: wake.retry } : {}) }],
    signal: archiveRecordsPendingSignal,
    signalArgs: [],
  });
}

/** The activities; any other failure says which error it was, never the values (activity-failures.ts). */
export function createProjectionActivities(db: DataSource, archive?: ArchiveWake): CaseActivities {
  return withSafeFailures<CaseActivities>({
    async openIncident(i) {
      await db.query(
        `INSERT INTO case_incident (incident_id, case_id, municipality, event_type, actor_sub, actor_role, sql_state, constraint_name, opened_at, status)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,'OPEN') ON CONFLICT (incident_id) DO NOTHING`,
        [i.incidentId, i.caseId, i.municipality, i.eventType, i.actor.sub, i.actor.role, i.sqlState, i.constraint, i.at],
      );
    },

    async resolveIncident(r) {
      await db.query(
        `UPDATE case_incident SET status = 'RESOLVED', resolved_by = $2, resolved_at = $3, resolution = $4 WHERE incident_id = $1 AND status = 'OPEN'`,
        [r.incidentId, r.actor.sub, r.at, r.resolution],
      );
    },

    async projectTransition(r) {
      const result = await project(db, r).catch((e) => {
        throw rejectedForGood(e) ?? e;
      });
      if (archive) await wakeArchiveDelivery(db, r, archive);
      return result;
    },

    async loadMunicipalitySettings(municipality) {
      const row = await db.getRepository(MunicipalitySettingsEntity).findOneBy({ municipality });
      return mergeSettings((row?.settings ?? {}) as Partial<MunicipalitySettings>);
    },
  });
}

/** One transaction keyed by (case, seq): a retried activity finds its history row and changes nothing. */
function project(db: DataSource, r: TransitionRecord) {
  return db.transaction(async (m) => {
    const { sql, params } = readModelStatement(r);
    const [{ applied }] = await m.query(sql, params);
    if (!applied) return { applied: false };
    await enqueueArchiveRecords(m, r);
    // Last: the chain's lock (one per municipality) is held from here to the commit only.
    await auditTransition(m, r);
    return { applied: true };
  });
}
