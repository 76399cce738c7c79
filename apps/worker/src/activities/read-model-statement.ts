// A transition's read model written in one statement: its history row, and, only if that row is new, the case row, the
// tasks, the deadlines, the case's version and (at intake) the subject. Data-modifying CTEs, each gated on the history
// row the first one inserts: one round trip instead of up to nine, with the same rows and the same idempotency (a
// retried projection finds its row, and the statement changes nothing). The sub-statements see one snapshot and must
// never touch the same row (PostgreSQL refuses that with SQLSTATE 21000): tasks and deadlines that close are the ones the
// transition no longer lists, the upserts the ones it lists, and a key listed both as a running deadline and as a
// scheduled transition is written once, as the running deadline (keys are `<kind>@<anchor>` and `AUTO:<event>:<ref>`,
// so it does not happen; before, the second of two statements would have overwritten the first).
import { LEGAL_BASIS } from '../../../../libs/case-machine/src';
import { osloDateOf } from '../../../../libs/calendar/src/civil-date';
import { ARCHIVE_INCIDENT_TASK } from '../../../../libs/contracts/src/archive-delivery';
import type { TransitionRecord } from '../../../../libs/contracts/src/ip-case.activities';
import { caseVersionRow } from './case-versions';
import { IF_NEW, Params, type Placed } from './statement-params';

function historyRow(q: Params, p: Placed, r: TransitionRecord) {
  return `history AS (
    INSERT INTO case_history (case_id, seq, event_type, actor_sub, actor_name, actor_role, occurred_at, from_status, to_status, legal_basis, payload)
    VALUES (${p.caseId}, ${p.seq}, ${q.add(r.eventType)}, ${q.add(r.actor.sub)}, ${q.add(r.actor.name)}, ${q.add(r.actor.role)}, ${p.at},
      ${q.add(r.fromStatus)}, ${q.add(r.toStatus)}, ${q.add(r.legalBasis)}, ${q.add(JSON.stringify(r.payload), 'jsonb')})
    ON CONFLICT (case_id, seq) DO NOTHING RETURNING seq AS history_seq)`;
}

function subjectRow(q: Params, p: Placed, s: NonNullable<TransitionRecord['subject']>) {
  return `subject AS (
    INSERT INTO case_subject (case_id, national_id, id_type, name, birth_date)
    SELECT ${p.caseId}, ${q.add(s.nationalId, 'text')}, ${q.add(s.idType, 'text')}, ${q.add(s.name, 'text')}, ${q.add(s.birthDate, 'date')} WHERE ${IF_NEW}
    ON CONFLICT (case_id) DO NOTHING)`;
}

function caseRow(q: Params, p: Placed, r: TransitionRecord) {
  const ctx = r.context as { coordinator?: { employeeId: string } | null; proposedCoordinator?: { employeeId: string } | null; receivedAt?: string | null; closure?: { reason: string; at: string } | null };
  const nextDue = r.deadlines.map((d) => d.due).sort()[0] ?? null;
  return `kase AS (
    INSERT INTO ip_case (case_id, municipality, status, state_value, seq, allowed_events, coordinator_employee_id,
      proposed_coordinator_employee_id, context, received_at, closed_at, closure_reason, next_due, updated_at, blocked_events)
    SELECT ${p.caseId}, ${p.municipality}, ${q.add(r.toStatus, 'text')}, ${q.add(JSON.stringify(r.stateValue), 'jsonb')}, ${p.seq},
      ${q.add(r.allowedEvents, 'text[]')}, ${q.add(ctx.coordinator?.employeeId ?? null, 'text')}, ${q.add(ctx.proposedCoordinator?.employeeId ?? null, 'text')},
      ${q.add(JSON.stringify(r.context), 'jsonb')}, ${q.add(ctx.receivedAt ?? null, 'timestamptz')}, ${q.add(ctx.closure?.at ?? null, 'timestamptz')},
      ${q.add(ctx.closure?.reason ?? null, 'text')}, ${q.add(nextDue, 'date')}, ${p.at}, ${q.add(JSON.stringify(r.blockedEvents ?? []), 'jsonb')}
    WHERE ${IF_NEW}
    ON CONFLICT (case_id) DO UPDATE SET status = EXCLUDED.status, state_value = EXCLUDED.state_value, seq = EXCLUDED.seq,
      allowed_events = EXCLUDED.allowed_events, blocked_events = EXCLUDED.blocked_events, coordinator_employee_id = EXCLUDED.coordinator_employee_id,
      proposed_coordinator_employee_id = EXCLUDED.proposed_coordinator_employee_id, context = EXCLUDED.context,
      received_at = EXCLUDED.received_at, closed_at = EXCLUDED.closed_at, closure_reason = EXCLUDED.closure_reason,
      next_due = EXCLUDED.next_due, updated_at = EXCLUDED.updated_at
    WHERE ip_case.seq < EXCLUDED.seq)`;
}

