// Path and query parameters: bad ones answer 422 with the field, like bad bodies; empty query values mean "not given".
import { applyDecorators, ParseUUIDPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsOptional } from 'class-validator';
import { problems } from '../problem/problem';

export const UuidParam = (field = 'id') =>
  new ParseUUIDPipe({
    exceptionFactory: () => problems.invalid(`${field} must be a UUID`, [{ field, reason: `${field} must be a UUID` }]),
  });

/** An optional query parameter; `?kind=` counts as absent. */
export const OptionalQuery = () => applyDecorators(Transform(({ value }) => (value === '' ? undefined : value)), IsOptional());
