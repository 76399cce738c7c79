export * from './civil-date';
export * from './norwegian-calendar';
export * from './working-hours';
