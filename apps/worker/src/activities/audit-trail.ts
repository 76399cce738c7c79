// What the audit trail says of a projected transition: appended in the projection's own transaction, so an accepted
// command has its entry exactly when it has its history row (and a retried activity, finding the row, adds neither).
import type { EntityManager } from 'typeorm';
import { appendAuditEntry, payloadDigest } from '../../../../libs/audit/src';
import type { TransitionRecord } from '../../../../libs/contracts/src/ip-case.activities';

export function auditTransition(m: EntityManager, r: TransitionRecord) {
  return appendAuditEntry(m, {
    kind: 'CASE_EVENT',
    municipality: r.municipality,
    caseId: r.caseId,
    seq: r.seq,
    at: r.at,
    actor: { sub: r.actor.sub, name: r.actor.name, role: r.actor.role, municipalities: r.actor.municipalities ?? [] },
    event: r.eventType,
    // The payload carries personal data (the notification, consent, plan): the trail keeps only its digest.
    payloadDigest: payloadDigest(r.payload),
    fromStatus: r.fromStatus,
    toStatus: r.toStatus,
    legalBasis: r.legalBasis,
    requestId: r.origin?.requestId ?? null,
    purpose: r.origin?.purpose ?? null,
  });
}
