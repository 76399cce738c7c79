// The peer's durable store: one JSON document (folders with their journalposts, the replies per messageId, the running
// numbers, the counters) replaced whole on every change (write + rename), and the filed documents' bytes beside it.
// A test archive, not a database: simple enough to read in an editor, safe against a crash mid-write.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { rename, rm, writeFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ArchiveReply } from '../../../libs/archive/src/archive.types';

export interface StoredDocument {
  key: string | null;
  title: string | null;
  dokumentnummer: string | null;
  systemID: string;
  objects: { systemID: string; versjonsnummer: string | null; fileRef: string; fileName: string | null; sha256: string; size: number }[];
}

/** One avskrivning of a party of the entry (nyAvskrivning). */
export interface StoredAvskrivning {
  partyId: string;
  method: string;
  answeredByKey: string | null;
  date: string;
  messageId: string;
}

export interface StoredEntry {
  key: string;
  type: string | null;
  title: string | null;
  journalstatus: string | null;
  messageId: string;
  systemID: string;
  journalaar: number;
  journalsekvensnummer: number;
  journalpostnummer: number;
  journaldato: string;
  fagsystem: string;
  documents: StoredDocument[];
  /** The korrespondansepartIDs of its parties, as the opprett gave them. */
  partyIds: string[];
  avskrivninger: StoredAvskrivning[];
}

export interface StoredFolder {
  key: string;
  fagsystem: string;
  title: string | null;
  /** saksstatus: B under behandling, A avsluttet. */
  status: string;
  saksdato: string | null;
  systemID: string;
  saksaar: number;
  sakssekvensnummer: number;
  closedAt: string | null;
  messageId: string;
  entries: StoredEntry[];
}

export interface StoredMessage {
  messageType: string;
  replies: ArchiveReply[];
  /** It came (at least once) through the file drop: its replies go to replies/{messageId}/replies.json. */
  viaDrop: boolean;
}

export interface Counters {
  received: number;
  resends: number;
  refused: number;
}

interface State {
  folders: StoredFolder[];
  messages: Record<string, StoredMessage>;
  sequences: { saks: Record<string, number>; journal: Record<string, number> };
  counters: Counters;
}

const empty = (): State => ({ folders: [], messages: {}, sequences: { saks: {}, journal: {} }, counters: { received: 0, resends: 0, refused: 0 } });

export class ArchiveStore {
  private state: State;
  private writing: Promise<void> = Promise.resolve();
  private readonly file: string;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'store.json');
    this.state = existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as State) : empty();
    // A store written before avskrivning was kept.
    for (const e of this.state.folders.flatMap((f) => f.entries)) {
      e.partyIds ??= [];
      e.avskrivninger ??= [];
    }
  }

  get counters(): Counters {
    return this.state.counters;
  }
  get folders(): readonly StoredFolder[] {
    return this.state.folders;
  }

  folder(key: string): StoredFolder | undefined {
    return this.state.folders.find((f) => f.key === key);
  }
  /** A journalpost by its external key, or by the systemID the peer gave it. */
  entry(key: string, by: 'key' | 'systemID' = 'key'): { folder: StoredFolder; entry: StoredEntry } | undefined {
    for (const folder of this.state.folders) {
      const entry = folder.entries.find((e) => e[by] === key);
      if (entry) return { folder, entry };
    }
    return undefined;
  }
  message(messageId: string): StoredMessage | undefined {
    return this.state.messages[messageId];
  }

  /** The next running number of a series (saks or journal) in a year. */
  next(series: 'saks' | 'journal', year: number): number {
    const seq = this.state.sequences[series];
    seq[year] = (seq[year] ?? 0) + 1;
    return seq[year];
  }

  addFolder(folder: Omit<StoredFolder, 'systemID' | 'entries'>): StoredFolder {
    const stored: StoredFolder = { ...folder, systemID: randomUUID(), entries: [] };
    this.state.folders.push(stored);
    return stored;
  }

  /** Records a message the first time it is seen (its replies come later). */
  touchMessage(messageId: string, messageType: string, viaDrop: boolean): StoredMessage {
    const m = (this.state.messages[messageId] ??= { messageType, replies: [], viaDrop });
    m.viaDrop ||= viaDrop;
    return m;
  }

  /** Writes a filed document's bytes under files/{entry systemID}/ (the name cannot leave that folder). */
  async saveFile(entrySystemId: string, fileRef: string, content: Buffer): Promise<void> {
    const dir = join(this.dir, 'files', entrySystemId);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, basename(fileRef)), content);
  }

  /** Makes the current state durable; writes are serialised and each replaces the file whole. */
  persist(): Promise<void> {
    const json = JSON.stringify(this.state, null, 1);
    this.writing = this.writing.then(async () => {
      const tmp = `${this.file}.tmp`;
      await writeFile(tmp, json);
      await rename(tmp, this.file);
    });
    return this.writing;
  }

  async reset(): Promise<void> {
    this.state = empty();
    await this.persist();
    await rm(join(this.dir, 'files'), { recursive: true, force: true });
  }
}
