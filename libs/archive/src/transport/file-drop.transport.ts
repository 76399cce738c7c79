// The file drop: one folder per message with arkivmelding.xml, its documents and melding.json, written under a
// temporary name and renamed whole, so the archive never sees half a message; replies are read back from
// {dir}/replies/{messageId}/replies.json, which the archive rewrites whole (an append-only list) as replies arrive.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WIRE, type ArchiveReply, type OutgoingMessage } from '../archive.types';
import type { ArchiveTransport } from './archive-transport';

const exists = (p: string) => stat(p).then(() => true, () => false);

export class FileDropTransport implements ArchiveTransport {
  readonly name = 'file' as const;
  constructor(private readonly dir: string) {}

  async send(message: OutgoingMessage): Promise<void> {
    const outbox = join(this.dir, WIRE.dropOutbox);
    // A resend (after a serverfeil or silence) is a new drop of the same message id: melding.json names the id, the
    // folder name only has to be new.
    const first = join(outbox, message.messageId);
    const final = (await exists(first)) ? `${first}.${randomUUID().slice(0, 8)}` : first;
    const tmp = join(outbox, `.tmp-${final.slice(outbox.length + 1)}`);
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    await writeFile(join(tmp, WIRE.dropPayload), message.payload, 'utf8');
    for (const f of message.files) await writeFile(join(tmp, f.name), f.content);
    await writeFile(join(tmp, WIRE.dropMeta), JSON.stringify({ messageId: message.messageId, messageType: message.messageType }), 'utf8');
    await rename(tmp, final);
  }

  async replies(messageId: string): Promise<ArchiveReply[]> {
    const file = join(this.dir, WIRE.dropReplies, messageId, WIRE.dropRepliesFile);
    const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : Promise.reject(e)));
    return text ? ((JSON.parse(text) as { replies: ArchiveReply[] }).replies ?? []) : [];
  }
}
