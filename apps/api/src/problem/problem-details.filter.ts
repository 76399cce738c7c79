import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProblemBody } from './problem';

/** Every error leaves as application/problem+json; unexpected ones are logged without request data. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly log = new Logger('Problem');

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
      this.log.error(`unhandled ${(exception as Error)?.name ?? 'error'} on ${req.method} ${req.route?.path ?? ''}`, (exception as Error)?.stack);
      body = { type: 'about:blank', title: 'Internal Server Error', status: 500 };
    }
    res.status(body.status).type('application/problem+json').send(JSON.stringify({ ...body, instance: req.originalUrl }));
  }
}
