export * from './ip-case.messages';
export * from './ip-case.activities';
export * from './audit-checkpoint';
export * from './archive-delivery';
