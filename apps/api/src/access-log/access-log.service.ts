import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../../libs/auth/src';

/** Appends who read or changed which case (Normen faktaark 15). Never logs personal data to stdout. */
@Injectable()
export class AccessLogService {
  constructor(private readonly db: DataSource) {}

  async record(p: Principal, action: 'READ' | 'LIST' | 'CREATE' | 'COMMAND', resource: string, outcome: number, caseId: string | null = null) {
    await this.db.query(
      `INSERT INTO access_log (at, actor_sub, actor_role, case_id, action, resource, outcome) VALUES (now(), $1, $2, $3, $4, $5, $6)`,
      [p.sub, p.role, caseId, action, resource, outcome],
    );
  }
}
