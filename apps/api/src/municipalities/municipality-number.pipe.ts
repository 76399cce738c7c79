import { HttpStatus, Injectable, PipeTransform } from '@nestjs/common';
import { ProblemException } from '../problem/problem';

@Injectable()
export class MunicipalityNumberPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^\d{4}$/.test(value)) {
      throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, 'Invalid payload', 'nr must be a 4-digit kommunenummer', {
        errors: [{ field: 'nr', reason: 'must be a 4-digit kommunenummer' }],
      });
    }
    return value;
  }
}
