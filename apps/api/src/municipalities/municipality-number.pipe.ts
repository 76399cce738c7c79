import { Injectable, PipeTransform } from '@nestjs/common';
import { problems } from '../problem/problem';

@Injectable()
export class MunicipalityNumberPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^\d{4}$/.test(value)) {
      throw problems.invalid('nr must be a 4-digit kommunenummer', [{ field: 'nr', reason: 'must be a 4-digit kommunenummer' }]);
    }
    return value;
  }
}
