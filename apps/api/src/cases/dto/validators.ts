import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, IsDefined, IsNotEmpty, IsString, Matches, MaxLength, registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';
import { LIMITS } from '../../../../../libs/persistence/src/limits';
import { osloDateOf } from '../../../../../libs/calendar/src/civil-date';
import { NationalIdOptions, validateNationalId } from '../../../../../libs/identity/src/national-id';

/**
 * Whether this API accepts Skatteetaten's synthetic test numbers (Tenor): set once at start from
 * SYNTHETIC_NATIONAL_IDS (allowed in development and tests, refused in production unless a test environment says so).
 */
export const nationalIdPolicy: NationalIdOptions = { allowSynthetic: false };

/** A fødselsnummer or D-number with both check digits (and the 2032 rule once it applies). */
export function IsNationalId(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isNationalId',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) => typeof v === 'string' && validateNationalId(v, osloDateOf(Date.now()), nationalIdPolicy).valid,
        defaultMessage: (a?: import("class-validator").ValidationArguments) =>
          `${a!.property} is not a valid fødselsnummer or D-number: ${typeof a!.value === 'string' ? validateNationalId(a!.value, osloDateOf(Date.now()), nationalIdPolicy).reason : 'must be a string'}`,
      },
    });
}

/**
 * An ISO 8601 instant, or a civil date (YYYY-MM-DD, by today's date in Europe/Oslo), that is not in the future. The
 * case's machine checks the same against the command's own time.
 */
export function IsNotFuture(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isNotFuture',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        // No slack: the workflow stamps the event later still, and its machine refuses a receipt after that.
        validate: (v: unknown) => {
          if (typeof v !== 'string') return false;
          if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v <= osloDateOf(Date.now());
          return !Number.isNaN(Date.parse(v)) && Date.parse(v) <= Date.now();
        },
        defaultMessage: (a?: import("class-validator").ValidationArguments) => `${a!.property} must be a ${/^\d{4}-\d{2}-\d{2}$/.test(String(a!.value)) ? 'date' : 'date-time'} that is not in the future`,
      },
    });
}

/**
 * The dates the engine computes deadlines over: from 1900-01-01 to 2999-12-31. Outside, deadline arithmetic leaves the
 * calendar (a year before 1000 or after 9999 has no YYYY-MM-DD), so such a date is refused here, before any case sees it.
 */
export const DATE_RANGE = { from: '1900-01-01', to: '2999-12-31' } as const;

/** A civil date or an ISO 8601 instant within DATE_RANGE (an instant by its UTC date). */
export function IsWithinDateRange(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isWithinDateRange',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) => {
          if (typeof v !== 'string') return false;
          const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
          return !Number.isNaN(t) && t >= Date.parse(`${DATE_RANGE.from}T00:00:00Z`) && t < Date.parse(`${DATE_RANGE.to}T00:00:00Z`) + 86_400_000;
        },
        defaultMessage: (a?: import("class-validator").ValidationArguments) => `${a!.property} must be from ${DATE_RANGE.from} to ${DATE_RANGE.to}`,
      },
    });
}

/** Norwegian organisation number: 9 digits, mod-11 check digit. */
export function IsOrganisationNumber(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isOrganisationNumber',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) => {
          if (typeof v !== 'string' || !/^\d{9}$/.test(v)) return false;
          const w = [3, 2, 7, 6, 5, 4, 3, 2];
          const sum = w.reduce((s, x, i) => s + x * Number(v[i]), 0);
          const k = (11 - (sum % 11)) % 11;
          return k !== 10 && k === Number(v[8]);
        },
        defaultMessage: (a?: import("class-validator").ValidationArguments) => `${a!.property} must be a 9-digit organisation number with a valid check digit`,
      },
    });
}

/**
 * A field that only one variant of an event uses (e.g. `plan` only with outcome REVISE): sent with another variant it
 * would be silently ignored, so it is refused, naming the field and the variant that uses it.
 */
export function OnlyWhen(field: string, values: readonly string[], options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'onlyWhen',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown, a) => v === undefined || values.includes((a!.object as Record<string, string>)[field]),
        defaultMessage: (a?: import('class-validator').ValidationArguments) =>
          `${a!.property} is used only when ${field} is ${values.join(' or ')}, not ${(a!.object as Record<string, string>)[field]}`,
      },
    });
}

/**
 * A field a variant needs (e.g. `closureReason` with outcome CLOSE): validated when present or when that variant is
 * sent (use instead of IsOptional), and then it must be there.
 */
export function RequiredWhen(field: string, values: readonly string[]) {
  return (target: object, propertyName: string) => {
    ValidateIf((o: Record<string, unknown>, v: unknown) => v !== undefined || values.includes(o[field] as string))(target, propertyName);
    IsDefined({ message: (a) => `${a.property} is required when ${field} is ${(a.object as Record<string, string>)[field]}` })(target, propertyName);
  };
}

/** A non-empty string, at most `max` characters (LIMITS: the column or the payload text it ends up in). */
export const Text = (max: number = LIMITS.text) => (t: object, k: string) => { IsString()(t, k); IsNotEmpty()(t, k); MaxLength(max)(t, k); };
/** A civil date (Europe/Oslo), YYYY-MM-DD: `format: date` in the OpenAPI document. */
export const CivilDateField = () => (t: object, k: string) => {
  ApiProperty({ type: String, format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', example: '2027-06-01' })(t, k);
  Matches(/^\d{4}-\d{2}-\d{2}$/, { message: `${k} must be a date YYYY-MM-DD` })(t, k);
  IsDateString({ strict: true })(t, k);
  IsWithinDateRange()(t, k);
};
