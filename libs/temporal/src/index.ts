export * from './aes-gcm.codec';
export * from './connection-options';
