export * from './logger';
export * from './nest-logger';
export * from './redact';
export * from './temporal-logger';
export * from './process';
