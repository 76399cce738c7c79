export * from './audit-checkpoint.workflow';
