/**
 * no-query-in-loop: a read per item of a loop becomes one batched query before the loop and a Map
 * (or filter) lookup inside it. Claim: N+1 data statements → at most 2, with identical results.
 *
 * Per-row loads of a relation (the author of each post, keyed by `post.authorId`) are
 * prefer-eager-load's reports for the ORMs that have relations; no-query-in-loop keeps the keyed
 * lookups that are not relations, and every per-item lookup of Knex and Kysely.
 */
import { nPlusOneToTwo } from './claims.js';
import type { RuleProof } from './types.js';

/**
 * One row per key by a column that is not unique: view counts repeat once N > 50 (views = 13i mod 50),
 * and one wanted value matches no post, so the rewrite must keep "the first row" and "no row" exactly
 * as the ORM's one-row method returns them (`null` or `undefined`).
 */
const FIRST_PER_VIEWS = 'first post per view count (repeats, one miss)';
/** The author of each post by `authorId`: a plain keyed lookup for ORMs without relations in play. */
const AUTHOR_PER_POST = 'author of each post';

export const noQueryInLoop: RuleProof = {
  rule: 'no-query-in-loop',
  claim: nPlusOneToTwo,
  cases: [
  {
    orm: 'knex',
    scenario: FIRST_PER_VIEWS,
    at: '.first()',
    messageId: 'queryInLoop',
    source: `
import { knex } from './db';

export async function run() {
  const posts = await knex('posts').select('views').orderBy('id');
  // View counts to look up: every post's (they repeat once N > 50) and one no post has.
  const wanted = [...posts.map((p) => p.views), 999];
  const out = [];
  for (const views of wanted) {
    const post = await knex('posts').where({ views }).first();
    out.push({ views, post });
  }
  return out;
}
`,
  },
  {
    orm: 'kysely',
    scenario: FIRST_PER_VIEWS,
    at: '.executeTakeFirst()',
    messageId: 'queryInLoop',
    source: `
import { db } from './db';

export async function run() {
  const posts = await db.selectFrom('posts').select('views').orderBy('id').execute();
  // View counts to look up: every post's (they repeat once N > 50) and one no post has.
  const wanted = [...posts.map((p) => p.views), 999];
  const out = [];
  for (const views of wanted) {
    const post = await db.selectFrom('posts').selectAll().where('views', '=', views).executeTakeFirst();
    out.push({ views, post });
  }
  return out;
}
`,
  },
  {
    orm: 'drizzle',
    scenario: FIRST_PER_VIEWS,
    at: 'findFirst(',
    messageId: 'queryInLoop',
    source: `
import { asc, db, eq, posts } from './db';

export async function run() {
  const all = await db.select({ views: posts.views }).from(posts).orderBy(asc(posts.id));
  // View counts to look up: every post's (they repeat once N > 50) and one no post has.
  const wanted = [...all.map((p) => p.views), 999];
  const out = [];
  for (const views of wanted) {
    const post = await db.query.posts.findFirst({ where: eq(posts.views, views) });
    out.push({ views, post });
  }
  return out;
}
`,
  },
  {
    orm: 'typeorm',
    scenario: FIRST_PER_VIEWS,
    at: 'findOneBy(',
    messageId: 'queryInLoop',
    source: `
import { postRepo } from './db';

export async function run() {
  const posts = await postRepo.find({ select: { views: true }, order: { id: 'ASC' } });
  // View counts to look up: every post's (they repeat once N > 50) and one no post has.
  const wanted = [...posts.map((p) => p.views), 999];
  const out = [];
  for (const views of wanted) {
    const post = await postRepo.findOneBy({ views });
    out.push({ views, post });
  }
  return out;
}
`,
  },
  {
    orm: 'sequelize',
    scenario: FIRST_PER_VIEWS,
    at: 'findOne(',
    messageId: 'queryInLoop',
    source: `
import { Post } from './db';

export async function run() {
  const posts = await Post.findAll({ attributes: ['views'], order: [['id', 'ASC']] });
  // View counts to look up: every post's (they repeat once N > 50) and one no post has.
  const wanted = [...posts.map((p) => p.views), 999];
  const out = [];
  for (const views of wanted) {
    const post = await Post.findOne({ where: { views } });
    out.push({ views, post });
  }
  return out;
}
`,
  },
  {
    orm: 'mikroorm',
    scenario: FIRST_PER_VIEWS,
    at: 'em.findOne(',
    messageId: 'queryInLoop',
    source: `
import { em, Post } from './db';

export async function run() {
  const posts = await em.find(Post, {}, { fields: ['views'], orderBy: { id: 'asc' } });
  // View counts to look up: every post's (they repeat once N > 50) and one no post has.
  const wanted = [...posts.map((p) => p.views), 999];
  em.clear();
  const out = [];
  for (const views of wanted) {
    const post = await em.findOne(Post, { views });
    out.push({ views, post });
  }
  return out;
}
`,
  },
  {
    orm: 'objection',
    scenario: FIRST_PER_VIEWS,
    at: '.first()',
    messageId: 'queryInLoop',
    source: `
import { Post } from './db';

export async function run() {
  const posts = await Post.query().select('views').orderBy('id');
  // View counts to look up: every post's (they repeat once N > 50) and one no post has.
  const wanted = [...posts.map((p) => p.views), 999];
  const out = [];
  for (const views of wanted) {
    const post = await Post.query().where('views', views).first();
    out.push({ views, post });
  }
  return out;
}
`,
  },
  {
    orm: 'prisma',
    scenario: FIRST_PER_VIEWS,
    at: 'findFirst(',
    messageId: 'queryInLoop',
    source: `
import { prisma } from './db';

export async function run() {
  const posts = await prisma.post.findMany({ select: { views: true }, orderBy: { id: 'asc' } });
  // View counts to look up: every post's (they repeat once N > 50) and one no post has.
  const wanted = [...posts.map((p) => p.views), 999];
  const out = [];
  for (const views of wanted) {
    const post = await prisma.post.findFirst({ where: { views } });
    out.push({ views, post });
  }
  return out;
}
`,
  },
  {
    orm: 'knex',
    scenario: AUTHOR_PER_POST,
    at: '.first()',
    messageId: 'queryInLoop',
    source: `
import { knex } from './db';

export async function run() {
  const posts = await knex('posts').select('id', 'author_id').orderBy('id');
  const authors = [];
  for (const post of posts) {
    authors.push(await knex('users').where({ id: post.author_id }).first());
  }
  return authors;
}
`,
  },
  {
    orm: 'kysely',
    scenario: AUTHOR_PER_POST,
    at: 'executeTakeFirst()',
    messageId: 'queryInLoop',
    source: `
import { db } from './db';

export async function run() {
  const posts = await db.selectFrom('posts').select(['id', 'author_id']).orderBy('id').execute();
  const authors = [];
  for (const post of posts) {
    authors.push(await db.selectFrom('users').selectAll().where('id', '=', post.author_id).executeTakeFirst());
  }
  return authors;
}
`,
  },
  {
    orm: 'drizzle',
    scenario: AUTHOR_PER_POST,
    at: 'await db.select().from(users)',
    messageId: 'queryInLoop',
    source: `
import { asc, db, eq, posts, users } from './db';

export async function run() {
  const all = await db.select().from(posts).orderBy(asc(posts.id));
  const authors = [];
  for (const post of all) {
    const [author] = await db.select().from(users).where(eq(users.id, post.authorId));
    authors.push(author);
  }
  return authors;
}
`,
  },
  {
    orm: 'mikroorm',
    scenario: 'author of each post, findOneOrFail',
    reason: '`findOneOrFail` throws when the row is missing; a Map lookup after one batched `find` would not, so no rewrite is offered',
    example: {
      at: 'findOneOrFail(',
      messageId: 'queryInLoop',
      source: `
import { em, Post, User } from './db';

export async function run() {
  const posts = await em.find(Post, {}, { orderBy: { id: 'asc' } });
  const authors = [];
  for (const post of posts) {
    authors.push(await em.findOneOrFail(User, { id: post.author.id }));
  }
  return authors;
}
`,
    },
  },
  ],
};
