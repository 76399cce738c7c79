// The pieces the projection's one statement is written with (read-model-statement.ts).

/** The placeholders of one statement, each value cast where a SELECT list cannot take its type from a column. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }
}

/** Only when the history row is new. */
export const IF_NEW = 'EXISTS (SELECT 1 FROM history)';

/** The common values of a transition, each placed once. */
export interface Placed {
  caseId: string;
  municipality: string;
  seq: string;
  at: string;
}
