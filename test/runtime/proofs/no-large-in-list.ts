/**
 * no-large-in-list: an IN list built from the rows of another query becomes that query as a subquery
 * (Knex, Objection, Kysely and Drizzle take a builder where the list goes). Claim: 2 round trips → 1,
 * and the first query's rows no longer travel to the application and back as parameters.
 */
import { twoStatementsToOne } from './claims.js';
import type { RuleProof } from './types.js';

/** Authors of the published posts: the ids come from one query and go into the next as an IN list. */
const AUTHORS = 'authors of published posts (IN list from rows)';
const RELATION_FILTER =
  'the one-query form is a relation filter (`posts: { some: { published: true } }`, `where: { posts: { … } }`, an `include` with `required: true`), which needs the relation name and a different query shape: the rule names it in its message and offers no rewrite';

export const noLargeInList: RuleProof = {
  rule: 'no-large-in-list',
  claim: twoStatementsToOne,
  cases: [
    {
      orm: 'knex',
      scenario: AUTHORS,
      at: 'return ',
      messageId: 'inListFromRows',
      source: `
import { knex } from './db';

export async function run() {
  const published = await knex('posts').where('published', 1).select('author_id');
  const ids = published.map((p) => p.author_id);
  return knex('users').whereIn('id', ids).orderBy('id');
}
`,
    },
    {
      orm: 'kysely',
      scenario: AUTHORS,
      at: 'return ',
      messageId: 'inListFromRows',
      source: `
import { db } from './db';

export async function run() {
  const published = await db.selectFrom('posts').select('author_id').where('published', '=', 1).execute();
  const ids = published.map((p) => p.author_id);
  return db.selectFrom('users').selectAll().where('id', 'in', ids).orderBy('id').execute();
}
`,
    },
    {
      orm: 'drizzle',
      scenario: AUTHORS,
      at: 'return ',
      messageId: 'inListFromRows',
      source: `
import { asc, db, eq, inArray, posts, users } from './db';

export async function run() {
  const published = await db.select({ authorId: posts.authorId }).from(posts).where(eq(posts.published, true));
  const ids = published.map((p) => p.authorId);
  return db.select().from(users).where(inArray(users.id, ids)).orderBy(asc(users.id));
}
`,
    },
    {
      orm: 'objection',
      scenario: AUTHORS,
      at: 'return ',
      messageId: 'inListFromRows',
      source: `
import { Post, User } from './db';

export async function run() {
  const published = await Post.query().where('published', 1).select('author_id');
  const ids = published.map((p) => p.author_id);
  return User.query().whereIn('id', ids).orderBy('id');
}
`,
    },
    {
      orm: 'typeorm',
      scenario: AUTHORS,
      reason: RELATION_FILTER,
      example: {
        at: 'return userRepo',
        messageId: 'inListFromRows',
        source: `
import { In, postRepo, userRepo } from './db';

export async function run() {
  const published = await postRepo.find({ where: { published: true }, select: { authorId: true } });
  const ids = published.map((p) => p.authorId);
  return userRepo.find({ where: { id: In(ids) }, order: { id: 'ASC' } });
}
`,
      },
    },
    {
      orm: 'sequelize',
      scenario: AUTHORS,
      reason: RELATION_FILTER,
      example: {
        at: 'return User',
        messageId: 'inListFromRows',
        source: `
import { Op, Post, User } from './db';

export async function run() {
  const published = await Post.findAll({ where: { published: true }, attributes: ['authorId'] });
  const ids = published.map((p) => p.authorId);
  return User.findAll({ where: { id: { [Op.in]: ids } }, order: [['id', 'ASC']] });
}
`,
      },
    },
    {
      orm: 'mikroorm',
      scenario: AUTHORS,
      reason: RELATION_FILTER,
      example: {
        at: 'return em',
        messageId: 'inListFromRows',
        source: `
import { em, Post, User } from './db';

export async function run() {
  const published = await em.find(Post, { published: true }, { fields: ['author'] });
  const ids = published.map((p) => p.author.id);
  return em.find(User, { id: { $in: ids } }, { orderBy: { id: 'asc' } });
}
`,
      },
    },
    {
      orm: 'prisma',
      scenario: AUTHORS,
      reason: RELATION_FILTER,
      example: {
        at: 'return prisma',
        messageId: 'inListFromRows',
        source: `
import { prisma } from './db';

export async function run() {
  const published = await prisma.post.findMany({ where: { published: true }, select: { authorId: true } });
  const ids = published.map((p) => p.authorId);
  return prisma.user.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } });
}
`,
      },
    },
  ],
};
