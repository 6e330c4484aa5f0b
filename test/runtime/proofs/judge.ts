/**
 * Runs a ❌ example and its rewrite on the harness and judges the pair: identical results at every
 * N, and the rule's claim about statements and rows.
 */
import os from 'node:os';
import { canonicalJson, runOrmGroup, sameResult, type OrmCaseResult, type OrmName } from '../harness.js';
import type { Claim, Measured } from './types.js';

const WRITE = /^\s*(?:insert|update|delete|replace)\b/i;

export function measure(r: OrmCaseResult): Measured {
  const data = r.details.filter((s) => s.kind === 'data');
  return {
    data: r.dataStatements,
    other: r.otherStatements,
    rows: r.rowsReturned,
    writes: data.filter((s) => WRITE.test(s.sql) || /^\s*with\b[\s\S]*\b(?:insert|update|delete)\b/i.test(s.sql)).length,
  };
}

export interface PairRun {
  readonly n: number;
  readonly bad: OrmCaseResult;
  readonly fixed: OrmCaseResult;
}

/** Everything wrong with a bad → fixed pair at each N (empty when the rewrite keeps results and keeps the claim). */
export function judge(claim: Claim, runs: readonly PairRun[], items: (n: number) => number = (n) => n): string[] {
  const problems: string[] = [];
  for (const { n, bad, fixed } of runs) {
    if (!sameResult(bad.result, fixed.result)) {
      problems.push(`N=${n}: the results differ\n  ❌    ${clip(canonicalJson(bad.result))}\n  fixed ${clip(canonicalJson(fixed.result))}\n  first difference: ${firstDifference(bad.result, fixed.result)}`);
    }
    problems.push(...claim.check({ n, items: items(n) }, measure(bad), measure(fixed)).map((p) => `N=${n}: ${p}`));
  }
  return problems;
}

function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

/** Path and values of the first place two JSON values differ, for readable failures. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string {
  if (canonicalJson(a) === canonicalJson(b)) return '(none)';
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (canonicalJson(a[i]) !== canonicalJson(b[i])) return firstDifference(a[i], b[i], `${path}[${i}]`);
    }
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const x = (a as Record<string, unknown>)[k];
      const y = (b as Record<string, unknown>)[k];
      if (canonicalJson(x) !== canonicalJson(y)) return firstDifference(x, y, `${path}.${k}`);
    }
  }
  return `${path}: ${clip(canonicalJson(a) ?? 'undefined', 120)} vs ${clip(canonicalJson(b) ?? 'undefined', 120)}`;
}

/**
 * Runs groups of examples (one child process per group, see `runOrmGroup`) with at most `limit`
 * child processes at a time, across every caller.
 */
export function createRunQueue(limit = Math.max(1, Math.min(2, os.availableParallelism()))) {
  let active = 0;
  let children = 0;
  let runs = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    if (active >= limit) return;
    const start = waiting.shift();
    if (start) {
      active++;
      start();
    }
  };
  return {
    limit,
    /** Child processes started and examples run so far. */
    get stats() {
      return { children, runs };
    },
    run(orm: OrmName, group: readonly { n: number; source: string }[]): Promise<OrmCaseResult[]> {
      return new Promise<OrmCaseResult[]>((resolve, reject) => {
        waiting.push(() => {
          children++;
          runs += group.length;
          runOrmGroup(orm, group)
            .then(resolve, reject)
            .finally(() => {
              active--;
              next();
            });
        });
        next();
      });
    },
  };
}
