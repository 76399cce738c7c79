import { Module, type DynamicModule } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { ArchivePeer } from './archive-peer';
import { MessagesController } from './messages.controller';

@Module({})
export class ArchivePeerModule {
  /** The peer is built (and its store opened) before Nest, so the file drop and the HTTP side share it. */
  static with(peer: ArchivePeer): DynamicModule {
    return { module: ArchivePeerModule, controllers: [MessagesController, AdminController], providers: [{ provide: ArchivePeer, useValue: peer }] };
  }
}
