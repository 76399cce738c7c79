// Keeps the PostgreSQL read model current. Idempotent: the history row keyed by (case, seq) is the gate,
// so a retried activity finds its row and changes nothing.
import { DataSource, EntityManager } from 'typeorm';
import { LEGAL_BASIS, mergeSettings, MunicipalitySettings } from '../../../../libs/case-machine/src';
import { osloDateOf } from '../../../../libs/calendar/src/civil-date';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { enqueueArchiveRecords } from '../../../../libs/archive/src/outbox';
import { ARCHIVE_DELIVERY_WORKFLOW, ARCHIVE_INCIDENT_TASK, archiveDeliveryWorkflowId, archiveRecordsPendingSignal } from '../../../../libs/contracts/src/archive-delivery';
import type { ArchiveRetryOptions } from '../../../../libs/contracts/src/archive-delivery';
import { CaseActivities, PROJECTION_REJECTED, TransitionRecord } from '../../../../libs/contracts/src/ip-case.activities';
import { MunicipalitySettingsEntity } from '../../../../libs/persistence/src';
import { classifyDbError, withSafeFailures } from './activity-failures';
import { auditTransition } from './audit-trail';
import { recordCaseVersion } from './case-versions';

async function upsertCase(m: EntityManager, r: TransitionRecord) {
  const ctx = r.context as { coordinator?: { employeeId: string } | null; proposedCoordinator?: { employeeId: string } | null; receivedAt?: string | null; closure?: { reason: string; at: string } | null };
  const nextDue = r.deadlines.map((d) => d.due).sort()[0] ?? null;
  await m.query(
    `INSERT INTO ip_case (case_id, municipality, status, state_value, seq, allowed_events, coordinator_employee_id,
       proposed_coordinator_employee_id, context, received_at, closed_at, closure_reason, next_due, updated_at, blocked_events)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)
     ON CONFLICT (case_id) DO UPDATE SET status = EXCLUDED.status, state_value = EXCLUDED.state_value, seq = EXCLUDED.seq,
       allowed_events = EXCLUDED.allowed_events, blocked_events = EXCLUDED.blocked_events, coordinator_employee_id = EXCLUDED.coordinator_employee_id,
       proposed_coordinator_employee_id = EXCLUDED.proposed_coordinator_employee_id, context = EXCLUDED.context,
       received_at = EXCLUDED.received_at, closed_at = EXCLUDED.closed_at, closure_reason = EXCLUDED.closure_reason,
       next_due = EXCLUDED.next_due, updated_at = EXCLUDED.updated_at
     WHERE ip_case.seq < EXCLUDED.seq`,
    [
      r.caseId,
      r.municipality,
      r.toStatus,
      JSON.stringify(r.stateValue),
      r.seq,
      r.allowedEvents,
      ctx.coordinator?.employeeId ?? null,
      ctx.proposedCoordinator?.employeeId ?? null,
      JSON.stringify(r.context),
      ctx.receivedAt ?? null,
      ctx.closure?.at ?? null,
      ctx.closure?.reason ?? null,
      nextDue,
      r.at,
      JSON.stringify(r.blockedEvents ?? []),
    ],
  );
}

