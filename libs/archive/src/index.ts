export * from './journal-records';
