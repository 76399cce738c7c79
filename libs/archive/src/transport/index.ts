// The archive transport chosen by configuration.
import { FileDropTransport } from './file-drop.transport';
import { HttpTransport } from './http.transport';
import type { ArchiveTransport } from './archive-transport';

export * from './archive-transport';
export { FileDropTransport } from './file-drop.transport';
export { HttpTransport } from './http.transport';

export type ArchiveTransportConfig = { kind: 'file'; dir: string } | { kind: 'http'; url: string; timeoutMs?: number };

export function createArchiveTransport(c: ArchiveTransportConfig): ArchiveTransport {
  return c.kind === 'file' ? new FileDropTransport(c.dir) : new HttpTransport(c.url, c.timeoutMs);
}