function taskRows(q: Params, p: Placed, r: TransitionRecord) {
  // Tasks the case no longer waits for leave every inbox at once, with the reason: the completed one is COMPLETED by
  // the actor, the others are CANCELLED because the case moved on (or closed).
  const parts = [`closed_tasks AS (
    UPDATE case_task SET status = CASE WHEN task_key = ${q.add(r.completedTaskKey ?? null, 'text')} OR ${q.add(r.eventType, 'text')} = ANY(COALESCE(commands, ARRAY[completes]))
        THEN 'COMPLETED' ELSE 'CANCELLED' END,
      closed_at = ${p.at}, closed_seq = ${p.seq}, close_reason = ${q.add(r.closed ? `case closed by ${r.eventType}` : `case moved on by ${r.eventType}`, 'text')},
      closed_by = ${q.add(r.actor.sub, 'text')}, closed_by_name = ${q.add(r.actor.name, 'text')}, version = version + 1
    WHERE ${IF_NEW} AND case_id = ${p.caseId} AND status IN ('OPEN', 'CLAIMED') AND NOT (task_key = ANY(${q.add(r.tasks.map((t) => t.key), 'text[]')}))
      AND kind <> '${ARCHIVE_INCIDENT_TASK}')`];
  if (r.tasks.length === 0) return parts;
  // All open tasks in one sub-statement; a row that is already as the case says is left alone (no new row version).
  const tasks = r.tasks.map((t) => ({
    key: t.key, kind: t.kind, role: t.role, assignee: t.assignee ?? null, due: t.due ?? null, deadlineKey: t.deadlineKey ?? null, version: t.version,
    priority: t.priority, completes: t.completes, commands: t.commands ?? [t.completes],
  }));
  parts.push(`open_tasks AS (
    INSERT INTO case_task (case_id, task_key, kind, candidate_role, municipality, assignee, status, due, deadline_key, created_at, created_seq,
      version, priority, completes, commands)
    SELECT ${p.caseId}, t.key, t.kind, t.role, ${p.municipality}, t.assignee, CASE WHEN COALESCE(t.assignee, '') = '' THEN 'OPEN' ELSE 'CLAIMED' END, t.due,
      t."deadlineKey", ${p.at}, ${p.seq}, t.version, t.priority, t.completes, ARRAY(SELECT jsonb_array_elements_text(t.commands))
    FROM jsonb_to_recordset(${q.add(JSON.stringify(tasks), 'jsonb')}) AS t(key text, kind text, role text, assignee text, due date, "deadlineKey" text,
      version int, priority smallint, completes text, commands jsonb)
    WHERE ${IF_NEW}
    ON CONFLICT (case_id, task_key) WHERE status IN ('OPEN', 'CLAIMED')
    DO UPDATE SET due = EXCLUDED.due, deadline_key = EXCLUDED.deadline_key, assignee = EXCLUDED.assignee, status = EXCLUDED.status, completes = EXCLUDED.completes,
      commands = EXCLUDED.commands, version = EXCLUDED.version, priority = EXCLUDED.priority
    WHERE (case_task.due, case_task.deadline_key, case_task.assignee, case_task.status, case_task.completes, case_task.commands, case_task.version, case_task.priority)
      IS DISTINCT FROM (EXCLUDED.due, EXCLUDED.deadline_key, EXCLUDED.assignee, EXCLUDED.status, EXCLUDED.completes, EXCLUDED.commands, EXCLUDED.version, EXCLUDED.priority))`);
  return parts;
}

