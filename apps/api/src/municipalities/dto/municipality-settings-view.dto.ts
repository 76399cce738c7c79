import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MunicipalitySettingsDto } from './municipality-settings.dto';

export class MunicipalitySettingsViewDto {
  @ApiProperty() municipality: string;
  @ApiProperty({ type: MunicipalitySettingsDto, description: 'In force: defaults with the overrides applied' }) settings: MunicipalitySettingsDto;
  @ApiProperty({ type: MunicipalitySettingsDto }) overrides: MunicipalitySettingsDto;
  @ApiProperty({ type: MunicipalitySettingsDto, description: 'Domain § 4.3' }) defaults: MunicipalitySettingsDto;
  @ApiPropertyOptional({ type: String, nullable: true }) updatedBy: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) updatedAt: string | null;
}
