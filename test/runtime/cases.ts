/**
 * Hand-written example pairs used to validate the harness itself: for each ORM, an N+1 version
 * (list posts ordered by id, then load each post's author by id in a for...of loop) and a batched
 * version (one IN query or an eager load) that returns exactly the same data.
 *
 * These "fixed" versions only prove that the harness measures and compares correctly; the fixed
 * code checked later comes from the linter's own suggestions.
 */
import type { OrmName } from './harness.js';

export interface ExamplePair {
  /** N+1: one query for the posts, then one query per post for its author. */
  nPlusOne: string;
  /** Same result with at most 2 data statements. */
  batched: string;
}

export const AUTHOR_OF_EACH_POST: Record<OrmName, ExamplePair> = {
  knex: {
    nPlusOne: `
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
    batched: `
import { knex } from './db';

export async function run() {
  const posts = await knex('posts').select('id', 'author_id').orderBy('id');
  const users = await knex('users').whereIn('id', posts.map((p) => p.author_id));
  const byId = new Map(users.map((u) => [u.id, u]));
  return posts.map((p) => byId.get(p.author_id));
}
`,
  },

  kysely: {
    nPlusOne: `
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
    batched: `
import { db } from './db';

export async function run() {
  const posts = await db.selectFrom('posts').select(['id', 'author_id']).orderBy('id').execute();
  const users = await db
    .selectFrom('users')
    .selectAll()
    .where('id', 'in', posts.map((p) => p.author_id))
    .execute();
  const byId = new Map(users.map((u) => [u.id, u]));
  return posts.map((p) => byId.get(p.author_id));
}
`,
  },

  drizzle: {
    nPlusOne: `
import { db, eq, posts, users } from './db';

export async function run() {
  const all = await db.select().from(posts).orderBy(posts.id);
  const authors = [];
  for (const post of all) {
    const [author] = await db.select().from(users).where(eq(users.id, post.authorId));
    authors.push(author);
  }
  return authors;
}
`,
    batched: `
import { db } from './db';

export async function run() {
  const all = await db.query.posts.findMany({
    with: { author: true },
    orderBy: (p, { asc }) => [asc(p.id)],
  });
  return all.map((p) => p.author);
}
`,
  },

  typeorm: {
    nPlusOne: `
import { postRepo, userRepo } from './db';

export async function run() {
  const posts = await postRepo.find({ order: { id: 'ASC' } });
  const authors = [];
  for (const post of posts) {
    authors.push(await userRepo.findOneBy({ id: post.authorId }));
  }
  return authors;
}
`,
    batched: `
import { postRepo } from './db';

export async function run() {
  const posts = await postRepo.find({ relations: { author: true }, order: { id: 'ASC' } });
  return posts.map((p) => p.author);
}
`,
  },

  sequelize: {
    nPlusOne: `
import { Post, User } from './db';

export async function run() {
  const posts = await Post.findAll({ order: [['id', 'ASC']] });
  const authors = [];
  for (const post of posts) {
    authors.push(await User.findByPk(post.authorId));
  }
  return authors;
}
`,
    batched: `
import { Post, User } from './db';

export async function run() {
  const posts = await Post.findAll({ include: [{ model: User, as: 'author' }], order: [['id', 'ASC']] });
  return posts.map((p) => p.author);
}
`,
  },

  mikroorm: {
    nPlusOne: `
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
    batched: `
import { em, Post } from './db';

export async function run() {
  const posts = await em.find(Post, {}, { orderBy: { id: 'asc' }, populate: ['author'] });
  return posts.map((p) => p.author);
}
`,
  },

  objection: {
    nPlusOne: `
import { Post, User } from './db';

export async function run() {
  const posts = await Post.query().orderBy('id');
  const authors = [];
  for (const post of posts) {
    authors.push(await User.query().findById(post.author_id));
  }
  return authors;
}
`,
    batched: `
import { Post } from './db';

export async function run() {
  const posts = await Post.query().orderBy('id').withGraphFetched('author');
  return posts.map((p) => p.author);
}
`,
  },

  prisma: {
    nPlusOne: `
import { prisma } from './db';

export async function run() {
  const posts = await prisma.post.findMany({ orderBy: { id: 'asc' } });
  const authors = [];
  for (const post of posts) {
    authors.push(await prisma.user.findUnique({ where: { id: post.authorId } }));
  }
  return authors;
}
`,
    batched: `
import { prisma } from './db';

export async function run() {
  const posts = await prisma.post.findMany({ orderBy: { id: 'asc' }, include: { author: true } });
  return posts.map((p) => p.author);
}
`,
  },
};

/**
 * A pair that must NOT compare equal: the N+1 version loads the authors of published posts only;
 * the "fix" lost the `where` and returns every user.
 */
export const LOST_WHERE: { orm: OrmName; nPlusOne: string; wrongFix: string } = {
  orm: 'knex',
  nPlusOne: `
import { knex } from './db';

export async function run() {
  const posts = await knex('posts').where({ published: 1 }).orderBy('id');
  const authors = [];
  for (const post of posts) {
    authors.push(await knex('users').where({ id: post.author_id }).first());
  }
  return authors;
}
`,
  wrongFix: `
import { knex } from './db';

export async function run() {
  const posts = await knex('posts').orderBy('id');
  const users = await knex('users').whereIn('id', posts.map((p) => p.author_id));
  const byId = new Map(users.map((u) => [u.id, u]));
  return posts.map((p) => byId.get(p.author_id));
}
`,
};
