// Case commands go to the case workflow as Temporal Updates; case reads come from the PostgreSQL read model.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { DataSource } from 'typeorm';
import { canReadCase, canRegisterNotification, canSeeMunicipality, canSendEvent, listBasis, mayReadNationalId, Principal, readScope } from '../../../../libs/auth/src';
import { SqlFilter } from '../common/sql-filter';
import { scopesAwaitingSecondParent, type CommandEventType, type IpCaseContext } from '../../../../libs/case-machine/src';
import type { CaseCommand } from '../../../../libs/contracts/src';
import { validateNationalId } from '../../../../libs/identity/src/national-id';
import { CaseEntity } from '../../../../libs/persistence/src';
import { osloDateOf } from '../../../../libs/calendar/src/civil-date';
import { AccessEntry, AccessLogService, listFilters } from '../access-log/access-log.service';
import { CaseAccessService } from '../access-log/case-access.service';
import { caseNotFound } from '../access-log/emergency-access';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { parseIfMatch } from '../common/etag';
import { ProblemException, problems } from '../problem/problem';
import { actorOf, CaseCommandsService } from './case-commands.service';
import type { RegisterNotificationDto } from './dto/register-notification.dto';
import { nationalIdPolicy } from './dto/validators';

const { forbidden } = problems;

/** Namespace of case ids derived from Idempotency-Keys (a fixed, random UUID). */
const INTAKE_NAMESPACE = '6f1c2a4e-9b0d-4e57-8a36-2d9f0c7b5e11';

/** An Idempotency-Key (scoped to its caller and endpoint) names one case, so a retried intake finds the same workflow. */
const caseIdFor = (idempotencyId: string) => uuidv5(idempotencyId, INTAKE_NAMESPACE);

/** The answer to an accepted command that took away the sender's own access (a declined appointment, a move). */
export interface CommandReceipt {
  caseId: string;
  accepted: true;
  event: string;
  visible: false;
  detail: string;
}

/** The read model's case row, named as CaseEntity names its fields. */
const CASE_COLUMNS = `c.case_id AS "caseId", c.municipality, c.status, c.state_value AS "stateValue", c.seq, c.allowed_events AS "allowedEvents",
  c.blocked_events AS "blockedEvents", c.coordinator_employee_id AS "coordinatorEmployeeId",
  c.proposed_coordinator_employee_id AS "proposedCoordinatorEmployeeId", c.context, c.received_at AS "receivedAt", c.closed_at AS "closedAt",
  c.closure_reason AS "closureReason", c.next_due AS "nextDue", c.updated_at AS "updatedAt"`;

/** What a case's answer shows beside its row, as JSON columns of one statement over `c` (one round trip, not five). */
const CASE_LISTS = `
  -- Running deadlines and, as source AUTOMATIC, what the case will do by itself (reminders, breaches, birthdays).
  (SELECT COALESCE(json_agg(d ORDER BY d.due, d."firesAt" NULLS FIRST, d.key), '[]') FROM (
     SELECT deadline_key AS key, kind, due, remind_on AS "remindOn", rule, legal_basis AS "legalBasis", source, breached_at AS "breachedAt",
            escalate_to AS "escalateTo", effect, fires_at AS "firesAt", for_deadline AS "forDeadline"
     FROM case_deadline WHERE case_id = c.case_id AND status = 'OPEN') d) AS deadlines,
  (SELECT COALESCE(json_agg(t ORDER BY t.due NULLS LAST), '[]') FROM (
     SELECT task_id AS id, kind, candidate_role AS "candidateRole", assignee, status, due
     FROM case_task WHERE case_id = c.case_id AND status IN ('OPEN','CLAIMED')) t) AS tasks,
  (SELECT row_to_json(s) FROM (SELECT national_id AS "nationalId", name, birth_date AS "birthDate" FROM case_subject WHERE case_id = c.case_id) s) AS subject,
  (SELECT row_to_json(n) FROM (
     SELECT payload->'notifier' AS notifier, payload->>'needsDescription' AS "needsDescription", payload->>'channel' AS channel,
            payload->>'receivedAt' AS "receivedAt", payload->>'subjectAware' AS "subjectAware"
     FROM case_history WHERE case_id = c.case_id AND event_type = 'NOTIFICATION_RECEIVED' ORDER BY seq LIMIT 1) n) AS notification,
  (SELECT COALESCE(json_agg(i ORDER BY i."openedAt"), '[]') FROM (
     SELECT incident_id AS "incidentId", event_type AS "eventType", sql_state AS "sqlState", constraint_name AS "constraintName", opened_at AS "openedAt"
     FROM case_incident WHERE case_id = c.case_id AND status = 'OPEN') i) AS incidents`;

