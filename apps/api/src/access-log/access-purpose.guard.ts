// The purpose of a request (Normen: the access log says why): the token's `purpose` claim, else the X-Purpose header;
// and the reason of an emergency access (X-Emergency-Access-Reason). Checked once per request, after the token, so a
// bad value is a 400 problem naming the header before any data is read.
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { checkEmergencyReason, checkPurpose, Principal } from '../../../../libs/auth/src';
import { ProblemException } from '../problem/problem';
import { requestContext } from './request-context';

export const PURPOSE_HEADER = 'X-Purpose';
export const EMERGENCY_HEADER = 'X-Emergency-Access-Reason';

@Injectable()
export class AccessPurposeGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const context = requestContext();
    if (!req.principal || !context) return true; // public routes
    const header = req.header(PURPOSE_HEADER);
    if (header !== undefined) {
      const checked = checkPurpose(header, true);
      if ('refusal' in checked) throw ProblemException.invalidHeader(PURPOSE_HEADER, checked.refusal);
      // The token's purpose is signed: a header may repeat it, not replace it.
      if (req.principal.purpose && checked.text !== req.principal.purpose) {
        throw ProblemException.invalidHeader(PURPOSE_HEADER, 'differs from the purpose your token states');
      }
      context.purpose = { text: checked.text, source: req.principal.purpose ? 'TOKEN' : 'HEADER' };
    }
    if (req.principal.purpose) context.purpose = { text: req.principal.purpose, source: 'TOKEN' };
    const reason = req.header(EMERGENCY_HEADER);
    if (reason !== undefined) {
      const checked = checkEmergencyReason(reason);
      if ('refusal' in checked) throw ProblemException.invalidHeader(EMERGENCY_HEADER, `must give the reason for the emergency access: it ${checked.refusal}`);
      context.emergencyReason = checked.text;
    }
    return true;
  }
}
