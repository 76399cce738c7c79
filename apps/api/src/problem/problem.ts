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
}
