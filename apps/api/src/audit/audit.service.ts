// Reads the audit trail: a case's entries, entries across cases by actor, event and period, and the verification
// of a chain against itself and the signed checkpoints. Every read is in the access log.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AUDIT_COLUMNS, AuditEntry, AuditRow, entryOfRow, latestCheckpoint, TrailVerification, verifyTrail,
} from '../../../../libs/audit/src';
import { canReadAuditTrail, canReadCaseAuditTrail, canSeeMunicipality, canVerifyAuditTrail, canWriteCheckpoints, Principal } from '../../../../libs/auth/src';
import { AccessLogService, listFilters, readActionFor } from '../access-log/access-log.service';
import { CasesService } from '../cases/cases.service';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { perMunicipality, SqlFilter } from '../common/sql-filter';
import { problems } from '../problem/problem';
import { AuditCheckpointsService } from './audit-checkpoints.service';
import type { AuditQueryDto, CasePageQueryDto, CheckpointQueryDto, VerifyQueryDto } from './dto/audit.dto';

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

/** The instant a civil day (Europe/Oslo) begins, in SQL. */
const osloDayStart = (placeholder: string, plusDays = 0) => `((${placeholder}::date + ${plusDays})::timestamp AT TIME ZONE 'Europe/Oslo')`;

@Injectable()
export class AuditService {
  constructor(
    private readonly db: DataSource,
    private readonly accessLog: AccessLogService,
    private readonly cases: CasesService,
    private readonly checkpoints: AuditCheckpointsService,
  ) {}

  /** The case's trail, newest first. */
  async caseTrail(p: Principal, caseId: string, q: CasePageQueryDto, as?: string): Promise<AuditPage> {
    const row = await this.cases.visibleCase(p, caseId);
    if (!canReadCaseAuditTrail(p, row)) {
      await this.accessLog.record(p, 'READ', `cases/${caseId}/audit`, 403, caseId);
      throw problems.forbidden("The archive system does not read a case's audit trail.");
    }
    const limit = q.limit ?? 100;
    const [before] = q.cursor ? (decodeCursor(q.cursor, ['bigint']) as string[]).map(Number) : [null];
    const rows: AuditRow[] = await this.db.query(
      `SELECT ${AUDIT_COLUMNS} FROM audit_entry WHERE case_id = $1 AND ($2::int IS NULL OR seq < $2) ORDER BY seq DESC LIMIT $3`,
      [caseId, before, limit + 1],
    );
    const items = rows.slice(0, limit).map(entryOfRow);
    await this.accessLog.record(p, readActionFor(as), `cases/${caseId}/audit`, 200, caseId);
    return { items, nextCursor: rows.length > limit ? encodeCursor([String(items[items.length - 1].seq)]) : null };
  }

