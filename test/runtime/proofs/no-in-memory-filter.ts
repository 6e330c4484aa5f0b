/**
 * no-in-memory-filter: `rows.slice(0, n)` of an ordered query becomes the ORM's limit (an exact fix).
 * Claim: N rows → 3, with the same three posts. The order is total (views, then id) so both versions
 * agree on ties.
 */
import { rowsToAtMost } from './claims.js';
import type { RuleProof } from './types.js';

const SCENARIO = 'three most viewed posts, cut with slice(0, 3)';

export const noInMemoryFilter: RuleProof = {
  rule: 'no-in-memory-filter',
  claim: rowsToAtMost(3),
  cases: [
    {
      orm: 'knex',
      scenario: SCENARIO,
      at: 'posts.slice(0, 3)',
      messageId: 'inMemory',
      source: `
import { knex } from './db';

export async function run() {
  const posts = await knex('posts').orderBy('views', 'desc').orderBy('id');
  return posts.slice(0, 3);
}
`,
    },
    {
      orm: 'kysely',
      scenario: SCENARIO,
      at: 'posts.slice(0, 3)',
      messageId: 'inMemory',
      source: `
import { db } from './db';

export async function run() {
  const posts = await db.selectFrom('posts').selectAll().orderBy('views', 'desc').orderBy('id', 'asc').execute();
  return posts.slice(0, 3);
}
`,
    },
    {
      orm: 'drizzle',
      scenario: SCENARIO,
      at: 'posts.slice(0, 3)',
      messageId: 'inMemory',
      source: `
import { asc, db, desc, posts as postsTable } from './db';

export async function run() {
  const posts = await db.select().from(postsTable).orderBy(desc(postsTable.views), asc(postsTable.id));
  return posts.slice(0, 3);
}
`,
    },
    {
      orm: 'typeorm',
      scenario: SCENARIO,
      at: 'posts.slice(0, 3)',
      messageId: 'inMemory',
      source: `
import { postRepo } from './db';

export async function run() {
  const posts = await postRepo.find({ order: { views: 'DESC', id: 'ASC' } });
  return posts.slice(0, 3);
}
`,
    },
    {
      orm: 'sequelize',
      scenario: SCENARIO,
      at: 'posts.slice(0, 3)',
      messageId: 'inMemory',
      source: `
import { Post } from './db';

export async function run() {
  const posts = await Post.findAll({ order: [['views', 'DESC'], ['id', 'ASC']] });
  return posts.slice(0, 3);
}
`,
    },
    {
      orm: 'mikroorm',
      scenario: SCENARIO,
      at: 'posts.slice(0, 3)',
      messageId: 'inMemory',
      source: `
import { em, Post } from './db';

export async function run() {
  const posts = await em.find(Post, {}, { orderBy: { views: 'desc', id: 'asc' } });
  return posts.slice(0, 3);
}
`,
    },
    {
      orm: 'objection',
      scenario: SCENARIO,
      at: 'posts.slice(0, 3)',
      messageId: 'inMemory',
      source: `
import { Post } from './db';

export async function run() {
  const posts = await Post.query().orderBy('views', 'desc').orderBy('id');
  return posts.slice(0, 3);
}
`,
    },
    {
      orm: 'prisma',
      scenario: SCENARIO,
      at: 'posts.slice(0, 3)',
      messageId: 'inMemory',
      source: `
import { prisma } from './db';

export async function run() {
  const posts = await prisma.post.findMany({ orderBy: [{ views: 'desc' }, { id: 'asc' }] });
  return posts.slice(0, 3);
}
`,
    },
  ],
};
