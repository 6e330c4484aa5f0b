/**
 * prefer-atomic-update, the loop case: every row of a read bumped one by one (read, change in
 * JavaScript, write back) becomes one `UPDATE … SET views = views + 1 WHERE …`. Claim: the rows are no
 * longer fetched and one atomic write remains, with the same final table (MikroORM's unit of work already
 * sends its N changes as one statement; the rewrite still removes the read and the lost update).
 */
import { readModifyWriteToAtomic } from './claims.js';
import type { RuleProof } from './types.js';

const BUMP = 'add one view to every published post, row by row';

export const preferAtomicUpdate: RuleProof = {
  rule: 'prefer-atomic-update',
  claim: readModifyWriteToAtomic,
  cases: [
    {
      orm: 'knex',
      scenario: BUMP,
      at: 'views: post.views + 1',
      messageId: 'readModifyWrite',
      source: `
import { knex } from './db';

export async function run() {
  for (const post of await knex('posts').where('published', 1)) {
    await knex('posts').where({ id: post.id }).update({ views: post.views + 1 });
  }
  return knex('posts').select('id', 'views').orderBy('id');
}
`,
    },
    {
      orm: 'kysely',
      scenario: BUMP,
      at: 'views: post.views + 1',
      messageId: 'readModifyWrite',
      source: `
import { db } from './db';

export async function run() {
  for (const post of await db.selectFrom('posts').selectAll().where('published', '=', 1).execute()) {
    await db.updateTable('posts').set({ views: post.views + 1 }).where('id', '=', post.id).execute();
  }
  return db.selectFrom('posts').select(['id', 'views']).orderBy('id').execute();
}
`,
    },
    {
      orm: 'drizzle',
      scenario: BUMP,
      at: 'views: post.views + 1',
      messageId: 'readModifyWrite',
      source: `
import { asc, db, eq, posts } from './db';

export async function run() {
  for (const post of await db.select().from(posts).where(eq(posts.published, true))) {
    await db.update(posts).set({ views: post.views + 1 }).where(eq(posts.id, post.id));
  }
  return db.select({ id: posts.id, views: posts.views }).from(posts).orderBy(asc(posts.id));
}
`,
    },
    {
      orm: 'typeorm',
      scenario: BUMP,
      at: 'post.views += 1;',
      messageId: 'readModifyWrite',
      source: `
import { postRepo } from './db';

export async function run() {
  for (const post of await postRepo.findBy({ published: true })) {
    post.views += 1;
    await postRepo.save(post);
  }
  return postRepo.find({ select: { id: true, views: true }, order: { id: 'ASC' } });
}
`,
    },
    {
      orm: 'sequelize',
      scenario: BUMP,
      at: 'post.views += 1;',
      messageId: 'readModifyWrite',
      source: `
import { Post } from './db';

export async function run() {
  for (const post of await Post.findAll({ where: { published: true } })) {
    post.views += 1;
    await post.save();
  }
  return Post.findAll({ attributes: ['id', 'views'], order: [['id', 'ASC']], raw: true });
}
`,
    },
    {
      orm: 'mikroorm',
      scenario: BUMP,
      at: 'post.views += 1;',
      messageId: 'readModifyWrite',
      note: 'The lowercase column name lets the raw SQL expression name it.',
      source: `
import { em, Post } from './db';

export async function run() {
  for (const post of await em.find(Post, { published: true })) post.views += 1;
  await em.flush();
  return em.getConnection().execute('select id, views from posts order by id');
}
`,
    },
    {
      orm: 'objection',
      scenario: BUMP,
      at: 'views: post.views + 1',
      messageId: 'readModifyWrite',
      source: `
import { Post } from './db';

export async function run() {
  for (const post of await Post.query().where('published', 1)) {
    await Post.query().findById(post.id).patch({ views: post.views + 1 });
  }
  return Post.query().select('id', 'views').orderBy('id');
}
`,
    },
    {
      orm: 'prisma',
      scenario: BUMP,
      at: 'views: post.views + 1',
      messageId: 'readModifyWrite',
      source: `
import { prisma } from './db';

export async function run() {
  for (const post of await prisma.post.findMany({ where: { published: true } })) {
    await prisma.post.update({ where: { id: post.id }, data: { views: post.views + 1 } });
  }
  return prisma.post.findMany({ select: { id: true, views: true }, orderBy: { id: 'asc' } });
}
`,
    },
  ],
};
