// Case commands go to the case workflow as Temporal Updates; case reads come from the PostgreSQL read model.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { DataSource } from 'typeorm';
import { canReadCase, canRegisterNotification, canSeeMunicipality, canSendEvent, mayReadNationalId, Principal, readScope } from '../../../../libs/auth/src';
import { SqlFilter } from '../common/sql-filter';
import type { CommandEventType } from '../../../../libs/case-machine/src';
import type { CaseCommand } from '../../../../libs/contracts/src';
import { validateNationalId } from '../../../../libs/identity/src/national-id';
import { CaseEntity } from '../../../../libs/persistence/src';
import { osloDateOf } from '../../../../libs/calendar/src/civil-date';
import { AccessLogService } from '../access-log/access-log.service';
import { ProblemException, problems } from '../problem/problem';
import { actorOf, CaseCommandsService } from './case-commands.service';
import type { RegisterNotificationDto } from './dto/register-notification.dto';

const { notFound, forbidden } = problems;

/** Namespace of case ids derived from Idempotency-Keys (a fixed, random UUID). */
const INTAKE_NAMESPACE = '6f1c2a4e-9b0d-4e57-8a36-2d9f0c7b5e11';

/** A client's Idempotency-Key names one case per municipality, so a retried intake finds the same workflow. */
const caseIdFor = (municipality: string, key: string) => uuidv5(`${municipality}:${key}`, INTAKE_NAMESPACE);

@Injectable()
export class CasesService {
  constructor(
    private readonly db: DataSource,
    private readonly accessLog: AccessLogService,
    private readonly commands: CaseCommandsService,
  ) {}

  async register(p: Principal, dto: RegisterNotificationDto, idempotencyKey?: string) {
    if (!canRegisterNotification(p, dto.municipality)) {
      await this.accessLog.record(p, 'CREATE', 'cases', 403);
      throw forbidden('You may not register notifications for this municipality.');
    }
    const caseId = idempotencyKey ? caseIdFor(dto.municipality, idempotencyKey) : randomUUID();
    const id = validateNationalId(dto.subject.nationalId, osloDateOf(Date.now()));
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
    await this.accessLog.record(p, 'CREATE', 'cases', 201, caseId);
    return this.readCase(p, caseId);
  }

  async visibleCase(p: Principal, caseId: string): Promise<CaseEntity> {
    const row = await this.db.getRepository(CaseEntity).findOneBy({ caseId });
    if (!row || !canReadCase(p, row)) {
      await this.accessLog.record(p, 'READ', `cases/${caseId}`, 404, null);
      throw notFound('case');
    }
    return row;
  }

  async readCase(p: Principal, caseId: string) {
    const row = await this.visibleCase(p, caseId);
    const [deadlines, tasks, subject, [notification]] = await Promise.all([
      this.db.query(
        `SELECT deadline_key AS key, kind, due, remind_on AS "remindOn", rule, legal_basis AS "legalBasis", source, breached_at AS "breachedAt", escalate_to AS "escalateTo"
         FROM case_deadline WHERE case_id = $1 AND status = 'OPEN' ORDER BY due`,
        [caseId],
      ),
      this.db.query(
        `SELECT task_id AS id, kind, candidate_role AS "candidateRole", assignee, status, due FROM case_task WHERE case_id = $1 AND status IN ('OPEN','CLAIMED') ORDER BY due NULLS LAST`,
        [caseId],
      ),
      this.db.query(`SELECT national_id AS "nationalId", name, birth_date AS "birthDate" FROM case_subject WHERE case_id = $1`, [caseId]),
      this.db.query(
        `SELECT payload->'notifier' AS notifier, payload->>'needsDescription' AS "needsDescription", payload->>'channel' AS channel,
                payload->>'receivedAt' AS "receivedAt", payload->>'subjectAware' AS "subjectAware"
         FROM case_history WHERE case_id = $1 AND event_type = 'NOTIFICATION_RECEIVED'`,
        [caseId],
      ),
    ]);
    await this.accessLog.record(p, 'READ', `cases/${caseId}`, 200, caseId);
    const ctx = row.context as Record<string, unknown>;
    const person = subject[0] as { nationalId: string; name: string; birthDate: string | null } | undefined;
    return {
      caseId: row.caseId,
      municipality: row.municipality,
      status: row.status,
      state: row.stateValue,
      seq: row.seq,
      allowedEvents: row.allowedEvents,
      subject: person && (mayReadNationalId(p) ? person : { name: person.name, birthDate: person.birthDate }),
      notification: notification ?? null,
      requestedLines: ctx.requestedLines,
      decisions: ctx.decisions,
      coordinator: ctx.coordinator,
      proposedCoordinator: ctx.proposedCoordinator,
      consents: ctx.consents,
      plan: ctx.plan,
      appeal: ctx.appeal,
      pause: ctx.pause,
      nextEvaluationDate: ctx.nextEvaluationDate,
      closure: ctx.closure,
      deadlines,
      tasks,
      receivedAt: row.receivedAt,
      updatedAt: row.updatedAt,
    };
  }

