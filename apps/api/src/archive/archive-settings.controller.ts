import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/auth/src';
import { ArchiveSettingsDto } from '../../../../libs/archive/src/fiks-arkiv/archive-settings.dto';
import { CurrentPrincipal } from '../auth/auth.guard';
import { MunicipalityNumberPipe } from '../municipalities/municipality-number.pipe';
import { ApiProblems } from '../problem/problem.dto';
import { ArchiveSettingsService } from './archive-settings.service';

@ApiTags('archive')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 422)
@ApiParam({ name: 'nr', description: 'Kommunenummer', schema: { type: 'string', pattern: '^\\d{4}$' } })
@Controller('municipalities/:nr/archive-settings')
export class ArchiveSettingsController {
  constructor(private readonly settings: ArchiveSettingsService) {}

  @Get()
  @ApiOperation({ summary: 'What the municipality agreed with its archive vendor (effective, overrides and defaults)' })
  get(@CurrentPrincipal() p: Principal, @Param('nr', MunicipalityNumberPipe) nr: string) {
    return this.settings.get(p, nr);
  }

  @Put()
  @ApiOperation({ summary: 'A KE leader sets the archive settings; messages built from now on follow them (a refused one is rebuilt on retry)' })
  put(@CurrentPrincipal() p: Principal, @Param('nr', MunicipalityNumberPipe) nr: string, @Body() dto: ArchiveSettingsDto) {
    return this.settings.put(p, nr, dto);
  }
}
