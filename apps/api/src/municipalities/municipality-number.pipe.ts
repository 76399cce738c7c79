import { Injectable, PipeTransform } from '@nestjs/common';
import { municipalityProblem } from '../../../../libs/municipalities/src';
import { problems } from '../problem/problem';

/** The :nr path parameter: a kommunenummer in SSB's register (422 naming `nr` otherwise, before any access check). */
@Injectable()
export class MunicipalityNumberPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const reason = municipalityProblem('nr', value);
    if (reason) throw problems.invalid(`${reason}.`, [{ field: 'nr', reason }]);
    return value;
  }
}
