// Emergency access ("break the glass") at the API: the reads that may take X-Emergency-Access-Reason say so in the
// OpenAPI document, and a coordinator's 404 says how (the same words whether the case exists or not: nothing leaks).
import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { MIN_EMERGENCY_REASON, Principal } from '../../../../libs/auth/src';
import { LIMITS } from '../../../../libs/persistence/src/limits';
import { ProblemException, problems } from '../problem/problem';
import { EMERGENCY_HEADER } from './access-purpose.guard';

/** A case read that a coordinator may make outside the cases they coordinate, giving a reason. */
export const EmergencyAccess = () =>
  applyDecorators(
    ApiHeader({
      name: EMERGENCY_HEADER,
      required: false,
      description:
        `Emergency access ("break the glass"): why you read a case of your municipality that you do not coordinate (coordinators; ${MIN_EMERGENCY_REASON}–${LIMITS.emergencyReason} characters, ` +
        'Latin-1 or percent-encoded UTF-8). Logged with the reason and proposed for the monthly log review; reads only.',
      schema: { type: 'string', minLength: MIN_EMERGENCY_REASON, maxLength: LIMITS.emergencyReason },
    }),
  );

/** 404 for a case the policy does not let `p` read; a coordinator is told about emergency access. */
export function caseNotFound(p: Principal): ProblemException {
  const e = problems.notFound('case');
  if (p.role !== 'COORDINATOR') return e;
  return new ProblemException(404, 'Not Found', `No case with that id is visible to you. In an emergency, a case of your municipality can be read with ${EMERGENCY_HEADER} giving the reason.`);
}
