/**
 * prefer-exists: rows fetched only to test whether there are any become the ORM's existence query.
 * Claim: N rows → at most 1, with the same answer. Every post matches (`views >= 0`).
 */
import { rowsToAtMostOne } from './claims.js';
import type { RuleProof } from './types.js';

const SCENARIO = 'any post with views ≥ 0? (every post matches)';

export const preferExists: RuleProof = {
  rule: 'prefer-exists',
  claim: rowsToAtMostOne,
  cases: [
    {
      orm: 'knex',
      scenario: SCENARIO,
      at: "await knex('posts')",
      messageId: 'rowsToTest',
      source: `
import { knex } from './db';

export async function run() {
  const rows = await knex('posts').where('views', '>=', 0);
  return rows.length > 0 ? 'some' : 'none';
}
`,
    },
    {
      orm: 'kysely',
      scenario: SCENARIO,
      at: "await db.selectFrom('posts')",
      messageId: 'rowsToTest',
      source: `
import { db } from './db';

export async function run() {
  return (await db.selectFrom('posts').selectAll().where('views', '>=', 0).execute()).length > 0;
}
`,
    },
    {
      orm: 'drizzle',
      scenario: SCENARIO,
      at: 'await db.select()',
      messageId: 'rowsToTest',
      source: `
import { db, gte, posts } from './db';

export async function run() {
  const rows = await db.select().from(posts).where(gte(posts.views, 0));
  if (rows.length === 0) return 'none';
  return 'some';
}
`,
    },
    {
      orm: 'typeorm',
      scenario: SCENARIO,
      at: 'await postRepo.find(',
      messageId: 'rowsToTest',
      source: `
import { MoreThanOrEqual, postRepo } from './db';

export async function run() {
  const rows = await postRepo.find({ where: { views: MoreThanOrEqual(0) } });
  return !rows.length;
}
`,
    },
    {
      orm: 'sequelize',
      scenario: SCENARIO,
      at: 'await Post.findAll(',
      messageId: 'rowsToTest',
      source: `
import { Op, Post } from './db';

export async function run() {
  return (await Post.findAll({ where: { views: { [Op.gte]: 0 } } })).length > 0;
}
`,
    },
    {
      orm: 'mikroorm',
      scenario: SCENARIO,
      at: 'await em.find(',
      messageId: 'rowsToTest',
      source: `
import { em, Post } from './db';

export async function run() {
  const rows = await em.find(Post, { views: { $gte: 0 } });
  return rows.length > 0;
}
`,
    },
    {
      orm: 'objection',
      scenario: SCENARIO,
      at: 'await Post.query()',
      messageId: 'rowsToTest',
      source: `
import { Post } from './db';

export async function run() {
  return (await Post.query().where('views', '>=', 0)).length !== 0;
}
`,
    },
    {
      orm: 'prisma',
      scenario: SCENARIO,
      at: 'await prisma.post.findMany(',
      messageId: 'rowsToTest',
      source: `
import { prisma } from './db';

export async function run() {
  const rows = await prisma.post.findMany({ where: { views: { gte: 0 } } });
  return rows.length > 0;
}
`,
    },
  ],
};