function deadlineRows(q: Params, p: Placed, r: TransitionRecord) {
  const running = new Set(r.deadlines.map((d) => d.key));
  const scheduled = (r.scheduled ?? []).filter((s) => !running.has(s.key));
  const keys = [...running, ...scheduled.map((s) => s.key)];
  // A deadline no longer running was met (or the case closed); a scheduled transition fired, or is no longer due.
  const parts = [`closed_deadlines AS (
    UPDATE case_deadline SET closed_seq = ${p.seq}, status = CASE
      WHEN source <> 'AUTOMATIC' THEN ${q.add(r.closed ? 'CANCELLED' : 'MET', 'text')} WHEN deadline_key = ${q.add(r.firedKey ?? null, 'text')} THEN 'FIRED' ELSE 'CANCELLED' END
    WHERE ${IF_NEW} AND case_id = ${p.caseId} AND status = 'OPEN' AND NOT (deadline_key = ANY(${q.add(keys, 'text[]')})))`];
  // What the case will do by itself, and the running deadlines: one sub-statement each, unchanged rows left alone.
  if (scheduled.length > 0) {
    const rows = scheduled.map((x) => ({
      key: x.key, event: x.event, effect: x.effect, legalBasis: LEGAL_BASIS[x.event], due: x.due ?? null, at: x.at, deadlineKey: x.deadlineKey ?? null,
    }));
    parts.push(`scheduled AS (
      INSERT INTO case_deadline (case_id, deadline_key, kind, municipality, source, rule, legal_basis, started_on, due, fires_at, effect,
        for_deadline, status, opened_seq)
      SELECT ${p.caseId}, s.key, s.event, ${p.municipality}, 'AUTOMATIC', s.effect, s."legalBasis", ${q.add(osloDateOf(r.at), 'date')}, s.due, s.at, s.effect,
        s."deadlineKey", 'OPEN', ${p.seq}
      FROM jsonb_to_recordset(${q.add(JSON.stringify(rows), 'jsonb')}) AS s(key text, event text, effect text, "legalBasis" text, due date, at timestamptz, "deadlineKey" text)
      WHERE ${IF_NEW}
      ON CONFLICT (case_id, deadline_key) DO UPDATE SET due = EXCLUDED.due, fires_at = EXCLUDED.fires_at, effect = EXCLUDED.effect,
        rule = EXCLUDED.rule, status = 'OPEN', closed_seq = NULL
      WHERE (case_deadline.due, case_deadline.fires_at, case_deadline.effect, case_deadline.rule, case_deadline.status, case_deadline.closed_seq)
        IS DISTINCT FROM (EXCLUDED.due, EXCLUDED.fires_at, EXCLUDED.effect, EXCLUDED.rule, 'OPEN', NULL::int))`);
  }
  if (r.deadlines.length > 0) {
    const rows = r.deadlines.map((d) => ({
      key: d.key, kind: d.kind, source: d.source, rule: d.rule, legalBasis: d.legalBasis, startedOn: d.startedOn, due: d.due, remindOn: d.remindOn,
      breachAt: d.breachAt, escalateTo: d.escalateTo, remindedAt: d.remindedAt, breachedAt: d.breachedAt, escalationAcknowledgedAt: d.escalationAcknowledgedAt,
    }));
    parts.push(`running_deadlines AS (
      INSERT INTO case_deadline (case_id, deadline_key, kind, municipality, source, rule, legal_basis, started_on, due, remind_on,
        breach_at, escalate_to, status, reminded_at, breached_at, escalation_acknowledged_at, opened_seq)
      SELECT ${p.caseId}, d.key, d.kind, ${p.municipality}, d.source, d.rule, d."legalBasis", d."startedOn", d.due, d."remindOn", d."breachAt", d."escalateTo", 'OPEN',
        d."remindedAt", d."breachedAt", d."escalationAcknowledgedAt", ${p.seq}
      FROM jsonb_to_recordset(${q.add(JSON.stringify(rows), 'jsonb')}) AS d(key text, kind text, source text, rule text, "legalBasis" text, "startedOn" date,
        due date, "remindOn" date, "breachAt" timestamptz, "escalateTo" text, "remindedAt" timestamptz, "breachedAt" timestamptz, "escalationAcknowledgedAt" timestamptz)
      WHERE ${IF_NEW}
      ON CONFLICT (case_id, deadline_key) DO UPDATE SET due = EXCLUDED.due, remind_on = EXCLUDED.remind_on,
        breach_at = EXCLUDED.breach_at, rule = EXCLUDED.rule, status = 'OPEN', reminded_at = EXCLUDED.reminded_at,
        breached_at = EXCLUDED.breached_at, escalation_acknowledged_at = EXCLUDED.escalation_acknowledged_at, closed_seq = NULL
      WHERE (case_deadline.due, case_deadline.remind_on, case_deadline.breach_at, case_deadline.rule, case_deadline.status, case_deadline.reminded_at,
          case_deadline.breached_at, case_deadline.escalation_acknowledged_at, case_deadline.closed_seq)
        IS DISTINCT FROM (EXCLUDED.due, EXCLUDED.remind_on, EXCLUDED.breach_at, EXCLUDED.rule, 'OPEN', EXCLUDED.reminded_at,
          EXCLUDED.breached_at, EXCLUDED.escalation_acknowledged_at, NULL::int))`);
  }
  return parts;
}

/** The statement, and its parameters; it answers one row, `applied`: whether the history row was new. */
export function readModelStatement(r: TransitionRecord): { sql: string; params: unknown[] } {
  const q = new Params();
  const p: Placed = { caseId: q.add(r.caseId, 'uuid'), municipality: q.add(r.municipality, 'text'), seq: q.add(r.seq, 'int'), at: q.add(r.at, 'timestamptz') };
  const parts = [
    historyRow(q, p, r),
    ...(r.subject ? [subjectRow(q, p, r.subject)] : []),
    caseRow(q, p, r),
    ...taskRows(q, p, r),
    ...deadlineRows(q, p, r),
    caseVersionRow(q, p, r),
  ];
  return { sql: `WITH ${parts.join(',\n')}\nSELECT EXISTS (SELECT 1 FROM history) AS applied`, params: q.values };
}
