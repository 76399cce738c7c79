export * from './env.config';
