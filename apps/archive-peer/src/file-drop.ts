// The file-drop transport, archive side: message folders appear whole (renamed) under {dir}/outbox/; each is read,
// taken in, and removed (consumed, as a queue would), and its replies are written to {dir}/replies/{messageId}/replies.json,
// replaced whole as they arrive. fs.watch gives the prompt reaction; the rescan is the safety net for lost events.
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { WIRE } from '../../../libs/archive/src/archive.types';
import { isSafeMessageId, type ArchivePeer, type IncomingMessage } from './archive-peer';
import type { StoredMessage } from './archive-store';
import type { Faults } from './faults';

export class FileDrop {
  private readonly outbox: string;
  private readonly repliesDir: string;
  private watcher: FSWatcher | null = null;
  private interval: NodeJS.Timeout | null = null;
  private scanning: Promise<void> | null = null;
  private again = false;
  private closed = false;
  /** Folder names in arrival order: as fs.watch reported them (inotify keeps the order), else as the rescan found them. */
  private arrivals: string[] = [];
  /** Folders seen while DOWN (each counted once against the fault). */
  private ignored = new Set<string>();
  private writes: Promise<void> = Promise.resolve();
  private tmpSeq = 0;

  constructor(dir: string, private readonly peer: ArchivePeer, private readonly faults: Faults, private readonly log: Logger, private readonly rescanMs = 250) {
    this.outbox = join(dir, WIRE.dropOutbox);
    this.repliesDir = join(dir, WIRE.dropReplies);
  }

  async start(): Promise<void> {
    await mkdir(this.outbox, { recursive: true });
    await mkdir(this.repliesDir, { recursive: true });
    this.peer.onReplies((id, m) => this.writeReplies(id, m));
    this.watcher = watch(this.outbox, (_event, name) => {
      if (name && !name.startsWith('.') && !this.arrivals.includes(name)) this.arrivals.push(name);
      this.scan();
    });
    this.watcher.on('error', () => undefined); // the rescan carries on
    this.interval = setInterval(() => this.scan(), this.rescanMs);
    this.scan();
  }

  /** One scan at a time; a request during one runs another after it. */
  private scan(): void {
    if (this.closed) return;
    if (this.scanning) {
      this.again = true;
      return;
    }
    this.scanning = this.scanOnce()
      .catch((e) => this.log.error({ err: e }, 'file drop scan failed'))
      .finally(() => {
        this.scanning = null;
        if (this.again) {
          this.again = false;
          this.scan();
        }
      });
  }

  private async scanOnce(): Promise<void> {
    const known = [...this.arrivals];
    const present = (await readdir(this.outbox, { withFileTypes: true })).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name);
    // Folders the watcher missed (or from before the start) join in ctime order, a coarse clock: the fallback only.
    const missed = await Promise.all(
      present.filter((n) => !this.arrivals.includes(n)).map(async (name) => ({ name, at: (await stat(join(this.outbox, name)).catch(() => null))?.ctimeMs ?? Infinity })),
    );
    missed.sort((a, b) => a.at - b.at || a.name.localeCompare(b.name));
    // Forget the gone ones, keeping what the watcher reported meanwhile.
    this.arrivals = this.arrivals.filter((n) => present.includes(n) || !known.includes(n)).concat(missed.map((m) => m.name).filter((n) => !this.arrivals.includes(n)));
    for (const name of [...this.arrivals]) {
      if (this.closed) return;
      if (this.faults.down) {
        if (!this.ignored.has(name)) (this.ignored.add(name), this.faults.take());
        continue;
      }
      this.ignored.delete(name);
      const folder = join(this.outbox, name);
      const message = await this.read(name, folder);
      if (!message) continue;
      await this.peer.receive(message, 'drop');
      await rm(folder, { recursive: true, force: true });
      this.arrivals = this.arrivals.filter((n) => n !== name);
    }
  }

  /** The message in a folder; a folder without a readable melding.json is taken in under its name (and refused). */
  private async read(name: string, folder: string): Promise<IncomingMessage | null> {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return null; // gone meanwhile
    }
    let meta: { messageId?: unknown; messageType?: unknown } = {};
    try {
      meta = JSON.parse(await readFile(join(folder, WIRE.dropMeta), 'utf8'));
    } catch {
      /* refused below by its type */
    }
    const payload = await readFile(join(folder, WIRE.dropPayload), 'utf8').catch(() => '');
    const files = await Promise.all(
      entries
        .filter((e) => e.isFile() && e.name !== WIRE.dropMeta && e.name !== WIRE.dropPayload)
        .map(async (e) => ({ name: e.name, content: await readFile(join(folder, e.name)) })),
    );
    return {
      messageId: isSafeMessageId(meta.messageId) ? meta.messageId : name,
      messageType: typeof meta.messageType === 'string' ? meta.messageType : '',
      payload,
      files,
    };
  }

  private writeReplies(messageId: string, m: StoredMessage): void {
    if (!m.viaDrop || this.closed) return;
    const json = JSON.stringify({ replies: m.replies });
    this.writes = this.writes
      .then(async () => {
        const dir = join(this.repliesDir, messageId);
        await mkdir(dir, { recursive: true });
        const tmp = join(dir, `.${WIRE.dropRepliesFile}.${++this.tmpSeq}.tmp`);
        await writeFile(tmp, json);
        await rename(tmp, join(dir, WIRE.dropRepliesFile));
      })
      .catch((e) => this.log.error({ messageId, err: e }, 'replies could not be written'));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watcher?.close();
    if (this.interval) clearInterval(this.interval);
    await this.scanning;
    await this.writes;
  }
}
