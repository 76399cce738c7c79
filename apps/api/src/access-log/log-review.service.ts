// The monthly access-log review (K18, pasientjournalloven § 22 / Normen): proposals of unusual accesses by the named
// rules, and the KE leader's record that a month was reviewed, once per municipality and month (a second is 409 with
// the first: the record is append-only, and what a review found later belongs in the next month's findings).
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { canReadLogReviews, canRecordLogReview, canSeeMunicipality, Principal } from '../../../../libs/auth/src';
import { clockTime, daysOffIn, monthInOslo, NorwegianCalendar, osloDateOf, WORKING_HOURS } from '../../../../libs/calendar/src';
import { mergeSettings, MunicipalitySettings } from '../../../../libs/case-machine/src';
import { EnvConfig } from '../../../../libs/config/src';
import { MunicipalitySettingsEntity } from '../../../../libs/persistence/src';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { CONFIG } from '../config/config.module';
import { ProblemException, problems } from '../problem/problem';
import { AccessLogService, listFilters } from './access-log.service';
import { requestContext } from './request-context';
import { REVIEW_RULES, ReviewRule, RULES } from './review-rules';

const REVIEW_COLUMNS = `review_id AS "reviewId", municipality, month, reviewed_by AS "reviewedBy", reviewed_by_name AS "reviewedByName",
  reviewed_at AS "reviewedAt", findings, proposal_counts AS "proposalCounts"`;

interface ReviewRow {
  reviewId: string;
  municipality: string;
  month: string;
  reviewedBy: string;
  reviewedByName: string;
  reviewedAt: Date;
  findings: string;
  proposalCounts: Record<string, number>;
}

const view = (r: ReviewRow) => ({
  reviewId: r.reviewId,
  municipality: r.municipality,
  month: r.month,
  reviewedBy: { sub: r.reviewedBy, name: r.reviewedByName },
  reviewedAt: new Date(r.reviewedAt).toISOString(),
  findings: r.findings,
  proposalCounts: r.proposalCounts,
});

const thisMonth = () => osloDateOf(Date.now()).slice(0, 7);

@Injectable()
export class LogReviewService {
  constructor(
    private readonly db: DataSource,
    private readonly accessLog: AccessLogService,
    @Inject(CONFIG) private readonly config: EnvConfig,
  ) {}

  private async calendarOf(municipality: string): Promise<NorwegianCalendar> {
    const row = await this.db.getRepository(MunicipalitySettingsEntity).findOneBy({ municipality });
    const settings = mergeSettings((row?.settings ?? {}) as Partial<MunicipalitySettings>);
    return new NorwegianCalendar({ christmasEveAndNewYearsEveOff: settings.christmasEveAndNewYearsEveOff });
  }

  /** What each rule proposes in a municipality's month (at most `limit` per rule, with the count of all). */
  async proposals(p: Principal, q: { municipality: string; month: string; threshold?: number; limit?: number }, log = true) {
    if (!canReadLogReviews(p, q.municipality)) {
      throw problems.forbidden(canSeeMunicipality(p, q.municipality) ? 'The log review is for KE leaders and internal control.' : 'That municipality is not in your token.');
    }
    if (q.month > thisMonth()) throw problems.invalid('That month has not begun.', [{ field: 'month', reason: 'month must not be in the future (Europe/Oslo)' }]);
    const { from, to } = monthInOslo(q.month);
    const params = {
      municipality: q.municipality, from, to, daysOff: daysOffIn(q.month, await this.calendarOf(q.municipality)),
      hours: WORKING_HOURS, threshold: q.threshold ?? this.config.ACCESS_REVIEW_DAILY_CASES, limit: q.limit ?? 200,
    };
    const results = await Promise.all(REVIEW_RULES.map(async (rule) => {
      const { sql, params: values } = RULES[rule].query(params);
      return { rule, rows: (await this.db.query(sql, values)) as Record<string, any>[] };
    }));
    const items = results.flatMap(({ rule, rows }) => rows.map((r) => proposalOf(rule, r, params.threshold)));
    items.sort((a, b) => a.at.localeCompare(b.at) || a.rule.localeCompare(b.rule));
    const rules = results.map(({ rule, rows }) => {
      const count = rows[0]?.total ?? 0;
      return { rule, description: RULES[rule].description(params), count, truncated: count > rows.length };
    });
    if (log) {
      await this.accessLog.record(p, 'LIST', 'access-log/review-proposals', 200, null, { filters: listFilters(q), caseIds: items.flatMap((i) => i.caseIds) });
    }
    return {
      municipality: q.municipality,
      month: q.month,
      threshold: params.threshold,
      workingHours: `${clockTime(WORKING_HOURS.from)}–${clockTime(WORKING_HOURS.to)} Europe/Oslo on working days`,
      rules,
      items,
    };
  }

