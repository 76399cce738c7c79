import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../../libs/auth/src';
import { AccessLogService } from '../access-log/access-log.service';
import { requestContext } from '../access-log/request-context';
import { safeError } from '../../../../libs/logging/src';
import { ProblemBody } from './problem';

/** Refusals the access log keeps when the request named a case (Normen: attempts count too). */
const LOGGED_REFUSALS = [401, 403, 404, 422];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every error leaves as application/problem+json; unexpected ones are logged without request data or client values. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly log = new Logger('Problem');

  constructor(private readonly accessLog: AccessLogService, private readonly db: DataSource) {}

  /** The case a refused request named (a case, or the case of a task or an incident), if any. */
  private async namedCase(req: Request): Promise<string | null> {
    const id = String(req.params?.id ?? '');
    if (!id || !UUID.test(id)) return null;
    const resource = req.path.split('/')[1];
    if (resource === 'cases') return id;
    const table = resource === 'tasks' ? 'case_task WHERE task_id' : resource === 'incidents' ? 'case_incident WHERE incident_id' : null;
    if (!table) return null;
    const [row] = await this.db.query(`SELECT case_id AS "caseId" FROM ${table} = $1`, [id]);
    return row?.caseId ?? null;
  }

  private async logRefusal(req: Request & { principal?: Principal }, status: number) {
    if (!LOGGED_REFUSALS.includes(status) || requestContext()?.logged) return;
    const caseId = await this.namedCase(req);
    if (!caseId) return;
    const who = req.principal ?? { sub: 'anonymous', role: 'ANONYMOUS' as never };
    await this.accessLog.record(who, req.method === 'GET' ? 'READ' : 'COMMAND', req.path.slice(1), status, caseId);
  }

  catch(exception: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    let body: ProblemBody;
    if (exception instanceof HttpException) {
      const r = exception.getResponse();
      const status = exception.getStatus();
      body =
        typeof r === 'object' && r !== null && 'title' in r
          ? (r as ProblemBody)
          : { type: 'about:blank', title: exception.name.replace(/Exception$/, ''), status, detail: typeof r === 'string' ? r : (r as { message?: string }).message?.toString() };
    } else {
      // The route's pattern (`/cases/:id`), not the URL; the error reduced to its class, SQLSTATE and constraint (a
      // database error's text, DETAIL and parameters hold client values), whichever logger Nest has.
      const err = safeError(exception);
      this.log.error(`unhandled ${err.type}${err.sqlState ? ` SQLSTATE ${err.sqlState}` : ''} on ${req.method} ${req.route?.path ?? ''}`, { err });
      body = { type: 'about:blank', title: 'Internal Server Error', status: 500 };
    }
    this.logRefusal(req, body.status)
      .catch((e) => this.log.error(`access log of a refusal failed: ${safeError(e).type}`, { err: safeError(e) }))
      .finally(() => res.status(body.status).type('application/problem+json').send(JSON.stringify({ ...body, instance: req.originalUrl })));
  }
}
