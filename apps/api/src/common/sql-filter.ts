// Builds a parameterised WHERE clause; every list query starts from the caller's read scope.
import type { ReadScope } from '../../../../libs/auth/src';

export class SqlFilter {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  /** Adds a parameter and returns its placeholder ($n). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  where(clause: string): this {
    this.clauses.push(clause);
    return this;
  }

  /** Only rows of the scope's municipalities, and for a coordinator only the cases they (are proposed to) coordinate. */
  scoped(scope: ReadScope, caseAlias: string, municipalityColumn = `${caseAlias}.municipality`): this {
    // One municipality (the common token) as plain equality, so an index on it can also give the sort order.
    this.where(
      scope.municipalities.length === 1
        ? `${municipalityColumn} = ${this.param(scope.municipalities[0])}`
        : `${municipalityColumn} = ANY(${this.param(scope.municipalities)})`,
    );
    if (scope.coordinator) {
      const me = this.param(scope.coordinator);
      this.where(`(${caseAlias}.coordinator_employee_id = ${me} OR ${caseAlias}.proposed_coordinator_employee_id = ${me})`);
    }
    return this;
  }

  toString(): string {
    return this.clauses.length ? this.clauses.join(' AND ') : 'TRUE';
  }
}

/**
 * A page over several municipalities as one ordered, LIMITed subquery per municipality, merged by the outer ORDER BY:
 * each an index scan that stops at the limit, instead of reading (and sorting) every row of all of them. `page` is
 * the query over the whole scope, its WHERE being `f`; `column` is set to each municipality in turn.
 */
export function perMunicipality(f: SqlFilter, municipalities: string[], page: string, column: string, outerOrder: string, take: string): string {
  const where = `WHERE ${f}`;
  return `SELECT x.* FROM unnest(${f.param([...new Set(municipalities)])}::varchar[]) AS m(municipality)
    CROSS JOIN LATERAL (${page.replace(where, `WHERE ${column} = m.municipality AND ${where.slice(6)}`)}) x
    ORDER BY ${outerOrder} LIMIT ${take}`;
}
