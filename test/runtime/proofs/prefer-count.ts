/**
 * prefer-count: rows fetched only for their number become the ORM's count. Claim: N rows → 1, with
 * the same number. Every post matches (`views >= 0`), so the ❌ version transfers N rows.
 */
import { rowsToOne } from './claims.js';
import type { RuleProof } from './types.js';

const SCENARIO = 'number of posts with views ≥ 0 (every post)';

/** A filter that excludes rows (comments not by user 1: 2N - 2 of 2N), so a lost filter changes the number. */
const READERS = 'comments not by user 1 (the filter matters)';

export const preferCount: RuleProof = {
  rule: 'prefer-count',
  claim: rowsToOne,
  cases: [
    {
      orm: 'knex',
      scenario: SCENARIO,
      at: "await knex('posts')",
      messageId: 'fetchToCount',
      source: `
import { knex } from './db';

export async function run() {
  return (await knex('posts').where('views', '>=', 0).orderBy('id')).length;
}
`,
    },
    {
      orm: 'kysely',
      scenario: SCENARIO,
      at: "await db.selectFrom('posts')",
      messageId: 'fetchToCount',
      source: `
import { db } from './db';

export async function run() {
  const rows = await db.selectFrom('posts').selectAll().where('views', '>=', 0).execute();
  return rows.length;
}
`,
    },
    {
      orm: 'drizzle',
      scenario: SCENARIO,
      at: 'await db.select()',
      messageId: 'fetchToCount',
      source: `
import { db, gte, posts } from './db';

export async function run() {
  const rows = await db.select().from(posts).where(gte(posts.views, 0));
  return { total: rows.length };
}
`,
    },
    {
      orm: 'typeorm',
      scenario: SCENARIO,
      at: 'await postRepo.find(',
      messageId: 'fetchToCount',
      source: `
import { MoreThanOrEqual, postRepo } from './db';

export async function run() {
  const rows = await postRepo.find({ where: { views: MoreThanOrEqual(0) }, order: { id: 'ASC' } });
  return rows.length === 0 ? 'none' : rows.length;
}
`,
    },
    {
      orm: 'sequelize',
      scenario: SCENARIO,
      at: 'await Post.findAll(',
      messageId: 'fetchToCount',
      source: `
import { Op, Post } from './db';

export async function run() {
  return (await Post.findAll({ where: { views: { [Op.gte]: 0 } }, order: [['id', 'ASC']] })).length;
}
`,
    },
    {
      orm: 'mikroorm',
      scenario: SCENARIO,
      at: 'await em.find(',
      messageId: 'fetchToCount',
      source: `
import { em, Post } from './db';

export async function run() {
  return (await em.find(Post, { views: { $gte: 0 } }, { orderBy: { id: 'asc' } })).length;
}
`,
    },
    {
      orm: 'objection',
      scenario: SCENARIO,
      at: 'await Post.query()',
      messageId: 'fetchToCount',
      source: `
import { Post } from './db';

export async function run() {
  const rows = await Post.query().where('views', '>=', 0).orderBy('id');
  return rows.length;
}
`,
    },
    {
      orm: 'prisma',
      scenario: SCENARIO,
      at: 'await prisma.post.findMany(',
      messageId: 'fetchToCount',
      source: `
import { prisma } from './db';

export async function run() {
  const rows = await prisma.post.findMany({ where: { views: { gte: 0 } }, orderBy: { id: 'asc' }, include: { author: true } });
  return rows.length;
}
`,
    },
    {
      orm: 'knex',
      scenario: READERS,
      at: 'const rows = await',
      messageId: 'fetchToCount',
      source: `
import { knex } from './db';

export async function run() {
  // Comments not written by the admin (user 1).
  const rows = await knex('comments').where('author_id', '!=', 1);
  return rows.length;
}
`,
    },
    {
      orm: 'kysely',
      scenario: READERS,
      at: 'const rows = await',
      messageId: 'fetchToCount',
      source: `
import { db } from './db';

export async function run() {
  // Comments not written by the admin (user 1).
  const rows = await db.selectFrom('comments').selectAll().where('author_id', '!=', 1).execute();
  return rows.length;
}
`,
    },
    {
      orm: 'drizzle',
      scenario: READERS,
      at: 'const rows = await',
      messageId: 'fetchToCount',
      source: `
import { comments, db, ne } from './db';

export async function run() {
  // Comments not written by the admin (user 1).
  const rows = await db.select().from(comments).where(ne(comments.authorId, 1));
  return rows.length;
}
`,
    },
    {
      orm: 'typeorm',
      scenario: READERS,
      at: 'const rows = await',
      messageId: 'fetchToCount',
      source: `
import { commentRepo, Not } from './db';

export async function run() {
  // Comments not written by the admin (user 1).
  const rows = await commentRepo.findBy({ authorId: Not(1) });
  return rows.length;
}
`,
    },
    {
      orm: 'sequelize',
      scenario: READERS,
      at: 'const rows = await',
      messageId: 'fetchToCount',
      source: `
import { Comment, Op } from './db';

export async function run() {
  // Comments not written by the admin (user 1).
  const rows = await Comment.findAll({ where: { authorId: { [Op.ne]: 1 } } });
  return rows.length;
}
`,
    },
    {
      orm: 'mikroorm',
      scenario: READERS,
      at: 'const rows = await',
      messageId: 'fetchToCount',
      source: `
import { Comment, em } from './db';

export async function run() {
  // Comments not written by the admin (user 1).
  const rows = await em.find(Comment, { author: { $ne: 1 } });
  return rows.length;
}
`,
    },
    {
      orm: 'objection',
      scenario: READERS,
      at: 'const rows = await',
      messageId: 'fetchToCount',
      source: `
import { Comment } from './db';

export async function run() {
  // Comments not written by the admin (user 1).
  const rows = await Comment.query().where('author_id', '!=', 1);
  return rows.length;
}
`,
    },
    {
      orm: 'prisma',
      scenario: READERS,
      at: 'const rows = await',
      messageId: 'fetchToCount',
      source: `
import { prisma } from './db';

export async function run() {
  // Comments not written by the admin (user 1).
  const rows = await prisma.comment.findMany({ where: { authorId: { not: 1 } } });
  return rows.length;
}
`,
    },
  ],
};
