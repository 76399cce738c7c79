// A nested object a DTO does not mark optional is required. class-validator skips @ValidateNested() for a missing
// value, so without this a body without `subject` reached the service and failed there (a 500): now it is 422 naming it.
import { getMetadataStorage, IsDefined, ValidationTypes } from 'class-validator';

type ValidationMetadata = { type: string; name?: string; propertyName: string };

/**
 * Adds `@IsDefined()` to every `@ValidateNested()` property of every class that has neither `@IsOptional()` /
 * `@ValidateIf()` (conditional validation, e.g. `RequiredWhen`) nor `@IsDefined()` already. Idempotent; call it once
 * the DTOs are loaded (createApiApp does, after the modules are built).
 */
export function requireNestedObjects(): number {
  const storage = getMetadataStorage() as unknown as { validationMetadatas?: Map<unknown, ValidationMetadata[]> };
  if (!(storage.validationMetadatas instanceof Map)) throw new Error('class-validator metadata storage has an unexpected shape; check requireNestedObjects');
  let added = 0;
  for (const [target, metadatas] of storage.validationMetadatas) {
    if (typeof target !== 'function') continue;
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const m of metadatas) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
    for (const [property, ms] of byProperty) {
      const nested = ms.some((m) => m.type === ValidationTypes.NESTED_VALIDATION);
      const optionalOrRequired = ms.some((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION || m.type === ValidationTypes.IS_DEFINED || m.name === 'isDefined');
      if (!nested || optionalOrRequired) continue;
      IsDefined({ message: ({ property: p }) => `${p} is required` })(target.prototype, property);
      added++;
    }
  }
  return added;
}
