/**
 * no-write-in-loop: a keyed write per item becomes one bulk statement. Claim: N write statements → 1,
 * with the same final table (each example reads the posts back after writing).
 *
 * Scenario: unpublish every post, one UPDATE per post (`published` → false, keyed by id).
 */
import { writesToOne } from './claims.js';
import type { RuleProof } from './types.js';

const ARCHIVE = 'unpublish every post, one UPDATE by id each';

export const noWriteInLoop: RuleProof = {
  rule: 'no-write-in-loop',
  claim: writesToOne,
  cases: [
    {
      orm: 'knex',
      scenario: ARCHIVE,
      at: '.update(',
      messageId: 'writeInLoop',
      source: `
import { knex } from './db';

export async function run() {
  const posts = await knex('posts').select('id').orderBy('id');
  for (const post of posts) await knex('posts').where('id', post.id).update({ published: 0 });
  return knex('posts').select('id', 'published').orderBy('id');
}
`,
    },
    {
      orm: 'kysely',
      scenario: ARCHIVE,
      at: "db.updateTable('posts')",
      messageId: 'writeInLoop',
      source: `
import { db } from './db';

export async function run() {
  const posts = await db.selectFrom('posts').select('id').orderBy('id').execute();
  for (const post of posts) await db.updateTable('posts').set({ published: 0 }).where('id', '=', post.id).execute();
  return db.selectFrom('posts').select(['id', 'published']).orderBy('id').execute();
}
`,
    },
    {
      orm: 'drizzle',
      scenario: ARCHIVE,
      at: 'db.update(posts)',
      messageId: 'writeInLoop',
      source: `
import { asc, db, eq, posts } from './db';

export async function run() {
  const all = await db.select({ id: posts.id }).from(posts).orderBy(asc(posts.id));
  for (const post of all) await db.update(posts).set({ published: false }).where(eq(posts.id, post.id));
  return db.select({ id: posts.id, published: posts.published }).from(posts).orderBy(asc(posts.id));
}
`,
    },
    {
      orm: 'typeorm',
      scenario: ARCHIVE,
      at: 'postRepo.update(',
      messageId: 'writeInLoop',
      source: `
import { postRepo } from './db';

export async function run() {
  const posts = await postRepo.find({ order: { id: 'ASC' } });
  for (const post of posts) await postRepo.update(post.id, { published: false });
  return postRepo.find({ select: { id: true, published: true }, order: { id: 'ASC' } });
}
`,
    },
    {
      orm: 'sequelize',
      scenario: ARCHIVE,
      at: 'Post.update(',
      messageId: 'writeInLoop',
      source: `
import { Post } from './db';

export async function run() {
  const posts = await Post.findAll({ order: [['id', 'ASC']] });
  for (const post of posts) await Post.update({ published: false }, { where: { id: post.id } });
  return Post.findAll({ attributes: ['id', 'published'], order: [['id', 'ASC']], raw: true });
}
`,
    },
    {
      orm: 'mikroorm',
      scenario: ARCHIVE,
      at: 'em.nativeUpdate(',
      messageId: 'writeInLoop',
      source: `
import { em, Post } from './db';

export async function run() {
  const posts = await em.find(Post, {}, { orderBy: { id: 'asc' } });
  for (const post of posts) await em.nativeUpdate(Post, { id: post.id }, { published: false });
  return em.getConnection().execute('select id, published from posts order by id');
}
`,
    },
    {
      orm: 'mikroorm',
      scenario: 'retitle every post, flushing each one',
      at: 'await em.flush();',
      messageId: 'flushInLoop',
      note: 'MikroORM batches the queued UPDATEs of one flush into one statement.',
      source: `
import { em, Post } from './db';

export async function run() {
  const posts = await em.find(Post, {}, { orderBy: { id: 'asc' } });
  for (const post of posts) {
    post.title = \`\${post.title}!\`;
    await em.flush();
  }
  return em.getConnection().execute('select id, title from posts order by id');
}
`,
    },
    {
      orm: 'objection',
      scenario: ARCHIVE,
      at: '.patch(',
      messageId: 'writeInLoop',
      source: `
import { Post } from './db';

export async function run() {
  const posts = await Post.query().select('id').orderBy('id');
  for (const post of posts) await Post.query().findById(post.id).patch({ published: 0 });
  return Post.query().select('id', 'published').orderBy('id');
}
`,
    },
    {
      orm: 'prisma',
      scenario: ARCHIVE,
      at: 'prisma.post.update(',
      messageId: 'writeInLoop',
      source: `
import { prisma } from './db';

export async function run() {
  const posts = await prisma.post.findMany({ orderBy: { id: 'asc' } });
  for (const post of posts) await prisma.post.update({ where: { id: post.id }, data: { published: false } });
  return prisma.post.findMany({ select: { id: true, published: true }, orderBy: { id: 'asc' } });
}
`,
    },
  ],
};
