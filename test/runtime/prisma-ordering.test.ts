/**
 * What `no-unordered-limit` relies on for Prisma, checked on the real engine: a read that pages (`take`,
 * `skip`, `cursor`) without `orderBy` is sent with `ORDER BY <primary key>`, so its rows are not
 * arbitrary; a plain `findFirst` is sent with a LIMIT and no ORDER BY, so it is reported.
 */
import { beforeAll, expect, it } from 'vitest';
import { ensureOrmsSetUp, runOrmCase } from './harness.js';

beforeAll(() => ensureOrmsSetUp());

const ORDERED_BY_ID = /ORDER BY `main`\.`posts`\.`id` ASC LIMIT/;

it('Prisma orders paging reads by the primary key, and leaves findFirst unordered', async () => {
  const source = `
import { prisma } from './db';
export async function run() {
  await prisma.post.findMany({ take: 3 });
  await prisma.post.findMany({ skip: 2 });
  await prisma.post.findMany({ cursor: { id: 3 } });
  await prisma.post.findFirst({ where: { published: true } });
  await prisma.post.findFirst({ where: { published: true }, take: 1 });
  return 1;
}`;
  const r = await runOrmCase({ orm: 'prisma', n: 5, source });
  const selects = r.details.filter((s) => s.kind === 'data').map((s) => s.sql);
  expect(selects).toHaveLength(5);
  const [take, skip, cursor, findFirst, findFirstTake] = selects;
  expect(take).toMatch(ORDERED_BY_ID);
  expect(skip).toMatch(ORDERED_BY_ID);
  expect(cursor).toMatch(ORDERED_BY_ID);
  expect(findFirst).toMatch(/\bLIMIT\b/);
  expect(findFirst).not.toMatch(/ORDER BY/);
  expect(findFirstTake).toMatch(ORDERED_BY_ID);
}, 180_000);