  async list(p: Principal, q: { status?: string; municipality?: string; page: number; pageSize: number }) {
    if (q.municipality && !canSeeMunicipality(p, q.municipality)) throw forbidden('That municipality is not in your token.');
    const f = new SqlFilter().scoped(readScope(p), 'c');
    if (q.municipality) f.where(`c.municipality = ${f.param(q.municipality)}`);
    if (q.status) f.where(`c.status = ${f.param(q.status)}`);
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM ip_case c WHERE ${f}`, f.params);
    const items = await this.db.query(
      `SELECT c.case_id AS "caseId", c.municipality, c.status, c.seq, c.next_due AS "nextDue", c.received_at AS "receivedAt", c.closure_reason AS "closureReason"
       FROM ip_case c WHERE ${f} ORDER BY c.received_at DESC, c.case_id LIMIT ${f.param(q.pageSize)} OFFSET ${f.param((q.page - 1) * q.pageSize)}`,
      f.params,
    );
    await this.accessLog.record(p, 'LIST', 'cases', 200);
    return { items, page: q.page, pageSize: q.pageSize, total };
  }

  async history(p: Principal, caseId: string) {
    await this.visibleCase(p, caseId);
    const rows = await this.db.query(
      `SELECT seq, event_type AS "eventType", actor_sub AS "actorSub", actor_name AS "actorName", actor_role AS "actorRole", occurred_at AS "occurredAt",
              from_status AS "fromStatus", to_status AS "toStatus", legal_basis AS "legalBasis"
       FROM case_history WHERE case_id = $1 ORDER BY seq`,
      [caseId],
    );
    await this.accessLog.record(p, 'READ', `cases/${caseId}/history`, 200, caseId);
    return rows;
  }

  async sendEvent(p: Principal, caseId: string, body: Record<string, unknown>) {
    const { type, ...payload } = body ?? {};
    const event = this.commands.toCommand(String(type), payload);
    const row = await this.visibleCase(p, caseId);
    if (!canSendEvent(p, row, event.type as CommandEventType)) {
      await this.accessLog.record(p, 'COMMAND', `cases/${caseId}/events/${event.type}`, 403, caseId);
      throw forbidden(`Your role may not send ${event.type} on this case.`);
    }
    try {
      await this.commands.send(caseId, { event, actor: actorOf(p) });
    } catch (e) {
      await this.accessLog.record(p, 'COMMAND', `cases/${caseId}/events/${event.type}`, e instanceof ProblemException ? e.getStatus() : 500, caseId);
      throw e;
    }
    await this.accessLog.record(p, 'COMMAND', `cases/${caseId}/events/${event.type}`, 200, caseId);
    return this.readCase(p, caseId);
  }
}
