export * from './register';
export * from './is-known-municipality';