  /** Entries across cases, newest first: the KE leader's and internal control's view. */
  async list(p: Principal, q: AuditQueryDto, as?: string): Promise<AuditPage> {
    if (!canReadAuditTrail(p)) throw problems.forbidden('The audit trail across cases is for the KE leader and internal control.');
    const municipalities = this.municipalitiesFor(p, q.municipality);
    // Within a municipality the index (municipality, at, position), or (municipality, event, at, position), gives the
    // order, so the scan stops at the limit: one municipality as plain equality, several as one subquery each
    // (perMunicipality). An actor's entries are few and come from (actor_sub, at) across the municipalities.
    const merged = municipalities.length > 1 && !q.actor;
    const g = new SqlFilter();
    if (municipalities.length === 1) g.where(`municipality = ${g.param(municipalities[0])}`);
    else if (!merged) g.where(`municipality = ANY(${g.param(municipalities)})`);
    if (q.actor) g.where(`actor_sub = ${g.param(q.actor)}`);
    if (q.event) g.where(`event = ${g.param(q.event)}`);
    if (q.from) g.where(`at >= ${osloDayStart(g.param(q.from))}`);
    if (q.to) g.where(`at < ${osloDayStart(g.param(q.to), 1)}`);
    if (q.cursor) {
      const [at, municipality, position] = decodeCursor(q.cursor, ['timestamptz', 'text', 'bigint']);
      const before = g.param(at);
      // at <= the cursor's follows from the row comparison; said apart, it bounds the index scan.
      g.where(`at <= ${before}::timestamptz AND (at, municipality, position) < (${before}::timestamptz, ${g.param(municipality)}, ${g.param(position)}::bigint)`);
    }
    const limit = q.limit ?? 100;
    const take = g.param(limit + 1);
    const page = `SELECT ${AUDIT_COLUMNS} FROM audit_entry WHERE ${g} ORDER BY at DESC, municipality DESC, position DESC LIMIT ${take}`;
    const rows: AuditRow[] = await this.db.query(
      !merged ? page : perMunicipality(g, municipalities, page, 'municipality', 'x.at DESC, x.municipality DESC, x.position DESC', take),
      g.params,
    );
    const items = rows.slice(0, limit).map(entryOfRow);
    const last = items[items.length - 1];
    const caseIds = items.flatMap((e) => (e.caseId ? [e.caseId] : []));
    await this.accessLog.record(p, readActionFor(as, 'LIST'), 'audit', 200, null, { filters: listFilters(q), caseIds });
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.at, last.municipality, String(last.position)]) : null };
  }

  /** Checks a chain (or the part of it recorded from..to) and every signed checkpoint of it. */
  async verify(p: Principal, q: VerifyQueryDto): Promise<TrailVerification & { checkpoints: { configured: boolean } }> {
    if (!canVerifyAuditTrail(p)) throw problems.forbidden('Verifying the audit trail is for the KE leader and internal control.');
    if (q.from && q.to && q.from > q.to) throw problems.invalid('from is after to', [{ field: 'from', reason: 'must not be after to' }]);
    const [municipality] = this.municipalitiesFor(p, q.municipality, true);
    const range = await this.positions(municipality, q.from, q.to);
    const checked = await this.checkpoints.all();
    const forged = checked.find((c) => c.checkpoint.municipality === municipality && !c.head);
    const heads = checked.flatMap((c) => (c.head ? [c.head] : []));
    let result: TrailVerification;
    if (range === 'EMPTY') {
      result = { valid: true, checked: 0, firstBroken: null, municipality, fromPosition: null, toPosition: null, checkpoints: { checked: 0, latest: latestCheckpoint(heads, municipality) } };
    } else {
      result = await verifyTrail(this.db, municipality, heads, range);
    }
    if (forged && result.valid) {
      result = { ...result, valid: false, firstBroken: { position: forged.checkpoint.position,
        reason: `the checkpoint of ${forged.checkpoint.at} (key ${forged.checkpoint.kid}) has no valid signature from a configured key` } };
    }
    await this.accessLog.record(p, 'READ', 'audit/verify', 200);
    return { ...result, checkpoints: { ...result.checkpoints, configured: this.checkpoints.configured } };
  }

  async listCheckpoints(p: Principal, q: CheckpointQueryDto) {
    if (!canVerifyAuditTrail(p)) throw problems.forbidden('Checkpoints are for the KE leader and internal control.');
    const municipalities = this.municipalitiesFor(p, q.municipality);
    const items = (await this.checkpoints.all()).filter((c) => c.head && municipalities.includes(c.checkpoint.municipality)).map((c) => c.checkpoint);
    await this.accessLog.record(p, 'LIST', 'audit/checkpoints', 200);
    return { items };
  }

  async signCheckpoints(p: Principal) {
    if (!canWriteCheckpoints(p)) throw problems.forbidden('Only the system role writes audit checkpoints.');
    const run = await this.checkpoints.signNow();
    await this.accessLog.record(p, 'CREATE', 'audit/checkpoints', 201);
    return run;
  }

  /** The municipalities asked for (one of the token's), or all of the token's; `one` insists on a single chain. */
  private municipalitiesFor(p: Principal, asked: string | undefined, one = false): string[] {
    if (asked && !canSeeMunicipality(p, asked)) throw problems.forbidden('That municipality is not in your token.');
    if (asked) return [asked];
    if (one && p.municipalities.length !== 1) {
      throw problems.invalid('municipality is required', [{ field: 'municipality', reason: 'your token names several municipalities: say which chain to check' }]);
    }
    return p.municipalities;
  }

  /** The positions of the entries recorded on the days from..to (the whole chain when neither is given). */
  private async positions(municipality: string, from?: string, to?: string): Promise<{ fromPosition?: number; toPosition?: number } | 'EMPTY'> {
    if (!from && !to) return {};
    const [row] = await this.db.query(
      `SELECT min(position) AS first, max(position) AS last FROM audit_entry
       WHERE municipality = $1 AND ($2::date IS NULL OR at >= ${osloDayStart('$2')}) AND ($3::date IS NULL OR at < ${osloDayStart('$3', 1)})`,
      [municipality, from ?? null, to ?? null],
    );
    return row?.first ? { fromPosition: Number(row.first), toPosition: Number(row.last) } : 'EMPTY';
  }
}
