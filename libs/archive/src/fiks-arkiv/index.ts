// Fiks Arkiv V1: settings, messages, replies, the reader and the schema check. The settings DTO is imported from
// its own file (it pulls in the API's decorators).
export * from './archive-settings';
export * from './arkivmelding';
export * from './avskrivning';
export * from './code-lists';
export * from './message-reader';
export * from './receipts';
export * from './schema-validator';
