// Proactive content negotiation (RFC 9110 § 12.5.1) for resources with more than one representation: the best of the
// offered media types for the request's Accept (Express's req.accepts, q-values and wildcards included; no Accept is
// the first offer), or 406 problem+json naming what there is.
import { HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProblemException } from '../problem/problem';

export function negotiate<T extends string>(req: Request, res: Response, offers: readonly T[]): T {
  // The answer depends on Accept: caches must key on it.
  res.vary('Accept');
  const chosen = req.accepts([...offers]);
  if (!chosen) throw new ProblemException(HttpStatus.NOT_ACCEPTABLE, 'Not Acceptable', `This resource is available as ${offers.join(', ')}.`);
  return chosen as T;
}
