export * from './archive-delivery.workflow';
