export * from './audit-chain';
export * from './audit-store';
export * from './checkpoint';
export * from './verify-trail';
export * from './checkpoint-keys';
export * from './fhir/audit-trail-event';
