// Every workflow the worker registers.
export * from './archive';
export * from './audit';
export * from './ip-case';
export * from './internal-control';