async function syncTasks(m: EntityManager, r: TransitionRecord) {
  const keys = r.tasks.map((t) => t.key);
  // Tasks the case no longer waits for leave every inbox at once, with the reason: the completed one is
  // COMPLETED by the actor, the others are CANCELLED because the case moved on (or closed).
  await m.query(
    `UPDATE case_task SET status = CASE WHEN task_key = $3 OR $4 = ANY(COALESCE(commands, ARRAY[completes])) THEN 'COMPLETED' ELSE 'CANCELLED' END,
       closed_at = $5, closed_seq = $6, close_reason = $7, closed_by = $8, closed_by_name = $9, version = version + 1
     WHERE case_id = $1 AND status IN ('OPEN', 'CLAIMED') AND NOT (task_key = ANY($2)) AND kind <> '${ARCHIVE_INCIDENT_TASK}'`,
    [
      r.caseId,
      keys,
      r.completedTaskKey ?? null,
      r.eventType,
      r.at,
      r.seq,
      r.closed ? `case closed by ${r.eventType}` : `case moved on by ${r.eventType}`,
      r.actor.sub,
      r.actor.name,
    ],
  );
  if (r.tasks.length === 0) return;
  // All open tasks in one statement; a row that is already as the case says is left alone (no new row version).
  await m.query(
    `INSERT INTO case_task (case_id, task_key, kind, candidate_role, municipality, assignee, status, due, deadline_key, created_at, created_seq,
       version, priority, completes, commands)
     SELECT $1, t.key, t.kind, t.role, $2, t.assignee, CASE WHEN COALESCE(t.assignee, '') = '' THEN 'OPEN' ELSE 'CLAIMED' END, t.due, t."deadlineKey", $3, $4,
       t.version, t.priority, t.completes, ARRAY(SELECT jsonb_array_elements_text(t.commands))
     FROM jsonb_to_recordset($5::jsonb) AS t(key text, kind text, role text, assignee text, due date, "deadlineKey" text, version int, priority smallint,
       completes text, commands jsonb)
     ON CONFLICT (case_id, task_key) WHERE status IN ('OPEN', 'CLAIMED')
     DO UPDATE SET due = EXCLUDED.due, deadline_key = EXCLUDED.deadline_key, assignee = EXCLUDED.assignee, status = EXCLUDED.status, completes = EXCLUDED.completes,
       commands = EXCLUDED.commands, version = EXCLUDED.version, priority = EXCLUDED.priority
     WHERE (case_task.due, case_task.deadline_key, case_task.assignee, case_task.status, case_task.completes, case_task.commands, case_task.version, case_task.priority)
       IS DISTINCT FROM (EXCLUDED.due, EXCLUDED.deadline_key, EXCLUDED.assignee, EXCLUDED.status, EXCLUDED.completes, EXCLUDED.commands, EXCLUDED.version, EXCLUDED.priority)`,
    [r.caseId, r.municipality, r.at, r.seq, JSON.stringify(r.tasks.map((t) => ({
      key: t.key, kind: t.kind, role: t.role, assignee: t.assignee ?? null, due: t.due ?? null, deadlineKey: t.deadlineKey ?? null, version: t.version,
      priority: t.priority, completes: t.completes, commands: t.commands ?? [t.completes],
    })))],
  );
}

