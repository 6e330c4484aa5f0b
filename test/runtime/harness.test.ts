/**
 * Validates the runtime harness on all eight ORMs that can run here (Mongoose cannot: no MongoDB
 * server; its rules are verified statically). For each ORM an N+1 example and a hand-written
 * batched version run at N = 10 and N = 100 on fresh seeded SQLite databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTHOR_OF_EACH_POST, LOST_WHERE } from './cases.js';
import { ensureOrmsSetUp, ORMS, OrmCaseError, runOrmCase, runOrmCases, sameResult, type OrmName } from './harness.js';

const SIZES = [10, 100] as const;

interface Shape {
  data: number;
  other: number;
  rows: number;
}

/**
 * Exact statement counts measured for each ORM (n = seeded posts = distinct authors).
 *
 * N+1 example: one SELECT for the posts plus one SELECT per post for its author = n + 1 data
 * statements, returning n post rows + n author rows. Identical for every ORM because every post
 * has a different author (no identity map or cache can answer a lookup). Sequelize additionally
 * runs a hidden `PRAGMA table_info(<table>)` before each SELECT (to learn column types), which
 * counts as "other": n + 1 PRAGMAs.
 *
 * Batched versions:
 *  - Knex, Kysely: posts, then one `WHERE id IN (...)` = 2 statements, 2n rows.
 *  - Objection `withGraphFetched('author')`: same 2-statement shape.
 *  - Prisma `include: { author: true }`: Prisma loads relations with one extra `IN` query = 2.
 *  - Drizzle relational query `with: { author: true }`: one statement (correlated json subquery), n rows.
 *  - TypeORM `relations: { author: true }`: one LEFT JOIN, n rows.
 *  - MikroORM `populate: ['author']`: 6.x default load strategy is "joined" = one statement, n rows.
 *  - Sequelize `include`: one JOIN, n rows, plus one PRAGMA per table named in the query (posts, users) = 2 other.
 */
const EXPECTED: Record<OrmName, { nPlusOne: (n: number) => Shape; batched: (n: number) => Shape }> = {
  knex: { nPlusOne: (n) => ({ data: n + 1, other: 0, rows: 2 * n }), batched: (n) => ({ data: 2, other: 0, rows: 2 * n }) },
  kysely: { nPlusOne: (n) => ({ data: n + 1, other: 0, rows: 2 * n }), batched: (n) => ({ data: 2, other: 0, rows: 2 * n }) },
  drizzle: { nPlusOne: (n) => ({ data: n + 1, other: 0, rows: 2 * n }), batched: (n) => ({ data: 1, other: 0, rows: n }) },
  typeorm: { nPlusOne: (n) => ({ data: n + 1, other: 0, rows: 2 * n }), batched: (n) => ({ data: 1, other: 0, rows: n }) },
  sequelize: { nPlusOne: (n) => ({ data: n + 1, other: n + 1, rows: 2 * n }), batched: (n) => ({ data: 1, other: 2, rows: n }) },
  mikroorm: { nPlusOne: (n) => ({ data: n + 1, other: 0, rows: 2 * n }), batched: (n) => ({ data: 1, other: 0, rows: n }) },
  objection: { nPlusOne: (n) => ({ data: n + 1, other: 0, rows: 2 * n }), batched: (n) => ({ data: 2, other: 0, rows: 2 * n }) },
  prisma: { nPlusOne: (n) => ({ data: n + 1, other: 0, rows: 2 * n }), batched: (n) => ({ data: 2, other: 0, rows: 2 * n }) },
};

/** The seed: user i = { id: i, name: `User ${i}`, email: `user${i}@example.com`, score: (7i) mod 100 }. */
function expectedAuthors(n: number) {
  return Array.from({ length: n }, (_, k) => {
    const i = k + 1;
    return { email: `user${i}@example.com`, id: i, name: `User ${i}`, score: (i * 7) % 100 };
  });
}

const table: { orm: string; n: number; variant: string; data: number; other: number; rows: number; ms: number }[] = [];

beforeAll(() => {
  ensureOrmsSetUp();
}, 600_000);

