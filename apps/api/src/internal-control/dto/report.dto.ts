// The answer of GET /internal-control/report, as libs/audit/src/internal-control/report.types.ts has it.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INDICATOR_IDS } from '../../../../../libs/audit/src/internal-control/report.types';
import { TargetDto } from './target.dto';

export class IndicatorResultDto {
  @ApiProperty({ enum: INDICATOR_IDS }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Exact enough to recompute the figure by hand: which cases count, from which event to which, how deadlines are counted' }) definition: string;
  @ApiProperty({ description: 'The duty it measures (legal basis, domain § 5.2)' }) duty: string;
  @ApiProperty({ enum: ['SHARE', 'COUNT', 'DAYS', 'MONTHS'] }) unit: string;
  @ApiProperty({ type: TargetDto }) target: TargetDto;
  @ApiProperty({ description: 'False when the engine cannot compute it; reason says why' }) computable: boolean;
  @ApiPropertyOptional({ description: 'Why it is not computable, or why it has no value' }) reason?: string;
  @ApiProperty({ type: 'number', nullable: true }) value: number | null;
  @ApiPropertyOptional({ type: 'integer' }) numerator?: number;
  @ApiPropertyOptional({ type: 'integer' }) denominator?: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number', nullable: true }, description: 'Further figures, named (K2: p90Days and per line; K5: totalGapDays; K18: per month)' })
  details?: Record<string, number | null>;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Whether the value meets the target; null without a value' }) met: boolean | null;
  @ApiProperty({ type: [String], description: 'The cases behind the figure (ids only)' }) cases: string[];
  @ApiProperty({ type: [String], description: 'The cases that fail it (a subset of cases)' }) casesFailing: string[];
}

export class InternalControlReportDto {
  @ApiProperty({ example: '4601' }) municipality: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ format: 'date-time', description: 'The instant the figures describe' }) generatedAt: string;
  @ApiProperty({ type: [IndicatorResultDto] }) indicators: IndicatorResultDto[];
}
