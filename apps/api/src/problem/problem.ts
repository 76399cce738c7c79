// RFC 7807 problem details, the one error shape of the API.
import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  reason: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export class ProblemException extends HttpException {
  constructor(status: HttpStatus, title: string, detail?: string, extensions: Record<string, unknown> = {}) {
    // Extensions first: they may add members, never replace the standard ones.
    super({ ...extensions, type: `https://ke-ip.example/problems/${title.toLowerCase().replace(/[^a-z]+/g, '-')}`, title, status, detail }, status);
  }

  /** 400 for a request header that is not of its form. */
  static invalidHeader(header: string, reason: string) {
    return new ProblemException(HttpStatus.BAD_REQUEST, 'Bad Request', `${header} ${reason}`, { errors: [{ field: header, reason }] });
  }
}

/** The problems every resource answers with. */
export const problems = {
  notFound: (what: string) => new ProblemException(HttpStatus.NOT_FOUND, 'Not Found', `No ${what} with that id is visible to you.`),
  forbidden: (detail: string) => new ProblemException(HttpStatus.FORBIDDEN, 'Forbidden', detail),
  /** 422 naming the fields at fault, like a refused body. */
  invalid: (detail: string, errors: FieldError[]) =>
    new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, 'Invalid payload', detail, { errors }),
};
