/**
 * prefer-exists: rows fetched only to test whether there are any become the ORM's existence query.
 * Claim: N rows → at most 1, with the same answer. Every post matches (`views >= 0`).
 */
import { rowsToAtMostOne } from './claims.js';
import type { RuleProof } from './types.js';

const SCENARIO = 'any post with views ≥ 0? (every post matches)';

/** The emptiness test written as `rows.length === 0`: the rewrite must keep the polarity. */
const READERS = 'any comments not by user 1? (tested with === 0)';

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
    {
      orm: 'knex',
      scenario: READERS,
      at: 'const rows = await',
      messageId: 'rowsToTest',
      source: `
import { knex } from './db';

export async function run() {
  // Comments not written by the admin (user 1).
  const rows = await knex('comments').where('author_id', '!=', 1);
  return rows.length === 0 ? "no comments from readers" : "readers are commenting";
}
`,
    },
    {
      orm: 'kysely',
      scenario: READERS,
      at: 'const rows = await',
      messageId: 'rowsToTest',
      source: `
import { db } from './db';

export async function run() {
  // Comments not written by the admin (user 1).
  const rows = await db.selectFrom('comments').selectAll().where('author_id', '!=', 1).execute();
  return rows.length === 0 ? "no comments from readers" : "readers are commenting";
}
`,
    },
    {
      orm: 'drizzle',
      scenario: READERS,
      at: 'const rows = await',
      messageId: 'rowsToTest',
      source: `
import { comments, db, ne } from './db';

export async function run() {
  // Comments not written by the admin (user 1).
  const rows = await db.select().from(comments).where(ne(comments.authorId, 1));
  return rows.length === 0 ? "no comments from readers" : "readers are commenting";
}
`,
    },
    {
      orm: 'typeorm',
      scenario: READERS,
      at: 'const rows = await',
      messageId: 'rowsToTest',
      source: `
import { commentRepo, Not } from './db';

export async function run() {
  // Comments not written by the admin (user 1).
  const rows = await commentRepo.findBy({ authorId: Not(1) });
  return rows.length === 0 ? "no comments from readers" : "readers are commenting";
}
`,
    },
    {
      orm: 'sequelize',
      scenario: READERS,
      at: 'const rows = await',
      messageId: 'rowsToTest',
      source: `
import { Comment, Op } from './db';

export async function run() {
  // Comments not written by the admin (user 1).
  const rows = await Comment.findAll({ where: { authorId: { [Op.ne]: 1 } } });
  return rows.length === 0 ? "no comments from readers" : "readers are commenting";
}
`,
    },
    {
      orm: 'mikroorm',
      scenario: READERS,
      at: 'const rows = await',
      messageId: 'rowsToTest',
      source: `
import { Comment, em } from './db';

export async function run() {
  // Comments not written by the admin (user 1).
  const rows = await em.find(Comment, { author: { $ne: 1 } });
  return rows.length === 0 ? "no comments from readers" : "readers are commenting";
}
`,
    },
    {
      orm: 'objection',
      scenario: READERS,
      at: 'const rows = await',
      messageId: 'rowsToTest',
      source: `
import { Comment } from './db';

export async function run() {
  // Comments not written by the admin (user 1).
  const rows = await Comment.query().where('author_id', '!=', 1);
  return rows.length === 0 ? "no comments from readers" : "readers are commenting";
}
`,
    },
    {
      orm: 'prisma',
      scenario: READERS,
      at: 'const rows = await',
      messageId: 'rowsToTest',
      source: `
import { prisma } from './db';

export async function run() {
  // Comments not written by the admin (user 1).
  const rows = await prisma.comment.findMany({ where: { authorId: { not: 1 } } });
  return rows.length === 0 ? "no comments from readers" : "readers are commenting";
}
`,
    },
  ],
};
