/** The claims rules make about their rewrites (issue: "Prove the fixes on a real database"). */
import type { Claim } from './types.js';

/** A per-item query becomes one batched or eager query: N+1 statements → at most 2, at every N. */
export const nPlusOneToTwo: Claim = {
  text: 'N+1 → ≤ 2 data statements',
  check({ n, items }, bad, fixed) {
    const problems: string[] = [];
    if (bad.data < items + 1) problems.push(`the ❌ version ran ${bad.data} data statements at N=${n}, expected at least ${items} + 1`);
    if (fixed.data > 2) problems.push(`the fixed version ran ${fixed.data} data statements at N=${n}, expected at most 2`);
    return problems;
  },
};

/** Counting in the database: N rows fetched → 1 row. */
export const rowsToOne: Claim = {
  text: 'rows N → 1',
  check({ n, items }, bad, fixed) {
    const problems: string[] = [];
    if (bad.rows < items) problems.push(`the ❌ version fetched ${bad.rows} rows at N=${n}, expected at least ${items}`);
    if (fixed.rows > 1) problems.push(`the fixed version fetched ${fixed.rows} rows at N=${n}, expected 1`);
    if (fixed.data > bad.data) problems.push(`the fixed version ran more data statements (${fixed.data}) than the ❌ one (${bad.data})`);
    return problems;
  },
};

/** N writes → one write statement. */
export const writesToOne: Claim = {
  text: 'N writes → 1',
  check({ n, items }, bad, fixed) {
    const problems: string[] = [];
    if (bad.writes < items) problems.push(`the ❌ version ran ${bad.writes} write statements at N=${n}, expected at least ${items}`);
    if (fixed.writes !== 1) problems.push(`the fixed version ran ${fixed.writes} write statements at N=${n}, expected 1`);
    return problems;
  },
};

/** An existence test: N rows fetched (or counted) → at most one row, never more statements. */
export const rowsToAtMostOne: Claim = {
  text: 'rows N → ≤ 1',
  check({ n, items }, bad, fixed) {
    const problems: string[] = [];
    if (bad.rows < items) problems.push(`the ❌ version fetched ${bad.rows} rows at N=${n}, expected at least ${items}`);
    if (fixed.rows > 1) problems.push(`the fixed version fetched ${fixed.rows} rows at N=${n}, expected at most 1`);
    if (fixed.data > bad.data) problems.push(`the fixed version ran more data statements (${fixed.data}) than the ❌ one (${bad.data})`);
    return problems;
  },
};

/** A filter, slice or first-row pick moved into the query: N rows → the few the code uses. */
export function rowsToAtMost(k: number): Claim {
  return {
    text: `rows N → ≤ ${k}`,
    check({ n, items }, bad, fixed) {
      const problems: string[] = [];
      if (bad.rows < items) problems.push(`the ❌ version fetched ${bad.rows} rows at N=${n}, expected at least ${items}`);
      if (fixed.rows > k) problems.push(`the fixed version fetched ${fixed.rows} rows at N=${n}, expected at most ${k}`);
      if (fixed.data > bad.data) problems.push(`the fixed version ran more data statements (${fixed.data}) than the ❌ one (${bad.data})`);
      return problems;
    },
  };
}

/** Read-modify-write of every row → one atomic UPDATE: the rows are no longer fetched, one write remains. */
export const readModifyWriteToAtomic: Claim = {
  text: 'read N rows + write each → 1 atomic write, rows not fetched',
  check({ n }, bad, fixed) {
    const problems: string[] = [];
    if (bad.writes < 1) problems.push(`the ❌ version wrote nothing at N=${n}`);
    if (fixed.writes !== 1) problems.push(`the fixed version ran ${fixed.writes} write statements at N=${n}, expected 1`);
    if (fixed.rows >= bad.rows) problems.push(`the fixed version fetched ${fixed.rows} rows at N=${n}, not fewer than the ❌ one (${bad.rows})`);
    if (fixed.data > bad.data) problems.push(`the fixed version ran more data statements (${fixed.data}) than the ❌ one (${bad.data})`);
    return problems;
  },
};

/** Two round trips → one: the rows of the first statement no longer travel to the application. */
export const twoStatementsToOne: Claim = {
  text: '2 data statements → 1, fewer rows',
  check({ n }, bad, fixed) {
    const problems: string[] = [];
    if (bad.data < 2) problems.push(`the ❌ version ran ${bad.data} data statements at N=${n}, expected at least 2`);
    if (fixed.data !== bad.data - 1) problems.push(`the fixed version ran ${fixed.data} data statements at N=${n}, expected ${bad.data - 1} (one fewer than the ❌ one)`);
    if (fixed.rows >= bad.rows) problems.push(`the fixed version fetched ${fixed.rows} rows at N=${n}, not fewer than the ❌ one (${bad.rows})`);
    return problems;
  },
};
