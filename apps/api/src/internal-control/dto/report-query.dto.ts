import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, Matches } from 'class-validator';
import { IsKnownMunicipality } from '../../../../../libs/municipalities/src';

const civilDate = (field: string) => [Matches(/^\d{4}-\d{2}-\d{2}$/, { message: `${field} must be a date, YYYY-MM-DD` }), IsDateString({ strict: true }, { message: `${field} is not a calendar date` })];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));

/** GET /internal-control/report: one municipality, a period of inclusive civil dates (Europe/Oslo). */
export class ReportQueryDto {
  @ApiProperty({ pattern: '^\\d{4}$', example: '4601' }) @IsKnownMunicipality() municipality: string;
  @ApiProperty({ format: 'date', example: '2027-01-01', description: 'First day of the period (Europe/Oslo)' }) @apply(civilDate('from')) from: string;
  @ApiProperty({ format: 'date', example: '2027-12-31', description: 'Last day of the period, at most 24 months after from' }) @apply(civilDate('to')) to: string;
}

/** GET /internal-control/targets and PUT …/targets/:indicator. */
export class TargetQueryDto {
  @ApiProperty({ pattern: '^\\d{4}$', example: '4601' }) @IsKnownMunicipality() municipality: string;
}
