import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { MunicipalitySettingsViewDto } from './dto/municipality-settings-view.dto';
import { ApiProblems } from '../problem/problem.dto';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/auth/src';
import { CurrentPrincipal } from '../auth/auth.guard';
import { MunicipalitySettingsDto } from './dto/municipality-settings.dto';
import { MunicipalitiesService } from './municipalities.service';
import { MunicipalityNumberPipe } from './municipality-number.pipe';

@ApiTags('municipalities')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 422)
@ApiParam({ name: 'nr', description: 'Kommunenummer', schema: { type: 'string', pattern: '^\\d{4}$' } })
@Controller('municipalities/:nr/settings')
export class MunicipalitiesController {
  constructor(private readonly municipalities: MunicipalitiesService) {}

  @Get()
  @ApiOkResponse({ type: MunicipalitySettingsViewDto })
  @ApiOperation({ summary: "The municipality's deadline settings (effective, overrides and defaults)" })
  get(@CurrentPrincipal() p: Principal, @Param('nr', MunicipalityNumberPipe) nr: string) {
    return this.municipalities.get(p, nr);
  }

  @Put()
  @ApiOkResponse({ type: MunicipalitySettingsViewDto })
  @ApiOperation({ summary: 'A KE leader changes the deadline settings; deadlines set from now on follow them' })
  put(@CurrentPrincipal() p: Principal, @Param('nr', MunicipalityNumberPipe) nr: string, @Body() dto: MunicipalitySettingsDto) {
    return this.municipalities.put(p, nr, dto);
  }
}