afterAll(() => {
  if (table.length === 0) return;
  const header = ['ORM', 'N', 'variant', 'data stmts', 'other stmts', 'rows', 'run ms'];
  const rows = table.map((r) => [r.orm, String(r.n), r.variant, String(r.data), String(r.other), String(r.rows), r.ms.toFixed(0)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(['Statements per ORM x N (runtime harness)', line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
});

describe.each(ORMS)('%s', (orm) => {
  it('N+1 example costs n + 1 data statements, the batched one at most 2, with identical results', async () => {
    const pair = AUTHOR_OF_EACH_POST[orm];
    const cases = SIZES.flatMap((n) => [
      { orm, n, source: pair.nPlusOne },
      { orm, n, source: pair.batched },
    ]);
    const results = await runOrmCases(cases);

    SIZES.forEach((n, i) => {
      const bad = results[2 * i]!;
      const fixed = results[2 * i + 1]!;
      table.push({ orm, n, variant: 'N+1', data: bad.dataStatements, other: bad.otherStatements, rows: bad.rowsReturned, ms: bad.runMs });
      table.push({ orm, n, variant: 'batched', data: fixed.dataStatements, other: fixed.otherStatements, rows: fixed.rowsReturned, ms: fixed.runMs });

      // The results are real data (normalised to plain JSON) and the two versions agree.
      expect(bad.result).toEqual(expectedAuthors(n));
      expect(sameResult(bad.result, fixed.result)).toBe(true);
      expect(fixed.result).toEqual(bad.result);

      expect({ data: bad.dataStatements, other: bad.otherStatements, rows: bad.rowsReturned }).toEqual(EXPECTED[orm].nPlusOne(n));
      expect({ data: fixed.dataStatements, other: fixed.otherStatements, rows: fixed.rowsReturned }).toEqual(EXPECTED[orm].batched(n));
      expect(fixed.dataStatements).toBeLessThanOrEqual(2);
      expect(bad.statements).toHaveLength(bad.dataStatements + bad.otherStatements);
      // Every statement after the first data statement of the N+1 version is the same author lookup.
      const lookups = bad.details.filter((s) => s.kind === 'data').slice(1);
      expect(new Set(lookups.map((s) => s.sql.replace(/\d+/g, '?'))).size).toBe(1);
      expect(lookups.every((s) => /users/i.test(s.sql))).toBe(true);
    });
  });
});

describe('harness self-checks', () => {
  it('detects a "fix" that changes the result (lost where clause)', async () => {
    const [bad, wrong] = await runOrmCases([
      { orm: LOST_WHERE.orm, n: 10, source: LOST_WHERE.nPlusOne },
      { orm: LOST_WHERE.orm, n: 10, source: LOST_WHERE.wrongFix },
    ]);
    // Fewer statements, but not the same answer: authors of the 5 published posts vs all 10 users.
    expect(bad!.dataStatements).toBe(6);
    expect(wrong!.dataStatements).toBe(2);
    expect((bad!.result as unknown[]).length).toBe(5);
    expect((wrong!.result as unknown[]).length).toBe(10);
    expect(sameResult(bad!.result, wrong!.result)).toBe(false);
    expect(() => expect(wrong!.result).toEqual(bad!.result)).toThrow();
  });

  it('reports errors thrown by the example with the statements run so far', async () => {
    const source = `
import { knex } from './db';
export async function run() {
  await knex('users').select('id');
  await knex('no_such_table').select('*');
}
`;
    const error = await runOrmCase({ orm: 'knex', n: 3, source }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrmCaseError);
    expect((error as OrmCaseError).message).toMatch(/no such table: no_such_table/);
    // Only executed statements are counted: the second query fails while being prepared.
    expect((error as OrmCaseError).statements.map((s) => s.sql)).toEqual(['select `id` from `users`']);
  });

  it('counts transaction statements as "other" and splits exec() scripts into statements', async () => {
    const source = `
import { knex } from './db';
export async function run() {
  await knex.transaction(async (trx) => {
    await trx('users').where({ id: 1 }).update({ score: 99 });
  });
  return knex('users').where({ id: 1 }).first();
}
`;
    const r = await runOrmCase({ orm: 'knex', n: 3, source });
    expect(r.result).toEqual({ email: 'user1@example.com', id: 1, name: 'User 1', score: 99 });
    expect(r.dataStatements).toBe(2);
    expect(r.details.filter((s) => s.kind === 'other').map((s) => /^\w+/.exec(s.sql)![0].toUpperCase())).toEqual(['BEGIN', 'COMMIT']);

    const script = `
import { db, users } from './db';
export async function run() {
  db.$client.exec("UPDATE users SET score = 1; -- a comment; still one statement\\nUPDATE users SET name = 'a;b' WHERE id = 2; PRAGMA user_version = 3");
  return db.select().from(users).orderBy(users.id);
}
`;
    const e = await runOrmCase({ orm: 'drizzle', n: 2, source: script });
    expect(e.details.map((s) => s.kind)).toEqual(['data', 'data', 'other', 'data']);
    expect(e.dataStatements).toBe(3);
    expect(e.rowsReturned).toBe(2);
    expect(e.result).toEqual([
      { email: 'user1@example.com', id: 1, name: 'User 1', score: 1 },
      { email: 'user2@example.com', id: 2, name: 'a;b', score: 1 },
    ]);
  });

  it('lets examples import installed packages directly (same module instance as ./db)', async () => {
    const source = `
import { In } from 'typeorm';
import { postRepo, userRepo } from './db';

export async function run() {
  const posts = await postRepo.find({ order: { id: 'ASC' } });
  const users = await userRepo.find({ where: { id: In(posts.map((p) => p.authorId)) }, order: { id: 'ASC' } });
  return users;
}
`;
    const r = await runOrmCase({ orm: 'typeorm', n: 5, source });
    expect(r.result).toEqual(expectedAuthors(5));
    expect(r.dataStatements).toBe(2);
  });

  it('sees Prisma batching findUnique calls issued in the same tick (Promise.all is not N+1)', async () => {
    const source = `
import { prisma } from './db';

export async function run() {
  const posts = await prisma.post.findMany({ orderBy: { id: 'asc' } });
  return Promise.all(posts.map((p) => prisma.user.findUnique({ where: { id: p.authorId } })));
}
`;
    const r = await runOrmCase({ orm: 'prisma', n: 10, source });
    expect(r.result).toEqual(expectedAuthors(10));
    // posts + one compacted "WHERE id IN (...)" for the ten findUnique calls
    expect(r.dataStatements).toBe(2);
    expect(r.statements[1]).toMatch(/ IN \(/);
  });

  it('only lets examples import ./db and installed packages', async () => {
    await expect(
      runOrmCase({ orm: 'knex', n: 1, source: `import { x } from '../secret'; export async function run() { return x; }` }),
    ).rejects.toThrow(/may import only '\.\/db'/);
  });
});
