import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ProblemException, problems } from './problem';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

export function invalidPayload(errors: ValidationError[]): ProblemException {
  return problems.invalid('The request body breaks one or more rules.', flatten(errors));
}

/** 422 with every field and its reason; unknown fields are refused, not silently dropped. */
export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: invalidPayload,
  });
