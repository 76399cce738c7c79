// The lengths of the text columns that values from outside reach. The entities (and so the schema, checked by a test
// against the migrated database) and the API's DTOs (and so the OpenAPI document) take their limits from here: no
// value the API accepts can be longer than the column it ends up in.
export const LIMITS = {
  /** Kommunenummer. */
  municipality: 4,
  /** An employee's id in the municipality's IAM: coordinator, proposed coordinator. */
  employeeId: 100,
  /** A person's token subject: actors, assignees, who closed a task, who changed settings. */
  personRef: 200,
  /** An internal-control indicator (K1–K19). */
  indicator: 3,
  /** A deadline's key (kind@date). */
  deadlineKey: 120,
  idempotencyKey: 200,
  /** A course in the coordinators' training register. */
  course: 200,
  /** Names in payloads (the person, the notifier, a consent's grantor). */
  name: 200,
  /** Free text in payloads (reasons, summaries, notes); kept in jsonb. */
  text: 4000,
  /** The purpose a request states (token claim `purpose` or X-Purpose), kept in the access log and the audit trail. */
  purpose: 200,
  /** Why a person broke the glass (X-Emergency-Access-Reason). */
  emergencyReason: 1000,
  /** The OAuth client a token was issued to (`azp` or `client_id`). */
  clientId: 200,
} as const;
