export * from './entities';
export * from './data-source';
export * from './limits';
export * from './roles';
