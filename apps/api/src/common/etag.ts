// One ETag per resource: a case's is its version (seq), a task's its version. A GET's ETag is exactly what
// If-Match takes on that resource; any other value is a precondition that fails (412 with the current version).
import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../problem/problem';

export const etagOf = (version: number) => `"${version}"`;

/** The version an If-Match names; undefined when absent or `*` (any current version); -1 when it names none of ours. */
export function parseIfMatch(value?: string): number | undefined {
  if (value === undefined || value.trim() === '' || value.trim() === '*') return undefined;
  const m = /^(?:W\/)?"(\d+)"$/.exec(value.trim()) ?? /^(\d+)$/.exec(value.trim());
  return m ? Number(m[1]) : -1;
}

export const preconditionFailed = (current: number) =>
  new ProblemException(HttpStatus.PRECONDITION_FAILED, 'Precondition Failed', `The resource changed: it is at version ${current} (ETag ${etagOf(current)}).`, {
    currentVersion: current,
    currentETag: etagOf(current),
  });

export const IF_MATCH_DESCRIPTION = 'The ETag you got from GET (the version): 412 with the current version if the resource changed since';
