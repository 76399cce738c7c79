import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/auth/src';
import { CurrentPrincipal } from '../auth/auth.guard';
import { UuidParam } from '../common/params';
import { ApiProblems } from '../problem/problem.dto';
import { ArchiveService } from './archive.service';
import { CaseArchiveDto } from './dto/archive.dto';

@ApiTags('archive')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 422)
@Controller('cases')
export class ArchiveController {
  constructor(private readonly archive: ArchiveService) {}

  @Get(':id/archive')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({
    summary: "The case's records in the municipal archive",
    description: 'Each record in delivery order: its external key, journalposttype, state (PENDING, SENT, RECEIVED = mottatt, DELIVERED = kvittert, REFUSED), attempts, the last error, the archive\'s ids and a link to the filed document.',
  })
  @ApiOkResponse({ type: CaseArchiveDto })
  caseArchive(@CurrentPrincipal() p: Principal, @Param('id', UuidParam()) id: string) {
    return this.archive.caseArchive(p, id);
  }

  @Get(':id/documents/:docId')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'docId', format: 'uuid' })
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'A document as filed in the archive (PDF/A); the download is access-logged as an export' })
  @ApiOkResponse({ description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @Header('Cache-Control', 'no-store')
  async document(@CurrentPrincipal() p: Principal, @Param('id', UuidParam()) id: string, @Param('docId', UuidParam()) docId: string) {
    const d = await this.archive.document(p, id, docId);
    return new StreamableFile(d.content, { type: d.mimeType, disposition: `attachment; filename*=UTF-8''${encodeURIComponent(d.fileName)}`, length: d.content.length });
  }
}
