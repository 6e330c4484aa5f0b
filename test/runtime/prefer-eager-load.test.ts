/**
 * Runtime proof for prefer-eager-load: each per-row relation load of test/rules/prefer-eager-load.cases.ts
 * runs on a fresh seeded SQLite database before and after the rule's suggestion (the suggestion is made
 * by the rule here, on the same code, and must equal the one the typed tier asserts). The rows must be the
 * same, and the statements must drop from N + 1 to one or two. Mongoose cannot run here (no MongoDB server).
 * Knex and Kysely have no relations: their per-row lookups are no-query-in-loop's (a batched `whereIn`),
 * which test/runtime/harness.test.ts measures.
 */
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { eagerLoadCases } from '../rules/prefer-eager-load.cases.js';
import { ensureOrmsSetUp, runOrmCases, sameResult, type OrmName } from './harness.js';

const N = 10;

const table: { case: string; before: number; after: number; rowsBefore: number; rowsAfter: number }[] = [];

/** The code with the rule's (only) suggestion applied. */
function suggested(code: string): string {
  const messages = new Linter().verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { orm: plugin as never }, rules: { 'orm/prefer-eager-load': 'error' } }], 'example.ts');
  expect(messages.map((m) => m.ruleId)).toEqual(['orm/prefer-eager-load']);
  const fix = messages[0]!.suggestions![0]!.fix;
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

beforeAll(() => {
  ensureOrmsSetUp();
}, 900_000);

afterAll(() => {
  // Data statements before → after the suggestion, for the record.
  console.table(table);
});

describe('prefer-eager-load: same rows, N + 1 statements become one or two', () => {
  const runnable = eagerLoadCases.filter((c): c is typeof c & { orm: OrmName } => c.orm !== 'mongoose');

  runnable.forEach((c, i) => {
    it(`${c.orm} #${i}: ${c.suggestion.data['source']} with ${c.suggestion.data['relation']}`, async () => {
      const fixed = suggested(c.code);
      expect(fixed).toBe(c.suggestion.output);
      const [before, after] = await runOrmCases([
        { orm: c.orm, n: N, source: c.code },
        { orm: c.orm, n: N, source: fixed },
      ]);
      table.push({ case: `${c.orm} #${i}`, before: before!.dataStatements, after: after!.dataStatements, rowsBefore: before!.rowsReturned, rowsAfter: after!.rowsReturned });
      expect(sameResult(before!.result, after!.result)).toBe(true);
      expect((before!.result as unknown[]).length).toBe(N);
      // One query per row at least (Prisma's fluent API sends two: the row, then its relation).
      expect(before!.dataStatements).toBeGreaterThanOrEqual(N + 1);
      expect(after!.dataStatements).toBeGreaterThanOrEqual(1);
      expect(after!.dataStatements).toBeLessThanOrEqual(2);
    }, 180_000);
  });
});
