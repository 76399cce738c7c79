export type { DocumentInput } from './document-input';
export { renderDocument } from './render-document';