type Instant = string | Date | null;
interface CaseLists {
  deadlines: { breachedAt: Instant; firesAt: Instant }[];
  tasks: unknown[];
  subject: { nationalId: string; name: string; birthDate: string | null } | null;
  notification: Record<string, unknown> | null;
  incidents: { openedAt: Instant }[];
}

/** JSON carries instants as text: back to Dates, as a column read gives them (and as the answer has always shown them). */
const instant = (v: Instant) => (v === null ? null : new Date(v));
function caseLists(r: CaseLists): CaseLists {
  return {
    deadlines: r.deadlines.map((d) => ({ ...d, breachedAt: instant(d.breachedAt), firesAt: instant(d.firesAt) })),
    tasks: r.tasks,
    subject: r.subject,
    notification: r.notification,
    incidents: r.incidents.map((i) => ({ ...i, openedAt: instant(i.openedAt) })),
  };
}

@Injectable()
export class CasesService {
  constructor(
    private readonly db: DataSource,
    private readonly accessLog: AccessLogService,
    private readonly commands: CaseCommandsService,
    private readonly caseAccess: CaseAccessService,
  ) {}

  async register(p: Principal, dto: RegisterNotificationDto, idempotencyId?: string) {
    if (!canRegisterNotification(p, dto.municipality)) {
      await this.accessLog.record(p, 'CREATE', 'cases', 403);
      throw forbidden('You may not register notifications for this municipality.');
    }
    const caseId = idempotencyId ? caseIdFor(idempotencyId) : randomUUID();
    const id = validateNationalId(dto.subject.nationalId, osloDateOf(Date.now()), nationalIdPolicy);
    const command: CaseCommand = {
      event: {
        type: 'NOTIFICATION_RECEIVED',
        receivedAt: new Date(dto.receivedAt).toISOString(),
        channel: dto.channel,
        notifierType: dto.notifier.type,
        requestedLines: dto.requestedLines,
        subjectAware: dto.subjectAware,
        birthDate: dto.expectedChild ? null : id.birthDate ?? null,
        expectedChild: dto.expectedChild ?? false,
        // Kept with the event in the case history: what was asked for, by whom.
        notifier: dto.notifier,
        needsDescription: dto.needsDescription,
        recordedBy: dto.recordedBy,
      },
      actor: actorOf(p),
      subject: { nationalId: dto.subject.nationalId, idType: id.type ?? 'FNR', name: dto.subject.name, birthDate: id.birthDate ?? null },
    };
    await this.commands.startCase(caseId, dto.municipality, command);
    this.caseAccess.remember(caseId, listBasis(p), dto.municipality); // a KE person of the municipality registers
    await this.accessLog.record(p, 'CREATE', 'cases', 201, caseId);
    return this.readCase(p, caseId);
  }

  /**
   * The case if the policy lets `p` read it (its decision remembered for the access log), else a logged 404.
   * `emergency`: a read that may break the glass (X-Emergency-Access-Reason); commands never do.
   */
  async visibleCase(p: Principal, caseId: string, o: { emergency?: boolean } = {}): Promise<CaseEntity> {
    // Plain SQL, not the repository: the same row without building a query for it on every command and read.
    const [row] = (await this.db.query(`SELECT ${CASE_COLUMNS} FROM ip_case c WHERE c.case_id = $1`, [caseId])) as CaseEntity[];
    if (!row || !(await this.caseAccess.decide(p, row, o)).allowed) {
      await this.accessLog.record(p, 'READ', `cases/${caseId}`, 404, caseId); // the attempt names the case, seen or not
      throw caseNotFound(p);
    }
    return row;
  }

