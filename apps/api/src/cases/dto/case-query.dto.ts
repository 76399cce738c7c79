import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsKnownMunicipality } from '../../../../../libs/municipalities/src';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { OptionalQuery } from '../../common/params';

/** GET /cases: filters, and keyset pages like /tasks and /deadlines. */
export class CaseQueryDto {
  @ApiPropertyOptional({ example: 'CONSENT_PENDING' }) @OptionalQuery() @Matches(/^[A-Z_]{2,40}$/, { message: 'status must be a case status, e.g. CONSENT_PENDING' }) status?: string;
  @ApiPropertyOptional() @OptionalQuery() @IsKnownMunicipality() municipality?: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @OptionalQuery() @IsString() cursor?: string;
  @ApiPropertyOptional({ default: 50 }) @OptionalQuery() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}
