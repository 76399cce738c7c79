export * from './civil-date';
export * from './norwegian-calendar';
