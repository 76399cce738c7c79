// The HTTP transport, archive side (WIRE): POST /messages takes a message in, GET /messages/:id/replies reads its replies.
import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import type { ArchiveReply } from '../../../libs/archive/src/archive.types';
import { ArchivePeer, isSafeMessageId, type IncomingMessage } from './archive-peer';

function incoming(body: unknown): IncomingMessage {
  const b = (body ?? {}) as Record<string, unknown>;
  if (!isSafeMessageId(b.messageId)) throw new BadRequestException('messageId: letters, digits, ".", "_" and "-" only');
  if (typeof b.messageType !== 'string' || typeof b.payload !== 'string') throw new BadRequestException('messageType and payload are strings');
  const files = b.files ?? [];
  if (!Array.isArray(files)) throw new BadRequestException('files is a list');
  return {
    messageId: b.messageId,
    messageType: b.messageType,
    payload: b.payload,
    files: files.map((f: { name?: unknown; contentBase64?: unknown }) => {
      if (typeof f?.name !== 'string' || typeof f.contentBase64 !== 'string') throw new BadRequestException('each file has name and contentBase64');
      return { name: f.name, content: Buffer.from(f.contentBase64, 'base64') };
    }),
  };
}

@Controller('messages')
export class MessagesController {
  constructor(@Inject(ArchivePeer) private readonly peer: ArchivePeer) {}

  @Post()
  @HttpCode(202)
  async take(@Body() body: unknown): Promise<{ replies: ArchiveReply[] }> {
    return { replies: await this.peer.receive(incoming(body), 'http') };
  }

  @Get(':messageId/replies')
  replies(@Param('messageId') messageId: string): { replies: ArchiveReply[] } {
    const replies = this.peer.replies(messageId);
    if (!replies) throw new NotFoundException('no such message');
    return { replies };
  }
}