  async readCase(p: Principal, caseId: string) {
    return this.caseView(p, await this.visibleCase(p, caseId, { emergency: true }));
  }

  private async lists(caseId: string): Promise<CaseLists> {
    const [r] = await this.db.query(`SELECT ${CASE_LISTS} FROM (SELECT $1::uuid AS case_id) c`, [caseId]);
    return caseLists(r);
  }

  /** `logged`: the request's earlier access-log entry (the command), written with this read's in one statement. */
  private async caseView(p: Principal, row: CaseEntity, logged: AccessEntry[] = [], read?: CaseLists) {
    const caseId = row.caseId;
    const { deadlines, tasks, subject, notification, incidents } = read ?? (await this.lists(caseId));
    await this.accessLog.record(p, 'READ', `cases/${caseId}`, 200, caseId, undefined, logged);
    const ctx = row.context as Record<string, unknown>;
    const person = subject ?? undefined;
    return {
      caseId: row.caseId,
      municipality: row.municipality,
      status: row.status,
      state: row.stateValue,
      seq: row.seq,
      allowedEvents: row.allowedEvents,
      blockedEvents: row.blockedEvents ?? [],
      subject: person && (mayReadNationalId(p) ? person : { name: person.name, birthDate: person.birthDate }),
      notification: notification ?? null,
      requestedLines: ctx.requestedLines,
      decisions: ctx.decisions,
      coordinator: ctx.coordinator,
      proposedCoordinator: ctx.proposedCoordinator,
      consents: ctx.consents,
      consentsAwaitingSecondParent: scopesAwaitingSecondParent(ctx as unknown as IpCaseContext),
      ansvarsgruppe: ctx.ansvarsgruppe,
      sharingEnded: ctx.sharingEnded ?? [],
      plan: ctx.plan,
      planVersions: ctx.planVersions ?? [],
      disclosures: ctx.disclosures ?? [],
      childHeard: ctx.childHeard ?? [],
      appeal: ctx.appeal,
      pause: ctx.pause,
      nextEvaluationDate: ctx.nextEvaluationDate,
      closure: ctx.closure,
      deadlines,
      tasks,
      /** Commands the case accepted but could not record (it was left as it was), until the KE leader resolves them. */
      incidents,
      receivedAt: row.receivedAt,
      updatedAt: row.updatedAt,
    };
  }

