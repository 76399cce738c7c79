export * from './journal-records';
export * from './archive.types';
export * from './fiks-arkiv';
export * from './outbox';
