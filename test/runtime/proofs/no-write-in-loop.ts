/**
 * no-write-in-loop: a keyed write per item becomes one bulk statement. Claim: N write statements → 1,
 * with the same final table (each example reads the posts back after writing).
 *
 * Scenario: unpublish every post, one UPDATE per post (`published` → false, keyed by id).
 */
import { writesToOne } from './claims.js';
import type { RuleProof } from './types.js';

const ARCHIVE = 'unpublish every post, one UPDATE by id each';

/** One new row per user: N INSERTs → one multi-row INSERT (generated ids must come out the same). */
const INSERT = 'a welcome post per user, one INSERT each';

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
    {
      orm: 'knex',
      scenario: INSERT,
      at: '.insert(',
      messageId: 'writeInLoop',
      source: `
import { knex } from './db';

export async function run() {
  const users = await knex('users').select('id', 'name').orderBy('id');
  for (const user of users) {
    await knex('posts').insert({ title: 'Welcome, ' + user.name, author_id: user.id });
  }
  return knex('posts').select('id', 'title', 'author_id').where('id', '>', users.length).orderBy('id');
}
`,
    },
    {
      orm: 'kysely',
      scenario: INSERT,
      at: 'insertInto(',
      messageId: 'writeInLoop',
      source: `
import { db } from './db';

export async function run() {
  const users = await db.selectFrom('users').select(['id', 'name']).orderBy('id').execute();
  for (const user of users) {
    await db.insertInto('posts').values({ title: 'Welcome, ' + user.name, author_id: user.id }).execute();
  }
  return db.selectFrom('posts').select(['id', 'title', 'author_id']).where('id', '>', users.length).orderBy('id').execute();
}
`,
    },
    {
      orm: 'drizzle',
      scenario: INSERT,
      at: 'db.insert(',
      messageId: 'writeInLoop',
      source: `
import { asc, db, gt, posts, users } from './db';

export async function run() {
  const all = await db.select({ id: users.id, name: users.name }).from(users).orderBy(asc(users.id));
  for (const user of all) {
    await db.insert(posts).values({ title: 'Welcome, ' + user.name, authorId: user.id });
  }
  return db.select({ id: posts.id, title: posts.title, authorId: posts.authorId }).from(posts).where(gt(posts.id, all.length)).orderBy(asc(posts.id));
}
`,
    },
    {
      orm: 'typeorm',
      scenario: INSERT,
      at: 'postRepo.insert(',
      messageId: 'writeInLoop',
      source: `
import { MoreThan, postRepo, userRepo } from './db';

export async function run() {
  const users = await userRepo.find({ order: { id: 'ASC' } });
  for (const user of users) {
    await postRepo.insert({ title: 'Welcome, ' + user.name, authorId: user.id });
  }
  return postRepo.find({ select: { id: true, title: true, authorId: true }, where: { id: MoreThan(users.length) }, order: { id: 'ASC' } });
}
`,
    },
    {
      orm: 'sequelize',
      scenario: INSERT,
      at: 'Post.create(',
      messageId: 'writeInLoop',
      source: `
import { Op, Post, User } from './db';

export async function run() {
  const users = await User.findAll({ order: [['id', 'ASC']] });
  for (const user of users) {
    await Post.create({ title: 'Welcome, ' + user.name, authorId: user.id });
  }
  return Post.findAll({ attributes: ['id', 'title', 'authorId'], where: { id: { [Op.gt]: users.length } }, order: [['id', 'ASC']], raw: true });
}
`,
    },
    {
      orm: 'mikroorm',
      scenario: INSERT,
      at: 'em.insert(',
      messageId: 'writeInLoop',
      source: `
import { em, Post, User } from './db';

export async function run() {
  const users = await em.find(User, {}, { orderBy: { id: 'asc' } });
  for (const user of users) {
    await em.insert(Post, { title: 'Welcome, ' + user.name, author: user.id, published: false, views: 0 });
  }
  const created = await em.fork().find(Post, { id: { $gt: users.length } }, { orderBy: { id: 'asc' } });
  return created.map((p) => ({ id: p.id, title: p.title, author: p.author.id }));
}
`,
    },
    {
      orm: 'prisma',
      scenario: INSERT,
      at: 'prisma.post.create(',
      messageId: 'writeInLoop',
      source: `
import { prisma } from './db';

export async function run() {
  const users = await prisma.user.findMany({ orderBy: { id: 'asc' } });
  for (const user of users) {
    await prisma.post.create({ data: { title: 'Welcome, ' + user.name, authorId: user.id } });
  }
  return prisma.post.findMany({ select: { id: true, title: true, authorId: true }, where: { id: { gt: users.length } }, orderBy: { id: 'asc' } });
}
`,
    },
    {
      orm: 'objection',
      scenario: INSERT,
      reason: 'Objection inserts an array in one statement only on PostgreSQL (the one engine that returns every generated id), and \`insertGraph\` still inserts row by row: the rule reports without a suggestion',
      example: {
        at: '.insert(',
        messageId: 'writeInLoop',
        source: `
import { Post, User } from './db';

export async function run() {
  const users = await User.query().orderBy('id');
  for (const user of users) {
    await Post.query().insert({ title: 'Welcome, ' + user.name, author_id: user.id });
  }
  return Post.query().select('id', 'title', 'author_id').where('id', '>', users.length).orderBy('id');
}
`,
      },
    },
  ],
};
