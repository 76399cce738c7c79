// Starts the local archive peer in this process: the store, the HTTP side and (with a drop folder) the file drop.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createLogger, NestStructuredLogger } from '../../../libs/logging/src';
import { ArchivePeer } from './archive-peer';
import { ArchiveStore } from './archive-store';
import { Faults } from './faults';
import { FileDrop } from './file-drop';
import { ArchivePeerModule } from './peer.module';

export interface ArchivePeerOptions {
  /** 0 picks a free port. Default: ARCHIVE_PEER_PORT, else 4100. */
  port?: number;
  host?: string;
  /** The store's folder. Default: ARCHIVE_PEER_DIR, else .data/archive-peer. */
  dir?: string;
  /** The file drop's folder (outbox/, replies/); none: HTTP only. Default: ARCHIVE_PEER_DROP_DIR. */
  dropDir?: string | null;
  logLevel?: string;
  /** The file drop's rescan interval. */
  rescanMs?: number;
  /** JSON body limit of POST /messages (the files travel base64-encoded in it). */
  bodyLimit?: string;
}

export interface RunningArchivePeer {
  url: string;
  peer: ArchivePeer;
  close(): Promise<void>;
}

export async function startArchivePeer(o: ArchivePeerOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<RunningArchivePeer> {
  const log = createLogger({ service: 'ke-ip-archive-peer', level: o.logLevel ?? env.LOG_LEVEL });
  const faults = new Faults();
  const peer = new ArchivePeer(new ArchiveStore(resolve(o.dir ?? env.ARCHIVE_PEER_DIR ?? '.data/archive-peer')), faults, log);
  const dropDir = o.dropDir === undefined ? env.ARCHIVE_PEER_DROP_DIR : o.dropDir;
  const drop = dropDir ? new FileDrop(resolve(dropDir), peer, faults, log, o.rescanMs) : null;

  const app = await NestFactory.create<NestExpressApplication>(ArchivePeerModule.with(peer), { bodyParser: false, logger: new NestStructuredLogger(log) });
  app.useBodyParser('json', { limit: o.bodyLimit ?? env.ARCHIVE_PEER_BODY_LIMIT ?? '20mb' });
  // DOWN: every endpoint but /admin answers 503; a message turned away counts against the fault.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!faults.down || req.path.startsWith('/admin')) return next();
    if (req.method === 'POST' && req.path === '/messages') faults.take();
    res.status(503).json({ status: 'down' });
  });
  await app.listen(o.port ?? Number(env.ARCHIVE_PEER_PORT ?? 4100), o.host ?? env.ARCHIVE_PEER_HOST ?? '127.0.0.1');
  await drop?.start();
  const address = app.getHttpServer().address() as AddressInfo;
  const url = `http://${address.address}:${address.port}`;
  log.info({ port: address.port, fileDrop: !!drop, folders: peer.store.folders.length }, 'archive peer listening');

  let closing: Promise<void> | null = null;
  return {
    url,
    peer,
    close: () =>
      (closing ??= (async () => {
        await drop?.close();
        await app.close();
        await peer.close();
      })()),
  };
}
