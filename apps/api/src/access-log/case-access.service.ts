// The access policy's decision on reading a case, with what it needs from the database (a KE person's task
// relationship with the case), remembered for the request so the access log records the basis it was allowed on.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessBasis, CaseAccess, caseReadAccess, CaseRelation, CaseScope, canSeeMunicipality, needsTaskRelation, Principal, usualBasis } from '../../../../libs/auth/src';
import { requestContext } from './request-context';

@Injectable()
export class CaseAccessService {
  constructor(private readonly db: DataSource) {}

  /** Whether a KE person holds or held a task on the case, or an open unassigned one waits for their role. */
  async relation(p: Principal, caseId: string): Promise<CaseRelation | undefined> {
    if (!needsTaskRelation(p)) return undefined;
    const [row] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM case_task WHERE case_id = $1
         AND (assignee = $2 OR closed_by = $2 OR (status = 'OPEN' AND assignee IS NULL AND candidate_role = $3))) AS "hasTask"`,
      [caseId, p.sub, p.role],
    );
    return { hasTask: row.hasTask };
  }

  /**
   * May `p` read this case, and on what basis. `emergency`: the read may break the glass with the request's
   * X-Emergency-Access-Reason (case and task reads; never a command). An allowed read is remembered for the log.
   */
  async decide(p: Principal, c: CaseScope & { caseId: string }, o: { emergency?: boolean } = {}): Promise<CaseAccess> {
    const ctx = requestContext();
    const relation = canSeeMunicipality(p, c.municipality) ? await this.relation(p, c.caseId) : undefined; // no query for another municipality's case
    const access = caseReadAccess(p, c, { relation, emergencyReason: o.emergency ? ctx?.emergencyReason : undefined });
    if (access.allowed) this.remember(c.caseId, access.basis, c.municipality);
    return access;
  }

  remember(caseId: string, basis: AccessBasis, municipality: string) {
    requestContext()?.decisions.set(caseId, { basis, municipality });
  }

  /** The basis of an access the request made without asking decide() (an endpoint that checked canReadCase itself). */
  async usualDecision(p: Principal, caseId: string) {
    const [row] = await this.db.query(
      `SELECT municipality, coordinator_employee_id AS "coordinatorEmployeeId", proposed_coordinator_employee_id AS "proposedCoordinatorEmployeeId"
       FROM ip_case WHERE case_id = $1`,
      [caseId],
    );
    if (!row) return undefined;
    const basis = usualBasis(p, row, await this.relation(p, caseId));
    return { basis: basis ?? undefined, municipality: row.municipality as string };
  }
}
