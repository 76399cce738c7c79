import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNumber, Max, Min } from 'class-validator';

const COMPARISONS = ['>=', '<=', '='] as const;

/** A target as a municipality sets it: "≥ 0.95", "≤ 28", "= 0". */
export class TargetDto {
  @ApiProperty({ enum: COMPARISONS, example: '>=' }) @IsIn(COMPARISONS) comparison: (typeof COMPARISONS)[number];
  @ApiProperty({ type: 'number', minimum: 0, maximum: 10000, example: 0.95, description: 'A share 0..1, or a whole number of cases, days or months' })
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(10000) value: number;
}

export class TargetViewDto extends TargetDto {
  @ApiProperty({ example: 'K4' }) indicator: string;
  @ApiProperty({ type: TargetDto, description: 'Domain § 5.2' }) default: TargetDto;
  @ApiProperty({ type: String, nullable: true, description: 'Who set it; null while the default applies' }) updatedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt: string | null;
}

export class TargetListDto {
  @ApiProperty({ example: '4601' }) municipality: string;
  @ApiProperty({ type: [TargetViewDto] }) targets: TargetViewDto[];
}
