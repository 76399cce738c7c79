// For tests: switch faults on, read the whole store, empty it; and the health probe.
import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ArchivePeer, mappeID, registreringsID } from './archive-peer';
import { FAULT_MODES, type FaultMode, type FaultSetting } from './faults';

const positiveInt = (v: unknown) => v === undefined || (Number.isInteger(v) && (v as number) > 0);

@Controller()
export class AdminController {
  constructor(@Inject(ArchivePeer) private readonly peer: ArchivePeer) {}

  @Post('admin/faults')
  @HttpCode(200)
  setFault(@Body() body: { mode?: unknown; count?: unknown; delayMs?: unknown } | undefined): FaultSetting {
    const { mode, count, delayMs } = body ?? {};
    if (!FAULT_MODES.includes(mode as FaultMode)) throw new BadRequestException(`mode is one of ${FAULT_MODES.join(', ')}`);
    if (!positiveInt(count)) throw new BadRequestException('count is a positive integer');
    if (!(delayMs === undefined || (Number.isInteger(delayMs) && (delayMs as number) >= 0))) throw new BadRequestException('delayMs is a whole number of milliseconds');
    return this.peer.faults.set(mode as FaultMode, count as number | undefined, delayMs as number | undefined);
  }

  @Get('admin/store')
  store() {
    const { store, faults } = this.peer;
    return {
      folders: store.folders.map((f) => ({
        key: f.key,
        title: f.title,
        status: f.status,
        closedAt: f.closedAt,
        messageId: f.messageId,
        systemID: f.systemID,
        mappeID: mappeID(f),
        saksaar: f.saksaar,
        sakssekvensnummer: f.sakssekvensnummer,
        saksdato: f.saksdato,
        journalposts: f.entries.map((e) => ({
          key: e.key,
          type: e.type,
          title: e.title,
          journalstatus: e.journalstatus,
          messageId: e.messageId,
          systemID: e.systemID,
          registreringsID: registreringsID(f, e),
          journalaar: e.journalaar,
          journalsekvensnummer: e.journalsekvensnummer,
          journalpostnummer: e.journalpostnummer,
          korrespondansepartIDs: e.partyIds,
          avskrivninger: e.avskrivninger,
          documents: e.documents.flatMap((d) =>
            d.objects.map((o) => ({ key: d.key, title: d.title, systemID: d.systemID, objectSystemID: o.systemID, fileRef: o.fileRef, fileName: o.fileName, sha256: o.sha256, size: o.size })),
          ),
        })),
      })),
      counters: { ...store.counters },
      faults: faults.current,
    };
  }

  @Post('admin/reset')
  @HttpCode(204)
  async reset(): Promise<void> {
    await this.peer.reset();
  }

  @Get('health')
  health() {
    return { status: 'up' };
  }
}
