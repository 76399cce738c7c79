// The municipality register: SSB's Standard for kommuneinndeling (classification 131), the version in force.
// Data only, no I/O: the list is a JSON file beside this lib with its source, version and validity date.
import register from '../data/kommuneinndeling-2026.json';

export interface Municipality {
  /** Kommunenummer, 4 digits. */
  number: string;
  /** The name as SSB publishes it (parallel Sami and Kven names after a dash, e.g. "Trondheim - Tråante"). */
  name: string;
}

/** Which version of SSB's classification the register is, and where it came from. */
export const MUNICIPALITY_REGISTER = {
  classification: register.classification,
  classificationId: register.classificationId,
  version: register.version,
  validFrom: register.validFrom,
  source: register.source,
} as const;

export const MUNICIPALITIES: readonly Municipality[] = Object.freeze(register.municipalities.map((m) => Object.freeze({ ...m })));

const BY_NUMBER = new Map(MUNICIPALITIES.map((m) => [m.number, m]));

/** Whether `nr` is a municipality number in the register (4 digits as a string; "9999" Uoppgitt is not one). */
export function isKnownMunicipality(nr: unknown): nr is string {
  return typeof nr === 'string' && BY_NUMBER.has(nr);
}

/** The municipality's name, or undefined when the number is not in the register. */
export function municipalityName(nr: string): string | undefined {
  return BY_NUMBER.get(nr)?.name;
}

/** Why a value is not a municipality number, in one sentence naming the field; undefined when it is one. */
export function municipalityProblem(field: string, value: unknown): string | undefined {
  if (isKnownMunicipality(value)) return undefined;
  if (typeof value !== 'string' || !/^\d{4}$/.test(value)) return `${field} must be a 4-digit kommunenummer`;
  return `${field} ${value} is not a municipality number in SSB's register (${MUNICIPALITY_REGISTER.classification}, ${MUNICIPALITY_REGISTER.version}) valid from ${MUNICIPALITY_REGISTER.validFrom}`;
}
