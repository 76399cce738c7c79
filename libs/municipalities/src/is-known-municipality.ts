// class-validator decorator: the property is a municipality number in SSB's register.
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { isKnownMunicipality, municipalityProblem } from './register';

/**
 * A kommunenummer in SSB's register (e.g. `@IsKnownMunicipality() municipality: string`, or `{ each: true }` on a
 * list). It checks the format too: no `@Matches(/^\d{4}$/)` is needed beside it. The message names the field and says
 * the number is not in the register valid from its date.
 */
export function IsKnownMunicipality(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isKnownMunicipality',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) => isKnownMunicipality(v),
        defaultMessage: (a?: ValidationArguments) => {
          const field = a?.property ?? propertyName;
          // With { each: true } class-validator hands the whole list to the message.
          const values: unknown[] = options?.each && Array.isArray(a?.value) ? a!.value : [a?.value];
          return values.map((v) => municipalityProblem(field, v)).filter(Boolean).join('; ') || `${field} must be a known kommunenummer`;
        },
      },
    });
}
