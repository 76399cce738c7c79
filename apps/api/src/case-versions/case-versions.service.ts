// A case as it was at an instant, from the versions the projection recorded (case_version): for internal control,
// "what did the KE know on 3 March?". The history says which transition was the last before the instant; its version
// says what the case was then. Cases from before the versions were recorded lack the versions before their backfill.
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canReadCaseAsOf, Principal } from '../../../../libs/auth/src';
import type { AssignedTask, ConsentRecord, CoordinatorRef, OpenDeadline, Plan } from '../../../../libs/case-machine/src';
import { AccessLogService } from '../access-log/access-log.service';
import { CasesService } from '../cases/cases.service';
import { ProblemException, problems } from '../problem/problem';
import type { CaseAsOfDto } from './dto/as-of.dto';

interface VersionRow {
  seq: number;
  at: Date;
  eventType: string;
  status: string;
  stateValue: string | object;
  context: { consents?: ConsentRecord[]; coordinator?: CoordinatorRef | null; plan?: Plan | null };
  tasks: AssignedTask[];
  deadlines: OpenDeadline[];
}

@Injectable()
export class CaseVersionsService {
  constructor(private readonly db: DataSource, private readonly accessLog: AccessLogService, private readonly cases: CasesService) {}

  async asOf(p: Principal, caseId: string, asked: string): Promise<CaseAsOfDto> {
    const row = await this.cases.visibleCase(p, caseId);
    const at = new Date(asked).toISOString();
    const log = (outcome: number) => this.accessLog.record(p, 'READ', `cases/${caseId}/as-of`, outcome, caseId, { filters: { at }, caseIds: [caseId] });
    if (!canReadCaseAsOf(p, row)) {
      await log(403);
      throw problems.forbidden('Earlier states of a case are for the KE and internal control.');
    }
    const [last] = await this.db.query(`SELECT seq FROM case_history WHERE case_id = $1 AND occurred_at <= $2 ORDER BY seq DESC LIMIT 1`, [caseId, at]);
    if (!last) {
      const [first] = await this.db.query(`SELECT occurred_at AS at FROM case_history WHERE case_id = $1 ORDER BY seq LIMIT 1`, [caseId]);
      const since: string | null = first?.at.toISOString() ?? null;
      await log(404);
      throw new ProblemException(HttpStatus.NOT_FOUND, 'Case did not exist yet', `Case ${caseId} did not exist yet at ${at}${since ? `: it was recorded first at ${since}` : ''}.`, {
        code: 'CASE_NOT_YET_EXISTING',
        firstRecordedAt: since,
      });
    }
    const [v]: VersionRow[] = await this.db.query(
      `SELECT seq, at, event_type AS "eventType", status, state_value AS "stateValue", context, tasks, deadlines FROM case_version WHERE case_id = $1 AND seq = $2`,
      [caseId, last.seq],
    );
    if (!v) {
      const [first] = await this.db.query(`SELECT seq, at FROM case_version WHERE case_id = $1 ORDER BY seq LIMIT 1`, [caseId]);
      await log(409);
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'State not recorded',
        `The case's state after transition ${last.seq} was not recorded: the case is older than the record of its states` +
          (first ? `, which begins at transition ${first.seq} (${first.at.toISOString()}).` : '.'),
        { code: 'STATE_NOT_RECORDED', firstRecordedSeq: first?.seq ?? null, firstRecordedAt: first?.at.toISOString() ?? null },
      );
    }
    await log(200);
    return view(caseId, at, v);
  }
}

/** The answer: no name or identity number (consents without who gave them), tasks and deadlines as the case view has them. */
function view(caseId: string, at: string, v: VersionRow): CaseAsOfDto {
  const { consents = [], coordinator = null, plan = null } = v.context;
  return {
    caseId,
    at,
    asOfSeq: v.seq,
    recordedAt: v.at.toISOString(),
    eventType: v.eventType,
    status: v.status,
    state: v.stateValue,
    tasks: v.tasks.map((t) => ({ key: t.key, kind: t.kind, candidateRole: t.role, assignee: t.assignee, status: t.assignee ? 'CLAIMED' : 'OPEN', due: t.due })),
    deadlines: v.deadlines.map((d) => ({
      key: d.key, kind: d.kind, due: d.due, remindOn: d.remindOn ?? null, rule: d.rule, legalBasis: d.legalBasis, source: d.source,
      breachedAt: d.breachedAt ?? null, escalateTo: d.escalateTo ?? null, effect: null, firesAt: null, forDeadline: null,
    })),
    consents: consents
      .filter((c) => c.status === 'ACTIVE')
      .map((c) => ({ scope: c.scope, ...(c.party ? { party: c.party } : {}), capacity: c.capacity, form: c.form, validFrom: c.validFrom })),
    coordinator,
    plan: plan && { version: plan.version, approvedAt: plan.approvedAt, revisionDate: plan.revisionDate },
  };
}
