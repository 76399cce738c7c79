export * from './aes-gcm.codec';
export * from './connection-options';
export * from './workflow-bundle';
