// HTTP towards an archive endpoint (the local archive peer, or a vendor's adapter that speaks the same JSON): POST
// the message, GET its replies. A refused connection, a time-out or a 5xx is ArchiveUnavailableError (retried); any
// other non-2xx says the archive rejected the request itself, which no resend fixes.
import { WIRE, type ArchiveReply, type OutgoingMessage } from '../archive.types';
import { ArchiveUnavailableError, type ArchiveTransport } from './archive-transport';

export class HttpTransport implements ArchiveTransport {
  readonly name = 'http' as const;
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 30_000,
  ) {}

  private async call(path: string, init: RequestInit): Promise<Response | null> {
    let res: Response;
    try {
      res = await fetch(new URL(path.replace(/^\//, ''), this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`), {
        ...init,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new ArchiveUnavailableError(`the archive did not answer (${(e as Error).name})`);
    }
    if (res.status === 404) return null;
    if (res.status >= 500) throw new ArchiveUnavailableError(`the archive answered HTTP ${res.status}`);
    if (!res.ok) throw new Error(`the archive refused the request: HTTP ${res.status}`);
    return res;
  }

  async send(message: OutgoingMessage): Promise<void> {
    const body = JSON.stringify({
      messageId: message.messageId,
      messageType: message.messageType,
      payload: message.payload,
      files: message.files.map((f) => ({ name: f.name, contentBase64: f.content.toString('base64') })),
    });
    const res = await this.call(WIRE.messagesPath, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    if (!res) throw new Error('the archive has no message endpoint here (HTTP 404)');
  }

  async replies(messageId: string): Promise<ArchiveReply[]> {
    const res = await this.call(WIRE.repliesPath(messageId), { method: 'GET' });
    return res ? ((await res.json()) as { replies: ArchiveReply[] }).replies ?? [] : [];
  }
}
