/**
 * Shapes of the rule × ORM runtime proofs (see rules.test.ts): for each rule whose fix or
 * suggestion changes how many statements run or how many rows travel, one ❌ example per ORM, the
 * report it must get, and the claim the rule's rewrite has to make true on a real database.
 */
import type { OrmName } from '../harness.js';

/** What one run cost, as the claim sees it. */
export interface Measured {
  /** SELECT/INSERT/UPDATE/DELETE/WITH statements. */
  readonly data: number;
  /** BEGIN/COMMIT/SAVEPOINT/PRAGMA… */
  readonly other: number;
  /** Rows the data statements handed back. */
  readonly rows: number;
  /** INSERT/UPDATE/DELETE/REPLACE statements (a subset of `data`). */
  readonly writes: number;
}

/** A rule's promise about its rewrite, checked at every N. */
export interface Claim {
  /** How the table states it: `N+1 → ≤ 2 data statements`. */
  readonly text: string;
  /**
   * What is wrong with `bad` → `fixed` at `n`, where the ❌ version repeats its work `items` times
   * (N unless the example filters); empty when the claim holds.
   */
  check(at: { readonly n: number; readonly items: number }, bad: Measured, fixed: Measured): string[];
}

/** A ❌ example the rule reports and rewrites (its fix, or the first suggestion of the report). */
export interface ProofCase {
  readonly orm: OrmName;
  /** Short name of the situation (`first post per view count`), for the table. */
  readonly scenario: string;
  /** Source of the ❌ example module (imports from './db', `export async function run()`). */
  readonly source: string;
  /** Text on the line the one report must start on (the marked query). */
  readonly at: string;
  /** The messageId the report must have. */
  readonly messageId: string;
  /** Rule options, when not the defaults. */
  readonly options?: Record<string, unknown>;
  /** Why the claim differs for this case, when it does. */
  readonly note?: string;
  /** How many items the ❌ version repeats its work for at N (default N), e.g. `(n) => Math.ceil(n / 2)` for published posts. */
  readonly items?: (n: number) => number;
}

/** A cell with no rewrite for this ORM: why, and (when there is one) the ❌ example the rule reports without one. */
export interface NoFixCase {
  readonly orm: OrmName;
  readonly scenario: string;
  readonly reason: string;
  /** When given, the suite checks the report is there and carries neither fix nor suggestion. */
  readonly example?: { readonly source: string; readonly at: string; readonly messageId: string };
}

export interface RuleProof {
  readonly rule: string;
  readonly claim: Claim;
  readonly cases: readonly (ProofCase | NoFixCase)[];
}

export function isNoFix(c: ProofCase | NoFixCase): c is NoFixCase {
  return 'reason' in c;
}