  async record(p: Principal, dto: { municipality: string; month: string; findings: string }) {
    if (!canRecordLogReview(p, dto.municipality)) {
      await this.accessLog.record(p, 'CREATE', 'access-log/reviews', 403);
      throw problems.forbidden(canSeeMunicipality(p, dto.municipality) ? 'Only a KE leader records the log review.' : 'That municipality is not in your token.');
    }
    if (dto.month >= thisMonth()) {
      throw problems.invalid('A month is reviewed once it has ended.', [{ field: 'month', reason: 'month must have ended (Europe/Oslo)' }]);
    }
    const proposed = await this.proposals(p, { municipality: dto.municipality, month: dto.month, limit: 1 }, false);
    const counts = Object.fromEntries(proposed.rules.map((r) => [r.rule, r.count]));
    const [row] = (await this.db.query(
      `INSERT INTO access_log_review (review_id, municipality, month, reviewed_by, reviewed_by_name, reviewed_at, findings, proposal_counts, request_id)
       VALUES ($1, $2, $3, $4, $5, now(), $6, $7, $8) ON CONFLICT ON CONSTRAINT access_log_review_once DO NOTHING RETURNING ${REVIEW_COLUMNS}`,
      [randomUUID(), dto.municipality, dto.month, p.sub, p.name, dto.findings, JSON.stringify(counts), requestContext()?.requestId ?? null],
    )) as ReviewRow[];
    if (!row) {
      const [first] = (await this.db.query(`SELECT ${REVIEW_COLUMNS} FROM access_log_review WHERE municipality = $1 AND month = $2`, [dto.municipality, dto.month])) as ReviewRow[];
      await this.accessLog.record(p, 'CREATE', 'access-log/reviews', 409);
      throw new ProblemException(HttpStatus.CONFLICT, 'Already reviewed', `${dto.month} of ${dto.municipality} was reviewed on ${view(first).reviewedAt} by ${first.reviewedByName}.`, {
        code: 'MONTH_ALREADY_REVIEWED',
        review: view(first),
      });
    }
    await this.accessLog.record(p, 'CREATE', 'access-log/reviews', 201);
    return view(row);
  }

  /** Reviews, newest month first, of one municipality or of every one in the token. */
  async list(p: Principal, q: { municipality?: string; cursor?: string; limit?: number }) {
    const municipalities = q.municipality ? [q.municipality] : p.municipalities;
    if (!municipalities.every((m) => canReadLogReviews(p, m))) {
      throw problems.forbidden(q.municipality && !canSeeMunicipality(p, q.municipality) ? 'That municipality is not in your token.' : 'The log review is for KE leaders and internal control.');
    }
    const after = q.cursor ? decodeCursor(q.cursor, ['text', 'text']) : undefined;
    const limit = q.limit ?? 50;
    const rows = (await this.db.query(
      `SELECT ${REVIEW_COLUMNS} FROM access_log_review WHERE municipality = ANY($1) ${after ? 'AND (month, municipality) < ($3, $4)' : ''}
       ORDER BY month DESC, municipality DESC LIMIT $2`,
      after ? [municipalities, limit + 1, ...after] : [municipalities, limit + 1],
    )) as ReviewRow[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    await this.accessLog.record(p, 'LIST', 'access-log/reviews', 200, null, { filters: listFilters(q), caseIds: [] });
    return { items: page.map(view), nextCursor: rows.length > limit && last ? encodeCursor([last.month, last.municipality]) : null };
  }
}

function proposalOf(rule: ReviewRule, r: Record<string, any>, threshold: number) {
  const reason =
    rule === 'OUTSIDE_WORKING_HOURS' ? `at ${r.clock} on ${r.day}` :
    rule === 'MANY_CASES_IN_A_DAY' ? `${r.cases} cases on ${r.day} (threshold ${threshold})` :
    rule === 'EMERGENCY_ACCESS' ? `emergency access: ${r.emergencyReason ?? 'no reason recorded'}` :
    'no task on the case';
  return {
    rule,
    reason,
    at: new Date(r.at).toISOString(),
    who: { sub: r.actorSub as string, name: (r.actorName ?? null) as string | null, role: r.actorRole as string },
    caseIds: (r.caseIds ?? []) as string[],
    entryIds: r.id ? [r.id as string] : [],
    resource: (r.resource ?? null) as string | null,
    purpose: (r.purpose ?? null) as string | null,
    emergencyReason: (r.emergencyReason ?? null) as string | null,
  };
}
