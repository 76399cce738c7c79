// Every workflow the worker registers.
export * from './ip-case';
export * from './internal-control';
