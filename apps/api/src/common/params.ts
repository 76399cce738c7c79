// Path and query parameters: bad ones answer 422 with the field, like bad bodies; empty query values mean "not given".
import { applyDecorators, HttpStatus, ParseUUIDPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsOptional } from 'class-validator';
import { ProblemException } from '../problem/problem';

export const UuidParam = (field = 'id') =>
  new ParseUUIDPipe({
    exceptionFactory: () =>
      new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, 'Invalid payload', `${field} must be a UUID`, {
        errors: [{ field, reason: `${field} must be a UUID` }],
      }),
  });

/** An optional query parameter; `?kind=` counts as absent. */
export const OptionalQuery = () => applyDecorators(Transform(({ value }) => (value === '' ? undefined : value)), IsOptional());
