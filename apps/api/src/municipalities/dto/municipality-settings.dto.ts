// PUT /municipalities/:nr/settings: deadline periods and reminders per kind, validated field by field.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { DEADLINE_KINDS } from '../../../../../libs/case-machine/src/ip-case.meta';

export class PeriodDto {
  @ApiProperty({ enum: ['businessDays', 'days', 'weeks', 'months'] }) @IsIn(['businessDays', 'days', 'weeks', 'months'])
  unit: 'businessDays' | 'days' | 'weeks' | 'months';
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 400 }) @IsInt() @Min(0) @Max(400)
  amount: number;
}

/** One optional period per deadline kind (the class gets a property per kind below). */
export class PeriodsByKindDto {}
for (const kind of DEADLINE_KINDS) {
  IsOptional()(PeriodsByKindDto.prototype, kind);
  ValidateNested()(PeriodsByKindDto.prototype, kind);
  Type(() => PeriodDto)(PeriodsByKindDto.prototype, kind);
  ApiPropertyOptional({ type: PeriodDto })(PeriodsByKindDto.prototype, kind);
}

export class MunicipalitySettingsDto {
  @ApiPropertyOptional({ type: PeriodsByKindDto, description: 'Deadline length per kind' })
  @IsOptional() @ValidateNested() @Type(() => PeriodsByKindDto)
  periods?: PeriodsByKindDto;

  @ApiPropertyOptional({ type: PeriodsByKindDto, description: 'How long before the deadline the reminder comes' })
  @IsOptional() @ValidateNested() @Type(() => PeriodsByKindDto)
  reminders?: PeriodsByKindDto;

  @ApiPropertyOptional({ description: '24 and 31 December off (they are working days in law)' })
  @IsOptional() @IsBoolean()
  christmasEveAndNewYearsEveOff?: boolean;
}
