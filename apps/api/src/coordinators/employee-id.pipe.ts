import { Injectable, PipeTransform } from '@nestjs/common';
import { LIMITS } from '../../../../libs/persistence/src/limits';
import { problems } from '../problem/problem';

/** The :employeeId path parameter: an IAM id as a case's coordinator carries it (422 naming it otherwise). */
@Injectable()
export class EmployeeIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    // PostgreSQL stores no NUL; blank or longer than the column is no employee id.
    if (!value?.trim() || value.length > LIMITS.employeeId || value.includes('\u0000')) {
      const reason = `employeeId must be 1 to ${LIMITS.employeeId} characters, without NUL`;
      throw problems.invalid(`${reason}.`, [{ field: 'employeeId', reason }]);
    }
    return value;
  }
}
