export * from './ip-case.types';
export * from './ip-case.events';
export * from './ip-case.meta';
export * from './ip-case.machine';
export * from './ip-case.deadlines';
export * from './ip-case.tasks';
export * from './ip-case.view';
export * from './ip-case.legal-basis';
export { ageOn, hasActiveConsent, isLineGranted } from './ip-case.guards';