  /** Newest first, in keyset pages like /tasks and /deadlines (`limit`, `cursor` → `nextCursor`). */
  async list(p: Principal, q: { status?: string; municipality?: string; limit?: number; cursor?: string }) {
    if (q.municipality && !canSeeMunicipality(p, q.municipality)) throw forbidden('That municipality is not in your token.');
    const f = new SqlFilter().scoped(readScope(p), 'c');
    if (q.municipality) f.where(`c.municipality = ${f.param(q.municipality)}`);
    if (q.status) f.where(`c.status = ${f.param(q.status)}`);
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM ip_case c WHERE ${f}`, f.params);
    if (q.cursor) {
      const [receivedAt, caseId] = decodeCursor(q.cursor, ['timestamptz', 'uuid']);
      f.where(`(COALESCE(c.received_at, 'epoch'), c.case_id) < (${f.param(receivedAt)}::timestamptz, ${f.param(caseId)}::uuid)`);
    }
    const limit = q.limit ?? 50;
    const rows = await this.db.query(
      `SELECT c.case_id AS "caseId", c.municipality, c.status, c.seq, c.next_due AS "nextDue", c.received_at AS "receivedAt", c.closure_reason AS "closureReason",
              COALESCE(c.received_at, 'epoch') AS "sortKey"
       FROM ip_case c WHERE ${f} ORDER BY COALESCE(c.received_at, 'epoch') DESC, c.case_id DESC LIMIT ${f.param(limit + 1)}`,
      f.params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    await this.accessLog.record(p, 'LIST', 'cases', 200, null, { filters: listFilters(q), caseIds: page.map((c: { caseId: string }) => c.caseId) });
    return {
      items: page.map(({ sortKey: _sortKey, ...item }: Record<string, unknown>) => item),
      nextCursor: rows.length > limit && last ? encodeCursor([new Date(last.sortKey).toISOString(), last.caseId]) : null,
      total,
    };
  }

  async history(p: Principal, caseId: string) {
    await this.visibleCase(p, caseId, { emergency: true });
    const rows = await this.db.query(
      `SELECT seq, event_type AS "eventType", actor_sub AS "actorSub", actor_name AS "actorName", actor_role AS "actorRole", occurred_at AS "occurredAt",
              from_status AS "fromStatus", to_status AS "toStatus", legal_basis AS "legalBasis"
       FROM case_history WHERE case_id = $1 ORDER BY seq`,
      [caseId],
    );
    await this.accessLog.record(p, 'READ', `cases/${caseId}/history`, 200, caseId);
    return rows;
  }

  async sendEvent(p: Principal, caseId: string, body: Record<string, unknown>, ifMatch?: string, idempotencyId?: string) {
    const { type, ...payload } = body ?? {};
    const event = this.commands.toCommand(String(type), payload);
    const expectedSeq = parseIfMatch(ifMatch);
    const row = await this.visibleCase(p, caseId);
    if (!canSendEvent(p, row, event.type as CommandEventType)) {
      await this.accessLog.record(p, 'COMMAND', `cases/${caseId}/events/${event.type}`, 403, caseId);
      throw forbidden(`Your role may not send ${event.type} on this case.`);
    }
    try {
      await this.commands.send(caseId, { event, actor: actorOf(p), expectedSeq }, idempotencyId && `event:${idempotencyId}`);
    } catch (e) {
      await this.accessLog.record(p, 'COMMAND', `cases/${caseId}/events/${event.type}`, e instanceof ProblemException ? e.getStatus() : 500, caseId);
      throw e;
    }
    // Taken now, written with the read of the case that follows (or alone, if the case is no longer visible).
    const command = await this.accessLog.entry(p, 'COMMAND', `cases/${caseId}/events/${event.type}`, 200, caseId);
    return this.afterCommand(p, caseId, event.type, [command]);
  }

  /** A read that failed after an accepted command still leaves the command's entry. */
  private async writeThenThrow(logged: AccessEntry[], e: unknown): Promise<never> {
    const unwritten = logged.filter((x) => !x.written);
    if (unwritten.length) await this.accessLog.write(unwritten);
    throw e;
  }

  /**
   * The case as the sender may still see it after an accepted command. A command can take away the sender's own
   * access (a proposed coordinator declines, a move or closure ends a coordinator's case): then a receipt, never a 404.
   */
  async afterCommand(p: Principal, caseId: string, eventType: string, logged: AccessEntry[] = []): Promise<Awaited<ReturnType<CasesService['caseView']>> | CommandReceipt> {
    // The row and everything the answer shows, in one statement: the command was decided on already, and a row the
    // sender may no longer read is dropped unseen.
    const [found] = await this.db.query(`SELECT ${CASE_COLUMNS}, ${CASE_LISTS} FROM ip_case c WHERE c.case_id = $1`, [caseId]).catch((e) => this.writeThenThrow(logged, e));
    const row = found && canReadCase(p, found as CaseEntity) ? (found as CaseEntity) : undefined;
    if (row) return this.caseView(p, row, logged, caseLists(found)).catch((e) => this.writeThenThrow(logged, e));
    if (logged.length) await this.accessLog.write(logged);
    return { caseId, accepted: true, event: eventType, visible: false, detail: `${eventType} was applied; the case is no longer visible to you.` };
  }
}
