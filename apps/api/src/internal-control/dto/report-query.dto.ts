import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, Matches } from 'class-validator';
import { IsKnownMunicipality } from '../../../../../libs/municipalities/src';
import { IsWithinDateRange } from '../../cases/dto/validators';

/** A civil date the engine's calendar covers (cases/dto/validators.ts DATE_RANGE). */
const CivilDate = (field: string) =>
  applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: `${field} must be a date, YYYY-MM-DD` }),
    IsDateString({ strict: true }, { message: `${field} is not a calendar date` }),
    IsWithinDateRange() as PropertyDecorator,
  );

/** GET /internal-control/report: one municipality, a period of inclusive civil dates (Europe/Oslo). */
export class ReportQueryDto {
  @ApiProperty({ pattern: '^\\d{4}$', example: '4601' }) @IsKnownMunicipality() municipality: string;
  @ApiProperty({ format: 'date', example: '2027-01-01', description: 'First day of the period (Europe/Oslo)' }) @CivilDate('from') from: string;
  @ApiProperty({ format: 'date', example: '2027-12-31', description: 'Last day of the period, at most 24 months after from' }) @CivilDate('to') to: string;
}

/** GET /internal-control/targets and PUT …/targets/:indicator. */
export class TargetQueryDto {
  @ApiProperty({ pattern: '^\\d{4}$', example: '4601' }) @IsKnownMunicipality() municipality: string;
}