async function syncDeadlines(m: EntityManager, r: TransitionRecord) {
  const scheduled = r.scheduled ?? [];
  const keys = [...r.deadlines.map((d) => d.key), ...scheduled.map((s) => s.key)];
  // A deadline no longer running was met (or the case closed); a scheduled transition fired, or is no longer due.
  await m.query(
    `UPDATE case_deadline SET closed_seq = $4, status = CASE
       WHEN source <> 'AUTOMATIC' THEN $3 WHEN deadline_key = $5 THEN 'FIRED' ELSE 'CANCELLED' END
     WHERE case_id = $1 AND status = 'OPEN' AND NOT (deadline_key = ANY($2))`,
    [r.caseId, keys, r.closed ? 'CANCELLED' : 'MET', r.seq, r.firedKey ?? null],
  );
  // What the case will do by itself, and the running deadlines: one statement each, unchanged rows left alone.
  if (scheduled.length > 0) {
    await m.query(
      `INSERT INTO case_deadline (case_id, deadline_key, kind, municipality, source, rule, legal_basis, started_on, due, fires_at, effect,
         for_deadline, status, opened_seq)
       SELECT $1, s.key, s.event, $2, 'AUTOMATIC', s.effect, s."legalBasis", $3, s.due, s.at, s.effect, s."deadlineKey", 'OPEN', $4
       FROM jsonb_to_recordset($5::jsonb) AS s(key text, event text, effect text, "legalBasis" text, due date, at timestamptz, "deadlineKey" text)
       ON CONFLICT (case_id, deadline_key) DO UPDATE SET due = EXCLUDED.due, fires_at = EXCLUDED.fires_at, effect = EXCLUDED.effect,
         rule = EXCLUDED.rule, status = 'OPEN', closed_seq = NULL
       WHERE (case_deadline.due, case_deadline.fires_at, case_deadline.effect, case_deadline.rule, case_deadline.status, case_deadline.closed_seq)
         IS DISTINCT FROM (EXCLUDED.due, EXCLUDED.fires_at, EXCLUDED.effect, EXCLUDED.rule, 'OPEN', NULL::int)`,
      [r.caseId, r.municipality, osloDateOf(r.at), r.seq, JSON.stringify(scheduled.map((x) => ({
        key: x.key, event: x.event, effect: x.effect, legalBasis: LEGAL_BASIS[x.event], due: x.due ?? null, at: x.at, deadlineKey: x.deadlineKey ?? null,
      })))],
    );
  }
  if (r.deadlines.length > 0) {
    await m.query(
      `INSERT INTO case_deadline (case_id, deadline_key, kind, municipality, source, rule, legal_basis, started_on, due, remind_on,
         breach_at, escalate_to, status, reminded_at, breached_at, escalation_acknowledged_at, opened_seq)
       SELECT $1, d.key, d.kind, $2, d.source, d.rule, d."legalBasis", d."startedOn", d.due, d."remindOn", d."breachAt", d."escalateTo", 'OPEN',
         d."remindedAt", d."breachedAt", d."escalationAcknowledgedAt", $3
       FROM jsonb_to_recordset($4::jsonb) AS d(key text, kind text, source text, rule text, "legalBasis" text, "startedOn" date, due date, "remindOn" date,
         "breachAt" timestamptz, "escalateTo" text, "remindedAt" timestamptz, "breachedAt" timestamptz, "escalationAcknowledgedAt" timestamptz)
       ON CONFLICT (case_id, deadline_key) DO UPDATE SET due = EXCLUDED.due, remind_on = EXCLUDED.remind_on,
         breach_at = EXCLUDED.breach_at, rule = EXCLUDED.rule, status = 'OPEN', reminded_at = EXCLUDED.reminded_at,
         breached_at = EXCLUDED.breached_at, escalation_acknowledged_at = EXCLUDED.escalation_acknowledged_at, closed_seq = NULL
       WHERE (case_deadline.due, case_deadline.remind_on, case_deadline.breach_at, case_deadline.rule, case_deadline.status, case_deadline.reminded_at,
           case_deadline.breached_at, case_deadline.escalation_acknowledged_at, case_deadline.closed_seq)
         IS DISTINCT FROM (EXCLUDED.due, EXCLUDED.remind_on, EXCLUDED.breach_at, EXCLUDED.rule, 'OPEN', EXCLUDED.reminded_at,
           EXCLUDED.breached_at, EXCLUDED.escalation_acknowledged_at, NULL::int)`,
      [r.caseId, r.municipality, r.seq, JSON.stringify(r.deadlines.map((d) => ({
        key: d.key, kind: d.kind, source: d.source, rule: d.rule, legalBasis: d.legalBasis, startedOn: d.startedOn, due: d.due, remindOn: d.remindOn,
        breachAt: d.breachAt, escalateTo: d.escalateTo, remindedAt: d.remindedAt, breachedAt: d.breachedAt, escalationAcknowledgedAt: d.escalationAcknowledgedAt,
      })))],
    );
  }
}

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
    const inserted: unknown[] = await m.query(
      `INSERT INTO case_history (case_id, seq, event_type, actor_sub, actor_name, actor_role, occurred_at, from_status, to_status, legal_basis, payload)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (case_id, seq) DO NOTHING RETURNING seq`,
      [r.caseId, r.seq, r.eventType, r.actor.sub, r.actor.name, r.actor.role, r.at, r.fromStatus, r.toStatus, r.legalBasis, JSON.stringify(r.payload)],
    );
    if (inserted.length === 0) return { applied: false };
    if (r.subject) {
      await m.query(
        `INSERT INTO case_subject (case_id, national_id, id_type, name, birth_date) VALUES ($1,$2,$3,$4,$5)
         ON CONFLICT (case_id) DO NOTHING`,
        [r.caseId, r.subject.nationalId, r.subject.idType, r.subject.name, r.subject.birthDate],
      );
    }
    await upsertCase(m, r);
    await syncTasks(m, r);
    await syncDeadlines(m, r);
    await recordCaseVersion(m, r);
    await enqueueArchiveRecords(m, r);
    // Last: the chain's lock (one per municipality) is held from here to the commit only.
    await auditTransition(m, r);
    return { applied: true };
  });
}
